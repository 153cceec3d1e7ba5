using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Licensing;

/// <summary>
/// The business owner's agreement to a bundle an officer made on their behalf: the officer types the code the owner
/// received. A right code releases the bundle's applications to the officer, who can then hand in the documents and
/// submit; a wrong one is counted, and after <see cref="BundleConfirmation.MaxWrongCodes"/> the code is void and a new one
/// must be sent. Until then nothing of the bundle can be submitted.
/// </summary>
public sealed class ConfirmBundle(SatuAtapDb db, GetBundle get, MallTime time)
{
    public async Task<Outcome<BundleView>> HandleAsync(Guid bundleId, string? code, Caller caller, CancellationToken ct = default)
    {
        var bundle = await db.LicensingBundles.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bundleId, ct);
        if (bundle is null) return Outcome<BundleView>.NotFound(GetBundle.NotFound());
        var children = await GetBundle.ChildrenAsync(db, bundleId, ct);
        if (!GetBundle.MaySee(caller, bundle, children)) return Outcome<BundleView>.NotFound(GetBundle.NotFound());
        if (bundle.CapturedByUserId is null)
            return Outcome<BundleView>.Conflict(Lang.T("Bundel ini diajukan sendiri oleh pemohon; tidak perlu konfirmasi.",
                "The applicant made this bundle themselves; it needs no confirmation."));
        if (caller.UserId != bundle.CapturedByUserId)
            return Outcome<BundleView>.Forbidden(Lang.T("Hanya petugas yang membuat bundel ini yang dapat memasukkan kode pemohon.",
                "Only the officer who made this bundle can enter the applicant's code."));
        if (bundle.ConfirmedAtUtc is not null)
            return Outcome<BundleView>.Conflict(Lang.T("Bundel ini sudah dikonfirmasi pemohon.", "The applicant has already confirmed this bundle."));
        if (string.IsNullOrWhiteSpace(code)) return Outcome<BundleView>.Invalid("code", Lang.T("Wajib diisi.", "Required."));
        if (code.Length > 20) return Outcome<BundleView>.Invalid("code", Lang.T("Kode terdiri dari 6 angka.", "The code has 6 digits."));

        var stored = bundle.ConfirmationHash;
        switch (BundleConfirmation.Verify(stored, bundle.ConfirmationExpiresAtUtc, bundle.ConfirmationFailures, bundle.Id, code, time.UtcNow))
        {
            case ConfirmationCheck.Wrong:
                // Counted in the database, so parallel guesses are counted too.
                await db.LicensingBundles.Where(b => b.Id == bundleId && b.ConfirmationHash == stored)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.ConfirmationFailures, b => b.ConfirmationFailures + 1), ct);
                var left = Math.Max(0, BundleConfirmation.MaxWrongCodes - bundle.ConfirmationFailures - 1);
                return Outcome<BundleView>.Invalid("code", left > 0
                    ? Lang.T($"Kode salah. Sisa percobaan: {left}.", $"Wrong code. Attempts left: {left}.")
                    : Lang.T("Kode salah. Kode ini tidak berlaku lagi; kirim kode baru.", "Wrong code. This code is void now; send a new code."));
            case ConfirmationCheck.Spent:
                return Outcome<BundleView>.Conflict(Lang.T("Terlalu banyak kode salah; kode ini tidak berlaku lagi. Kirim kode baru kepada pemohon.",
                    "Too many wrong codes; this code is void. Send the applicant a new code."));
            case ConfirmationCheck.Expired:
                return Outcome<BundleView>.Conflict(Lang.T("Kode sudah kedaluwarsa. Kirim kode baru kepada pemohon.", "The code has expired. Send the applicant a new code."));
            case ConfirmationCheck.NoCode:
                return Outcome<BundleView>.Conflict(Lang.T("Tidak ada kode yang menunggu. Kirim kode kepada pemohon.", "No code is waiting. Send the applicant a code."));
        }

        // The right code: used once (a second request with it finds no waiting code), and the applications are released
        // to the officer who made them, in one transaction.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var now = time.UtcNow;
            var used = await db.LicensingBundles.Where(b => b.Id == bundleId && b.ConfirmedAtUtc == null && b.ConfirmationHash == stored)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ConfirmedAtUtc, now).SetProperty(b => b.ConfirmationHash, (string?)null), ct);
            if (used != 1)
                return Outcome<BundleView>.Conflict(Lang.T("Bundel ini sudah dikonfirmasi pemohon.", "The applicant has already confirmed this bundle."));
            await db.Applications.Where(a => a.BundleId == bundleId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.CapturedByUserId, bundle.CapturedByUserId), ct);
            await tx.CommitAsync(ct);
        }
        return await get.HandleAsync(bundleId, caller, ct);
    }
}
