using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Notifications;

namespace SatuAtap.Core.Licensing;

/// <summary>Where a confirmation code went: the owner's contacts, mostly hidden, and until when it holds.</summary>
public sealed record ConfirmationSent(IReadOnlyList<string> SentTo, DateTime ExpiresAt, int CodesLeft);

/// <summary>
/// Sends the business owner a fresh code to confirm a bundle an officer made on their behalf, through the
/// Notifications outbox (email, and SMS or WhatsApp when the mall sends them), to the contacts the officer recorded on
/// the bundle's applications. A new code replaces the waiting one and clears its wrong guesses; at most
/// <see cref="BundleConfirmation.MaxCodes"/> are sent for one bundle. Only the officer who made the bundle asks for one.
/// </summary>
public sealed class SendBundleConfirmation(SatuAtapDb db, Notifier notifier, MallTime time, IOptions<LicensingOptions> options)
{
    public async Task<Outcome<ConfirmationSent>> HandleAsync(Guid bundleId, Caller caller, CancellationToken ct = default)
    {
        var bundle = await db.LicensingBundles.FirstOrDefaultAsync(b => b.Id == bundleId, ct);
        if (bundle is null) return Outcome<ConfirmationSent>.NotFound(GetBundle.NotFound());
        var children = await GetBundle.ChildrenAsync(db, bundleId, ct);
        if (!GetBundle.MaySee(caller, bundle, children)) return Outcome<ConfirmationSent>.NotFound(GetBundle.NotFound());
        if (bundle.CapturedByUserId is null)
            return Outcome<ConfirmationSent>.Conflict(Lang.T("Bundel ini diajukan sendiri oleh pemohon; tidak perlu konfirmasi.",
                "The applicant made this bundle themselves; it needs no confirmation."));
        if (caller.UserId != bundle.CapturedByUserId)
            return Outcome<ConfirmationSent>.Forbidden(Lang.T("Hanya petugas yang membuat bundel ini yang dapat meminta kode.", "Only the officer who made this bundle can ask for a code."));
        if (bundle.ConfirmedAtUtc is not null)
            return Outcome<ConfirmationSent>.Conflict(Lang.T("Bundel ini sudah dikonfirmasi pemohon.", "The applicant has already confirmed this bundle."));
        if (!BundleConfirmation.MaySend(bundle.ConfirmationsSent))
            return Outcome<ConfirmationSent>.Conflict(Lang.T(
                $"Sudah {BundleConfirmation.MaxCodes} kode dikirim untuk bundel ini; buat bundel baru bersama pemohon.",
                $"{BundleConfirmation.MaxCodes} codes have been sent for this bundle already; make a new bundle with the applicant."));
        var owner = await db.Applications.AsNoTracking().Where(a => a.BundleId == bundleId).OrderBy(a => a.CreatedAtUtc).ThenBy(a => a.Id)
            .Select(a => new { a.ApplicantName, a.ApplicantEmail, a.ApplicantPhone, a.Language }).FirstOrDefaultAsync(ct);
        if (owner is null) return Outcome<ConfirmationSent>.NotFound(GetBundle.NotFound());

        var code = BundleConfirmation.NewCode();
        var minutes = options.Value.ConfirmationCodeMinutes;
        bundle.ConfirmationHash = BundleConfirmation.Hash(bundle.Id, code);
        bundle.ConfirmationExpiresAtUtc = time.UtcNow.AddMinutes(minutes);
        bundle.ConfirmationFailures = 0;
        bundle.ConfirmationsSent++;
        await notifier.EnqueueAsync(db, NotificationDefaults.BundleConfirm, new Notifier.Recipient(owner.ApplicantEmail, owner.ApplicantPhone, owner.Language),
            new Dictionary<string, string>
            {
                ["name"] = owner.ApplicantName, ["code"] = code, ["trackingNumber"] = bundle.TrackingNumber,
                ["minutes"] = minutes.ToString(CultureInfo.InvariantCulture),
            }, ct);
        var sentTo = db.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == EntityState.Added && e.Entity.EventCode == NotificationDefaults.BundleConfirm).Select(e => BundleConfirmation.MaskContact(e.Entity.Recipient)).ToList();
        if (sentTo.Count == 0)
            return Outcome<ConfirmationSent>.Invalid("applicant.email", Lang.T(
                "Kode tidak dapat dikirim: isi alamat email pemohon (SMS/WhatsApp tidak aktif di mal ini).",
                "The code cannot be sent: give the applicant's email address (this mall sends no SMS or WhatsApp)."));
        await db.SaveChangesAsync(ct);
        return Outcome<ConfirmationSent>.Ok(new ConfirmationSent(sentTo, DateTime.SpecifyKind(bundle.ConfirmationExpiresAtUtc.Value, DateTimeKind.Utc),
            BundleConfirmation.MaxCodes - bundle.ConfirmationsSent));
    }
}
