using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Catalog.Search;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Catalog;

public sealed class CatalogOptions
{
    /// <summary>How long a node keeps its catalog picture before re-reading it; a change on this node refreshes at once.
    /// With several web nodes this is how long another node's change may take to show.</summary>
    public int CacheSeconds { get; set; } = 30;
}

/// <summary>Checks the <c>Catalog</c> settings at start; the message names the key.</summary>
public sealed class CatalogOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<CatalogOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, CatalogOptions o) =>
        o.CacheSeconds is >= 1 and <= 3600
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail("Catalog:CacheSeconds must be between 1 and 3600.");
}

/// <summary>Holds the current <see cref="CatalogSnapshot"/> and rebuilds it after a change or when it is old. Agreements
/// are in force from their first to their last day in the mall's date, not the UTC date.</summary>
public sealed class CatalogCache(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<CatalogOptions> options,
    Common.MallTime time)
    : RefreshingCache<CatalogSnapshot>(scopes, clock, () => options.Value.CacheSeconds)
{
    protected override async Task<CatalogSnapshot> BuildAsync(SatuAtapDb db, DateTime nowUtc, CancellationToken ct)
    {
        var today = time.Today;
        var agencies = (await db.Agencies.AsNoTracking().ToListAsync(ct))
            .Select(a => new AgencyView(a.Id, a.Code, a.Name, a.NameEn, a.Kind, a.Description, a.DescriptionEn, a.IsDemo, a.Version,
                a.Address, a.OpeningHours, a.OpeningHoursEn, a.Phone, a.Email))
            .ToDictionary(a => a.Id);
        var topics = (await db.Topics.AsNoTracking().ToListAsync(ct))
            .Select(t => new TopicView(t.Id, t.Code, t.Name, t.NameEn, t.Order, t.Version)).ToDictionary(t => t.Id);
        var agreements = await db.Agreements.AsNoTracking().Include(a => a.Counters)
            .Where(a => a.ValidFrom <= today && a.ValidUntil >= today).ToListAsync(ct);
        var staffing = agreements.SelectMany(a => a.Counters)
            .GroupBy(c => c.CounterId)
            .ToDictionary(g => g.Key, g => (Days: g.Aggregate(Weekdays.None, (acc, c) => acc | c.Weekdays), Officers: g.Max(c => c.Officers)));
        var services = await db.Services.AsNoTracking().AsSplitQuery()
            .Include(s => s.Requirements).Include(s => s.Topics).Include(s => s.Counters)
            .ToListAsync(ct);
        var views = services.Select(s => new ServiceView(
            s.Id, s.Code, agencies[s.AgencyId], s.Name, s.NameEn, s.Summary, s.SummaryEn, s.Channels, s.IsDemo, s.Standard,
            s.Requirements.OrderBy(r => r.Order).Select(r => new RequirementView(r.Id, r.Name, r.NameEn, r.Kind, r.Required, r.FieldType)).ToList(),
            s.Topics.Select(t => topics[t.Id]).OrderBy(t => t.Order).ToList(),
            s.Counters.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c =>
            {
                var st = staffing.GetValueOrDefault(c.Id);
                return new CounterView(c.Id, c.Code, c.Name, c.AgencyId, st.Days, st.Officers);
            }).ToList(),
            s.Version));
        var synonyms = (await db.Synonyms.AsNoTracking().ToListAsync(ct))
            .Select(s => new ServiceSearchIndex.SynonymGroup(s.Term, s.Alternatives));
        var holidays = await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct);
        return new CatalogSnapshot(agencies.Values, topics.Values, views, synonyms, new WorkingDayCalendar(holidays), nowUtc);
    }
}
