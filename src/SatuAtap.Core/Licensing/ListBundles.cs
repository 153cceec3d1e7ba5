using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Licensing;

public sealed record BundleQuery(string? District, DateOnly? From, DateOnly? To, int Page, int PageSize);

public sealed record BundleRow(Guid Id, string TrackingNumber, DateOnly CreatedOn, string District, string DistrictName, string Scale,
    IReadOnlyList<string> Kblis, string Status, string StatusLabel, int Applications, int Decided, long? InvestmentRupiah, int? Employees, string? Village = null);

public sealed record AgencyProgress(string AgencyCode, string Agency, int Applications, int Decided, int Approved, int Open);

public sealed record BundleList(int Total, long InvestmentRupiah, long Employees, IReadOnlyList<AgencyProgress> ByAgency, IReadOnlyList<BundleRow> Items,
    int Page, int PageSize);

/// <summary>
/// The staff's view of bundles, per district and period: their progress per agency and the investment and jobs they
/// represent. Managers and executives see every bundle; an officer or agency head those with an application of their
/// agency (and the progress of their agency's part only).
/// </summary>
public sealed class ListBundles(SatuAtapDb db, CatalogCache catalogs)
{
    public async Task<Outcome<BundleList>> HandleAsync(BundleQuery query, Caller caller, CancellationToken ct = default)
    {
        if (!caller.SeesWholeMall && !caller.IsAgencyStaff) return Outcome<BundleList>.Forbidden();
        var bundles = db.LicensingBundles.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.District))
        {
            var d = query.District.Trim();
            bundles = bundles.Where(b => b.DistrictCode == d || b.DistrictName == d);
        }
        if (query.From is { } from) bundles = bundles.Where(b => b.CreatedOn >= from);
        if (query.To is { } to) bundles = bundles.Where(b => b.CreatedOn <= to);
        if (!caller.SeesWholeMall)
        {
            var agency = caller.AgencyId;
            bundles = bundles.Where(b => db.Applications.Any(a => a.BundleId == b.Id && (a.AgencyId == agency || a.CurrentAgencyId == agency)));
        }
        var all = await bundles.OrderByDescending(b => b.CreatedAtUtc).ThenByDescending(b => b.Id).ToListAsync(ct);
        var ids = all.Select(b => b.Id).ToList();
        var children = await db.Applications.AsNoTracking().Where(a => a.BundleId != null && ids.Contains(a.BundleId.Value))
            .Select(a => new { BundleId = a.BundleId!.Value, a.AgencyId, a.Status }).ToListAsync(ct);
        var byBundle = children.GroupBy(c => c.BundleId).ToDictionary(g => g.Key, g => g.ToList());
        var catalog = await catalogs.GetAsync(ct);
        var agencies = catalog.Agencies.ToDictionary(a => a.Id);
        var visible = caller.SeesWholeMall ? children : children.Where(c => c.AgencyId == caller.AgencyId).ToList();
        var progress = visible.GroupBy(c => c.AgencyId).Select(g => new AgencyProgress(
                agencies.GetValueOrDefault(g.Key)?.Code ?? "", agencies.GetValueOrDefault(g.Key)?.DisplayName ?? "", g.Count(),
                g.Count(c => BundleStatus.IsDecided(c.Status)), g.Count(c => BundleStatus.IsDecided(c.Status) && c.Status != ApplicationStatus.Rejected),
                g.Count(c => !BundleStatus.IsDecided(c.Status) && c.Status != ApplicationStatus.Draft)))
            .OrderBy(p => p.AgencyCode, StringComparer.Ordinal).ToList();
        var rows = all.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(b =>
        {
            var mine = byBundle.GetValueOrDefault(b.Id) ?? [];
            var status = b.AwaitsConfirmation ? BundleStatus.AwaitingConfirmation : BundleStatus.Of(mine.Select(c => c.Status).ToList());
            return new BundleRow(b.Id, b.TrackingNumber, b.CreatedOn, b.DistrictCode, b.DistrictName, b.Scale, b.Kblis.Split(';', StringSplitOptions.RemoveEmptyEntries),
                status, BundleStatus.Label(status), mine.Count, mine.Count(c => BundleStatus.IsDecided(c.Status)), b.InvestmentRupiah, b.Employees, b.Village);
        }).ToList();
        return Outcome<BundleList>.Ok(new BundleList(all.Count, all.Sum(b => b.InvestmentRupiah ?? 0), all.Sum(b => (long)(b.Employees ?? 0)), progress, rows,
            query.Page, query.PageSize));
    }
}
