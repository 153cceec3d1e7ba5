using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

public sealed record StopView(Guid Id, string Code, string Name, string District, string Address, double? Latitude, double? Longitude, Guid? SiteId,
    string Facilities, double RoadDistanceKm, int TravelMinutes, string TimeZone)
{
    /// <summary>A map link (OpenStreetMap) when the stop has coordinates.</summary>
    public string? MapUrl => Latitude is { } lat && Longitude is { } lon
        ? FormattableString.Invariant($"https://www.openstreetmap.org/?mlat={lat:0.######}&mlon={lon:0.######}#map=17/{lat:0.######}/{lon:0.######}")
        : null;

    /// <summary>The stop's public page.</summary>
    public string PagePath => "/keliling/" + Code.ToLowerInvariant();
}

public sealed record VisitServiceView(Guid ServiceId, string Code, string Name, int Quota, int Remaining, Guid SlotId);

public sealed record VisitView(Guid Id, Guid SiteId, Guid UnitId, StopView Stop, DateTimeOffset Start, DateTimeOffset End, string Status, string? Note,
    IReadOnlyList<VisitServiceView> Services);

/// <summary>The public reads of the schedule: stops, visits (filtered by time, stop and service) and the next visits.</summary>
public sealed class OutreachReads(SatuAtapDb db, CatalogCache catalog, TimeProvider clock, IOptions<OutreachOptions> options)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<StopView>> StopsAsync(CancellationToken ct)
    {
        var stops = await db.MobileStops.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var sites = await SitesAsync(ct);
        return stops.Select(s => View(s, districts, sites)).ToList();
    }

    public async Task<StopView?> StopAsync(Guid id, CancellationToken ct) => (await StopsAsync(ct)).FirstOrDefault(s => s.Id == id);

    public async Task<StopView?> StopByCodeAsync(string code, CancellationToken ct) =>
        (await StopsAsync(ct)).FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));

    private async Task<Dictionary<Guid, (Guid Id, string Zone)>> SitesAsync(CancellationToken ct) =>
        (await db.QueueSites.AsNoTracking().Where(s => s.Kind == SiteKind.Mobile && s.MobileStopId != null)
            .Select(s => new { s.Id, Stop = s.MobileStopId!.Value, s.TimeZone }).ToListAsync(ct))
        .GroupBy(s => s.Stop).ToDictionary(g => g.Key, g => (g.OrderBy(x => x.Id).First().Id, g.OrderBy(x => x.Id).First().TimeZone));

    private static StopView View(MobileStop s, Dictionary<string, string> districts, Dictionary<Guid, (Guid Id, string Zone)> sites) =>
        new(s.Id, s.Code, s.Name, districts.GetValueOrDefault(s.DistrictCode, s.DistrictCode), s.Address, s.Latitude, s.Longitude,
            sites.TryGetValue(s.Id, out var site) ? site.Id : null, s.Facilities, s.RoadDistanceKm, s.TravelMinutes,
            sites.TryGetValue(s.Id, out var z) ? z.Zone : "Asia/Jakarta");

    /// <summary>Visits that end after <paramref name="fromUtc"/> and start before <paramref name="toUtc"/>, in time order.</summary>
    public async Task<IReadOnlyList<VisitView>> VisitsAsync(DateTime fromUtc, DateTime toUtc, Guid? stopId, Guid? serviceId, bool includeCancelled, CancellationToken ct)
    {
        var q = db.OutreachVisits.AsNoTracking().Include(v => v.Services).Where(v => v.EndUtc > fromUtc && v.StartUtc < toUtc);
        if (stopId is { } s) q = q.Where(v => v.StopId == s);
        if (serviceId is { } sv) q = q.Where(v => v.Services.Any(x => x.ServiceId == sv));
        if (!includeCancelled) q = q.Where(v => v.Status != VisitStatus.Cancelled);
        var visits = await q.OrderBy(v => v.StartUtc).Take(2000).ToListAsync(ct);
        return await ViewsAsync(visits, ct);
    }

    public async Task<VisitView?> VisitAsync(Guid id, CancellationToken ct)
    {
        var visit = await db.OutreachVisits.AsNoTracking().Include(v => v.Services).FirstOrDefaultAsync(v => v.Id == id, ct);
        return visit is null ? null : (await ViewsAsync([visit], ct))[0];
    }

    /// <summary>The coming visits (not cancelled, not yet over) within the schedule's horizon.</summary>
    public Task<IReadOnlyList<VisitView>> ComingAsync(Guid? stopId, Guid? serviceId, CancellationToken ct) =>
        VisitsAsync(UtcNow, UtcNow.AddDays(options.Value.ScheduleDays), stopId, serviceId, includeCancelled: false, ct);

    /// <summary>The coming visits (not cancelled, not yet over) at a mobile Queue site, for its booking page, kiosk and board.</summary>
    public async Task<IReadOnlyList<VisitView>> AtSiteAsync(Guid siteId, CancellationToken ct)
    {
        var now = UtcNow;
        var until = now.AddDays(options.Value.ScheduleDays);
        var visits = await db.OutreachVisits.AsNoTracking().Include(v => v.Services)
            .Where(v => v.SiteId == siteId && v.Status != VisitStatus.Cancelled && v.EndUtc > now && v.StartUtc < until)
            .OrderBy(v => v.StartUtc).Take(200).ToListAsync(ct);
        return await ViewsAsync(visits, ct);
    }

    internal async Task<IReadOnlyList<VisitView>> ViewsAsync(IReadOnlyList<Visit> visits, CancellationToken ct)
    {
        if (visits.Count == 0) return [];
        var stops = (await StopsAsync(ct)).ToDictionary(s => s.Id);
        var snapshot = await catalog.GetAsync(ct);
        var slotIds = visits.SelectMany(v => v.Services.Select(s => s.SlotId)).ToList();
        var slots = await db.Slots.AsNoTracking().Where(s => slotIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Capacity, s.Booked, s.Closed }).ToDictionaryAsync(s => s.Id, ct);
        var now = UtcNow;
        return visits.Select(v =>
        {
            var stop = stops[v.StopId];
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(stop.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var services = v.Services
                .Select(s => (s, service: snapshot.ServicesById.GetValueOrDefault(s.ServiceId)))
                .OrderBy(x => x.service?.Code, StringComparer.Ordinal)
                .Select(x => new VisitServiceView(x.s.ServiceId, x.service?.Code ?? "", x.service?.DisplayName ?? "", x.s.Quota,
                    slots.TryGetValue(x.s.SlotId, out var slot) && !slot.Closed && v.Status != VisitStatus.Cancelled && !v.IsDone(now)
                        ? Math.Max(0, slot.Capacity - slot.Booked) : 0,
                    x.s.SlotId))
                .ToList();
            return new VisitView(v.Id, v.SiteId, v.UnitId, stop, SiteClock.Offset(v.StartUtc, zone), SiteClock.Offset(v.EndUtc, zone), v.StatusCode(now),
                string.IsNullOrEmpty(v.Note) ? null : v.Note, services);
        }).ToList();
    }
}
