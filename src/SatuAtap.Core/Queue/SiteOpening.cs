using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>
/// Whether a site is open now and when it opens next. A building: its weekly hours, closed on the days off of the
/// Catalog's holiday calendar (a building without hours is always open). A mobile site: the hours of its visits,
/// that is the span of the slots (not closed) the Outreach module makes for each visit — earliest start to latest
/// end of each day; a cancelled visit's slots are closed, a moved visit's slots move with it.
/// </summary>
public sealed class SiteOpening(SatuAtapDb db, CatalogCache catalog, TimeProvider clock)
{
    public async Task<OpeningCheck> CheckAsync(Site site, CancellationToken ct) =>
        OpeningHours.Check(clock.GetUtcNow().UtcDateTime, await SpansAsync(site, ct) ?? [new OpenSpan(DateTime.MinValue, DateTime.MaxValue)]);

    /// <summary>The open spans from today for <see cref="OpeningHours.LookAheadDays"/> days; null when the site has no hours (always open).</summary>
    public async Task<IReadOnlyList<OpenSpan>?> SpansAsync(Site site, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (site.Kind == SiteKind.Mobile)
        {
            var until = now.AddDays(OpeningHours.LookAheadDays);
            var slots = await db.Slots.AsNoTracking()
                .Where(s => s.SiteId == site.Id && !s.Closed && s.EndUtc > now && s.StartUtc < until)
                .Select(s => new { s.Day, s.StartUtc, s.EndUtc }).ToListAsync(ct);
            return slots.GroupBy(s => s.Day).OrderBy(g => g.Key)
                .Select(g => new OpenSpan(g.Min(s => s.StartUtc), g.Max(s => s.EndUtc))).ToList();
        }
        if (site.Hours.Count == 0) return null;
        var calendar = (await catalog.GetAsync(ct)).Calendar;
        return OpeningHours.Spans(SiteClock.Today(now, site.Zone), OpeningHours.LookAheadDays, site.Zone, site.Hours, calendar.IsDayOff);
    }
}
