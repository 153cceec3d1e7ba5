using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Licensing;

/// <summary>The activity table in force, its search index, and the regency's districts the navigator asks about.</summary>
public sealed record ActivityTableView(LicensingTable? Table, ActivityIndex Index, IReadOnlyList<District> Districts)
{
    public District? FindDistrict(string? codeOrName)
    {
        var s = (codeOrName ?? "").Trim();
        return Districts.FirstOrDefault(d => string.Equals(d.Code, s, StringComparison.OrdinalIgnoreCase))
               ?? Districts.FirstOrDefault(d => string.Equals(d.Name, s, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The activity table kept in memory; an import on this node refreshes it at once, other nodes within <c>Catalog:CacheSeconds</c>.</summary>
public sealed class ActivityTableCache(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CatalogOptions> options)
    : RefreshingCache<ActivityTableView>(scopes, clock, () => options.Value.CacheSeconds)
{
    private ActivityTableView? _last;

    /// <summary>
    /// Reads the table in force; its rows and search index are read and built again only when another table was imported
    /// since (a table of 1,800 rows takes tens of milliseconds to index, and is rebuilt every <c>Catalog:CacheSeconds</c>
    /// otherwise).
    /// </summary>
    protected override async Task<ActivityTableView> BuildAsync(SatuAtapDb db, DateTime nowUtc, CancellationToken ct)
    {
        var table = await db.LicensingTables.AsNoTracking().OrderByDescending(t => t.ImportedAtUtc).FirstOrDefaultAsync(ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        if (_last is { } last && table is not null && last.Table is { } was && was.Id == table.Id && was.ImportedAtUtc == table.ImportedAtUtc)
            return _last = last with { Table = table, Districts = districts };
        var rows = await db.LicensingActivities.AsNoTracking().ToListAsync(ct);
        return _last = new ActivityTableView(table, new ActivityIndex(rows.Select(r => r.ToDefinition())), districts);
    }
}
