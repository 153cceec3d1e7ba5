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
    public string? MapUrl { get; } = Latitude is { } lat && Longitude is { } lon
        ? FormattableString.Invariant($"https://www.openstreetmap.org/?mlat={lat:0.######}&mlon={lon:0.######}#map=17/{lat:0.######}/{lon:0.######}")
        : null;

    /// <summary>The stop's public page.</summary>
    public string PagePath { get; } = "/keliling/" + Code.ToLowerInvariant();
}

public sealed record VisitServiceView(Guid ServiceId, string Code, string Name, int Quota, int Remaining, Guid SlotId);

/// <summary>An officer chosen to travel with a visit: the name and the agency only (no email, no phone).</summary>
public sealed record VisitOfficerView(Guid Id, string Name, string Agency);

/// <summary>A visit. <see cref="Officers"/> is given for one visit (<c>GET /visits/{id}</c>), not in the schedule's lists.</summary>
public sealed record VisitView(Guid Id, Guid SiteId, Guid UnitId, StopView Stop, DateTimeOffset Start, DateTimeOffset End, string Status, string? Note,
    IReadOnlyList<VisitServiceView> Services,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<VisitOfficerView>? Officers = null);

/// <summary>
/// The public reads of the schedule: stops, visits (filtered by time, stop and service) and the next visits. The stops
/// and the visits around now come from the node's <see cref="ScheduleCache"/>; places left are read from the Queue's
/// slots on every call, in one query.
/// </summary>
public sealed class OutreachReads(SatuAtapDb db, CatalogCache catalog, ScheduleCache schedule, TimeProvider clock, IOptions<OutreachOptions> options)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>After a change of stops or visits on this node: the next read sees it.</summary>
    public void ScheduleChanged() => schedule.Invalidate();

    public async Task<IReadOnlyList<StopView>> StopsAsync(CancellationToken ct) => (await schedule.GetAsync(ct)).Stops;

    public async Task<StopView?> StopAsync(Guid id, CancellationToken ct) => (await schedule.GetAsync(ct)).StopsById.GetValueOrDefault(id);

    public async Task<StopView?> StopByCodeAsync(string code, CancellationToken ct) =>
        (await StopsAsync(ct)).FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>Visits that end after <paramref name="fromUtc"/> and start before <paramref name="toUtc"/>, in time order.</summary>
    public async Task<IReadOnlyList<VisitView>> VisitsAsync(DateTime fromUtc, DateTime toUtc, Guid? stopId, Guid? serviceId, bool includeCancelled, CancellationToken ct)
    {
        const int max = 2000;
        var snapshot = await schedule.GetAsync(ct);
        List<Visit> visits;
        if (snapshot.Covers(fromUtc, toUtc))
        {
            visits = snapshot.Visits.Where(v => v.EndUtc > fromUtc && v.StartUtc < toUtc
                    && (stopId is not { } s || v.StopId == s)
                    && (serviceId is not { } sv || v.Services.Any(x => x.ServiceId == sv))
                    && (includeCancelled || v.Status != VisitStatus.Cancelled))
                .Take(max).ToList();
        }
        else
        {
            var q = db.OutreachVisits.AsNoTracking().Include(v => v.Services).Where(v => v.EndUtc > fromUtc && v.StartUtc < toUtc);
            if (stopId is { } s) q = q.Where(v => v.StopId == s);
            if (serviceId is { } sv) q = q.Where(v => v.Services.Any(x => x.ServiceId == sv));
            if (!includeCancelled) q = q.Where(v => v.Status != VisitStatus.Cancelled);
            visits = await q.OrderBy(v => v.StartUtc).ThenBy(v => v.Id).Take(max).ToListAsync(ct);
        }
        return await ViewsAsync(snapshot, visits, ct);
    }

    /// <summary>
    /// The visits of a range (cancelled ones included) as the API writes them with <paramref name="write"/>. Within the
    /// node's snapshot the written answer is kept while it cannot have changed (<see cref="ScheduleCache.KeptAnswer"/>):
    /// the same visits, places left and catalog, and no visit ended since; it is the same answer, written once.
    /// </summary>
    public async Task<byte[]> VisitsAnswerAsync(DateTime fromUtc, DateTime toUtc, Guid? stopId, Guid? serviceId,
        Func<IReadOnlyList<VisitView>, byte[]> write, CancellationToken ct)
    {
        var snapshot = await schedule.GetAsync(ct);
        if (!snapshot.Covers(fromUtc, toUtc)) return write(await VisitsAsync(fromUtc, toUtc, stopId, serviceId, includeCancelled: true, ct));
        var now = UtcNow;
        var places = await schedule.PlacesAsync(snapshot, c => PlacesLeftAsync(snapshot.FromUtc, snapshot.ToUtc, null, c), ct);
        var catalogSnapshot = await catalog.GetAsync(ct);
        var key = new ScheduleCache.AnswerKey(fromUtc, toUtc, stopId, serviceId, Lang.IsEnglish);
        if (schedule.KeptAnswer(key, snapshot, places, catalogSnapshot) is { } kept) return kept;
        // Written from the same snapshot; if places or the catalog moved meanwhile, the next call writes it again.
        var body = write(await VisitsAsync(fromUtc, toUtc, stopId, serviceId, includeCancelled: true, ct));
        schedule.KeepAnswer(key, snapshot, places, catalogSnapshot, now, body);
        return body;
    }

    /// <summary>
    /// A stop's public page (its coming visits with places left), in the language of the request. Within the node's
    /// snapshot it is kept per stop and language while it cannot have changed (<see cref="ScheduleCache.KeptStopPage"/>):
    /// the same visits, places left and catalog, and no visit ended since.
    /// </summary>
    public async Task<StopPage> StopPageAsync(StopView stop, CancellationToken ct)
    {
        var english = Lang.IsEnglish;
        var snapshot = await schedule.GetAsync(ct);
        var now = UtcNow;
        if (!snapshot.Covers(now, now.AddDays(options.Value.ScheduleDays))) return StopPage.From(stop, await ComingAsync(stop.Id, null, ct), english);
        var places = await schedule.PlacesAsync(snapshot, c => PlacesLeftAsync(snapshot.FromUtc, snapshot.ToUtc, null, c), ct);
        var catalogSnapshot = await catalog.GetAsync(ct);
        if (schedule.KeptStopPage(stop.Id, english, snapshot, places, catalogSnapshot) is { } kept) return kept;
        // Made from the same snapshot; if places or the catalog moved meanwhile, the next call makes it again.
        var page = StopPage.From(stop, await ComingAsync(stop.Id, null, ct), english);
        schedule.KeepStopPage(stop.Id, english, snapshot, places, catalogSnapshot, now, page);
        return page;
    }

    public async Task<VisitView?> VisitAsync(Guid id, CancellationToken ct)
    {
        var snapshot = await schedule.GetAsync(ct);
        var visit = snapshot.Visits.FirstOrDefault(v => v.Id == id)
                    ?? await db.OutreachVisits.AsNoTracking().Include(v => v.Services).FirstOrDefaultAsync(v => v.Id == id, ct);
        return visit is null ? null : (await ViewsAsync(snapshot, [visit], ct))[0] with { Officers = await OfficersAsync(id, ct) };
    }

    /// <summary>The officers chosen to travel with a visit, by name.</summary>
    public async Task<IReadOnlyList<VisitOfficerView>> OfficersAsync(Guid visitId, CancellationToken ct)
    {
        var agencies = (await catalog.GetAsync(ct)).Agencies.ToDictionary(a => a.Id);
        var rows = await (from o in db.OutreachVisitOfficers
                          join u in db.Users on o.UserId equals u.Id
                          where o.VisitId == visitId
                          select new { u.Id, u.FullName, u.AgencyId }).ToListAsync(ct);
        return rows.Select(r => new VisitOfficerView(r.Id, r.FullName,
                r.AgencyId is { } a && agencies.TryGetValue(a, out var agency) ? agency.DisplayName : ""))
            .OrderBy(o => o.Agency, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The coming visits (not cancelled, not yet over) within the schedule's horizon.</summary>
    public Task<IReadOnlyList<VisitView>> ComingAsync(Guid? stopId, Guid? serviceId, CancellationToken ct) =>
        VisitsAsync(UtcNow, UtcNow.AddDays(options.Value.ScheduleDays), stopId, serviceId, includeCancelled: false, ct);

    /// <summary>The coming visits (not cancelled, not yet over) at a mobile Queue site, for its booking page, kiosk and board.</summary>
    public async Task<IReadOnlyList<VisitView>> AtSiteAsync(Guid siteId, CancellationToken ct)
    {
        var snapshot = await schedule.GetAsync(ct);
        var now = UtcNow;
        var until = now.AddDays(options.Value.ScheduleDays);
        var visits = snapshot.Covers(now, until)
            ? snapshot.Visits.Where(v => v.SiteId == siteId && v.Status != VisitStatus.Cancelled && v.EndUtc > now && v.StartUtc < until).Take(200).ToList()
            : await db.OutreachVisits.AsNoTracking().Include(v => v.Services)
                .Where(v => v.SiteId == siteId && v.Status != VisitStatus.Cancelled && v.EndUtc > now && v.StartUtc < until)
                .OrderBy(v => v.StartUtc).ThenBy(v => v.Id).Take(200).ToListAsync(ct);
        return await ViewsAsync(snapshot, visits, ct);
    }

    internal async Task<IReadOnlyList<VisitView>> ViewsAsync(IReadOnlyList<Visit> visits, CancellationToken ct) =>
        await ViewsAsync(await schedule.GetAsync(ct), visits, ct);

    private async Task<IReadOnlyList<VisitView>> ViewsAsync(ScheduleSnapshot snapshot, IReadOnlyList<Visit> visits, CancellationToken ct)
    {
        if (visits.Count == 0) return [];
        var catalogSnapshot = await catalog.GetAsync(ct);
        var now = UtcNow;
        var coming = visits.Where(v => v.Status != VisitStatus.Cancelled && !v.IsDone(now)).ToList();
        // Places left of every slot of the snapshot's visits, kept per node while nothing changed; a visit outside the
        // snapshot (another time range, or made on another node since it was read) has its places read now.
        IReadOnlyDictionary<Guid, SlotPlaces> slots = coming.Count == 0 ? new Dictionary<Guid, SlotPlaces>()
            : await schedule.PlacesAsync(snapshot, c => PlacesLeftAsync(snapshot.FromUtc, snapshot.ToUtc, null, c), ct);
        if (coming.Any(v => v.Services.Any(x => !slots.ContainsKey(x.SlotId))))
            slots = await PlacesLeftAsync(coming.Min(v => v.StartUtc), coming.Max(v => v.EndUtc),
                coming.All(v => v.StopId == coming[0].StopId) ? coming[0].StopId : null, ct);
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        var result = new List<VisitView>(visits.Count);
        foreach (var v in visits)
        {
            // A stop made on another node after the snapshot was built: read the stops again.
            var stop = snapshot.StopsById.GetValueOrDefault(v.StopId)
                       ?? (await StopsFromDatabaseAsync(ct)).First(s => s.Id == v.StopId);
            if (!zones.TryGetValue(stop.TimeZone, out var zone))
                zones[stop.TimeZone] = zone = TimeZoneInfo.TryFindSystemTimeZoneById(stop.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var open = v.Status != VisitStatus.Cancelled && !v.IsDone(now);
            var services = v.Services
                .Select(s => (s, service: catalogSnapshot.ServicesById.GetValueOrDefault(s.ServiceId)))
                .OrderBy(x => x.service?.Code, StringComparer.Ordinal)
                .Select(x => new VisitServiceView(x.s.ServiceId, x.service?.Code ?? "", x.service?.DisplayName ?? "", x.s.Quota,
                    open && slots.TryGetValue(x.s.SlotId, out var slot) && !slot.Closed ? Math.Max(0, slot.Capacity - slot.Booked) : 0,
                    x.s.SlotId))
                .ToList();
            result.Add(new VisitView(v.Id, v.SiteId, v.UnitId, stop, SiteClock.Offset(v.StartUtc, zone), SiteClock.Offset(v.EndUtc, zone), v.StatusCode(now),
                string.IsNullOrEmpty(v.Note) ? null : v.Note, services));
        }
        return result;
    }

    private async Task<IReadOnlyList<StopView>> StopsFromDatabaseAsync(CancellationToken ct)
    {
        schedule.Invalidate();
        return (await schedule.GetAsync(ct)).Stops;
    }

    /// <summary>
    /// Places left of the visits' slots in a time range: one compiled query joining the visits, their services and the
    /// Queue's slots, with its parameters, so that neither its SQL nor its length grows with the schedule.
    /// </summary>
    private static readonly Func<SatuAtapDb, DateTime, DateTime, Guid?, IAsyncEnumerable<SlotPlaces>> PlacesQuery =
        EF.CompileAsyncQuery((SatuAtapDb db, DateTime fromUtc, DateTime toUtc, Guid? stopId) =>
            from vs in db.Set<VisitService>()
            join v in db.OutreachVisits on vs.VisitId equals v.Id
            join s in db.Slots on vs.SlotId equals s.Id
            where v.EndUtc > fromUtc && v.StartUtc < toUtc && v.Status != VisitStatus.Cancelled && (stopId == null || v.StopId == stopId)
            select new SlotPlaces(s.Id, s.Capacity, s.Booked, s.Closed));

    private async Task<IReadOnlyDictionary<Guid, SlotPlaces>> PlacesLeftAsync(DateTime fromUtc, DateTime toUtc, Guid? stopId, CancellationToken ct)
    {
        var result = new Dictionary<Guid, SlotPlaces>();
        await foreach (var row in PlacesQuery(db, fromUtc, toUtc, stopId).WithCancellation(ct)) result[row.SlotId] = row;
        return result;
    }
}

/// <summary>A visit's slot: its capacity (the quota), the places booked, and whether it is closed.</summary>
public sealed record SlotPlaces(Guid SlotId, int Capacity, int Booked, bool Closed);
