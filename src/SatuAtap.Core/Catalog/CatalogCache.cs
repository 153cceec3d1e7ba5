using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Catalog.Search;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Catalog;

public sealed class CatalogOptions
{
    /// <summary>How long a node keeps its catalog picture before re-reading it; a change on this node refreshes at once.
    /// With several web nodes this is how long another node's change may take to show.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int CacheSeconds { get; set; } = 30;
}

/// <summary>Holds the current <see cref="CatalogSnapshot"/> (with the workflows and notification templates) and rebuilds it after a
/// change or when it is old.</summary>
public sealed class CatalogCache(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<CatalogOptions> options)
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile CatalogSnapshot? _current;
    private long _validUntilTicks;

    public async ValueTask<CatalogSnapshot> GetAsync(CancellationToken ct = default)
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntilTicks)) return current;
        await _rebuild.WaitAsync(ct);
        try
        {
            current = _current;
            if (current is not null && clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntilTicks)) return current;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            current = await BuildAsync(db, scope.ServiceProvider.GetRequiredService<Common.MallTime>(), ct);
            _current = current;
            Interlocked.Exchange(ref _validUntilTicks, clock.GetUtcNow().AddSeconds(options.Value.CacheSeconds).UtcTicks);
            return current;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <summary>Called after every change of the catalog, the calendar, a workflow or a notification template: the next read rebuilds.</summary>
    public void Invalidate() => Interlocked.Exchange(ref _validUntilTicks, 0);

    /// <summary>The catalog as it is now; agreements are in force from their first to their last day in the mall's date.</summary>
    public static async Task<CatalogSnapshot> BuildAsync(SatuAtapDb db, Common.MallTime time, CancellationToken ct)
    {
        var nowUtc = time.UtcNow;
        var today = time.Today;
        var agencies = (await db.Agencies.AsNoTracking().ToListAsync(ct))
            .Select(a => new AgencyView(a.Id, a.Code, a.Name, a.NameEn, a.Kind, a.Description, a.DescriptionEn, a.IsDemo, a.Version))
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
            s.Requirements.OrderBy(r => r.Order).Select(r => new RequirementView(r.Id, r.Name, r.NameEn, r.Kind, r.Required)).ToList(),
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
        // Read by every application change: held here so that submitting or acting does not query them each time.
        var workflows = (await db.WorkflowSteps.AsNoTracking().ToListAsync(ct))
            .GroupBy(s => s.ServiceId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Applications.StepView>)g.OrderBy(s => s.Order).Select(Applications.WorkflowSource.View).ToList());
        var templates = (await db.NotificationTemplates.AsNoTracking().ToListAsync(ct))
            .GroupBy(t => t.EventCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Notifications.NotificationTemplate>)g.ToList(), StringComparer.Ordinal);
        return new CatalogSnapshot(agencies.Values, topics.Values, views, synonyms, new WorkingDayCalendar(holidays), nowUtc)
        {
            Workflows = workflows,
            NotificationTemplates = templates,
        };
    }
}
