using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Licensing;

public sealed record BundleTrackingItem(string TrackingNumber, string ServiceName, string Agency, string Status, string StatusLabel, DateOnly? DueDate, bool Overdue);

public sealed record BundleTrackingView(string TrackingNumber, string Status, string StatusLabel, DateTime CreatedAt, IReadOnlyList<BundleTrackingItem> Applications);

/// <summary>
/// Follows a bundle without signing in, as an application is followed: its number with its check code (given when it
/// was made) or the applicant's full NIK; any mismatch is the same "not found". No personal data is shown.
/// </summary>
public sealed class TrackBundle(SatuAtapDb db, CatalogCache catalogs, MallTime time)
{
    public static bool IsBundleNumber(string? number) =>
        TrackingNumber.Normalize(number) is var n && TrackingNumber.IsWellFormed(n) && n.StartsWith(CreateBundle.BundlePrefix + "-", StringComparison.Ordinal);

    public async Task<Outcome<BundleTrackingView>> HandleAsync(string? trackingNumber, string? check, CancellationToken ct = default)
    {
        var notFound = Outcome<BundleTrackingView>.NotFound(Lang.T("Nomor registrasi atau kode pemeriksa tidak cocok.", "The tracking number or the check does not match."));
        var number = TrackingNumber.Normalize(trackingNumber);
        if (!IsBundleNumber(number) || string.IsNullOrWhiteSpace(check) || check.Length > 32) return notFound;
        var bundle = await db.LicensingBundles.AsNoTracking().FirstOrDefaultAsync(b => b.TrackingNumber == number, ct);
        if (bundle is null) return notFound;
        var children = await db.Applications.AsNoTracking().Where(a => a.BundleId == bundle.Id).OrderBy(a => a.CreatedAtUtc).ThenBy(a => a.Id)
            .Select(a => new { a.TrackingNumber, a.ServiceId, a.Status, a.DueDate, a.ApplicantNik }).ToListAsync(ct);
        var nik = children.Select(c => c.ApplicantNik).FirstOrDefault(n => n is not null);
        if (!TrackingCheck.Matches(bundle.CheckCode, nik, check)) return notFound;
        var catalog = await catalogs.GetAsync(ct);
        var status = BundleStatus.Of(children.Select(c => c.Status).ToList());
        return Outcome<BundleTrackingView>.Ok(new BundleTrackingView(bundle.TrackingNumber, status, BundleStatus.Label(status),
            DateTime.SpecifyKind(bundle.CreatedAtUtc, DateTimeKind.Utc),
            children.Select(c =>
            {
                var s = catalog.ServicesById.GetValueOrDefault(c.ServiceId);
                return new BundleTrackingItem(c.TrackingNumber, s?.DisplayName ?? "", s?.Agency.DisplayName ?? "", ApplicationCodes.Status(c.Status),
                    ApplicationCodes.StatusLabel(c.Status), c.DueDate, SlaClock.IsOverdue(c.DueDate, time.Today, c.Status));
            }).ToList()));
    }
}
