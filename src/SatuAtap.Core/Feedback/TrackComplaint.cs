using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// A complaint by its tracking number. With the right check code (or as its signed-in reporter) the reporter sees their
/// own text; the desk and the agency it concerns see everything, the reporter's contact included; anyone else sees the
/// public status, the desk's public text and the answers. A wrong check code is treated as none.
/// </summary>
public sealed class TrackComplaint(SatuAtapDb db, CatalogCache catalog, MallTime time)
{
    public async Task<Outcome<ComplaintView>> HandleAsync(string? number, string? check, Caller caller, CancellationToken ct = default)
    {
        var normalized = TrackingNumber.Normalize(number);
        var complaint = await db.Set<Complaint>().AsNoTracking().Include(c => c.Events).FirstOrDefaultAsync(c => c.Number == normalized, ct);
        if (complaint is null) return Outcome<ComplaintView>.NotFound(NotFound());
        var staff = MayHandle(complaint, caller);
        var full = staff || IsReporter(complaint, check, caller);
        return Outcome<ComplaintView>.Ok(ComplaintView.Of(complaint, await catalog.GetAsync(ct), time.Today, full, staff));
    }

    public static string NotFound() => Lang.T("Pengaduan dengan nomor itu tidak ditemukan.", "No complaint with that number.");

    /// <summary>The complaint desk (managers) and the staff of the agency the complaint concerns.</summary>
    public static bool MayHandle(Complaint c, Caller caller) => caller.IsManager || c.AgencyId is { } a && caller.IsOfficerOf(a);

    /// <summary>The reporter: the check code given at filing, or the account that filed it.</summary>
    public static bool IsReporter(Complaint c, string? check, Caller caller) =>
        !string.IsNullOrEmpty(check) && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(TrackingNumber.Normalize(check)), System.Text.Encoding.UTF8.GetBytes(c.CheckCode))
        || caller.UserId is { } me && c.ReporterUserId == me;
}
