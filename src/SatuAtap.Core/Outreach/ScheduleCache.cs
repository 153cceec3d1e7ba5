using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

/// <summary>
/// The stops (with their district's name and Queue site) and the visits of a window around now (from 31 days back, as
/// the feed reaches, to two days past the schedule's horizon), as read from the database at <see cref="BuiltUtc"/>.
/// The visits are in time order, with their services; places left are not part of it (they change with every booking).
/// </summary>
public sealed record ScheduleSnapshot(IReadOnlyList<StopView> Stops, IReadOnlyDictionary<Guid, StopView> StopsById, IReadOnlyList<Visit> Visits,
    DateTime FromUtc, DateTime ToUtc, DateTime BuiltUtc)
{
    /// <summary>Whether every visit overlapping [from, to) is in <see cref="Visits"/>.</summary>
    public bool Covers(DateTime fromUtc, DateTime toUtc) => fromUtc >= FromUtc && toUtc <= ToUtc;
}

/// <summary>
/// Keeps the <see cref="ScheduleSnapshot"/> per node, so that the public schedule, a stop's page and the feed read the
/// circuit without going to the database for it. A change made here (a stop saved, a visit created, planned, moved or
/// cancelled) clears it at once; a change made on another node shows within <see cref="OutreachOptions.CacheSeconds"/>.
/// </summary>
public sealed class ScheduleCache(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OutreachOptions> options, QueueCache queue)
    : RefreshingCache<ScheduleSnapshot>(scopes, clock, () => options.Value.CacheSeconds)
{
    private sealed record Places(ScheduleSnapshot Snapshot, long Version, long ValidUntilTicks, IReadOnlyDictionary<Guid, SlotPlaces> BySlot);

    private volatile Places? _places;

    /// <summary>What an answer of the schedule API was asked for: the range, the filters and the language.</summary>
    public sealed record AnswerKey(DateTime FromUtc, DateTime ToUtc, Guid? StopId, Guid? ServiceId, bool English);

    /// <summary>Something made from a snapshot, its places left and the catalog, good until <paramref name="ValidUntilTicks"/>.</summary>
    private sealed record Made<T>(ScheduleSnapshot Snapshot, object Places, object Catalog, long ValidUntilTicks, T Value) where T : class;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<AnswerKey, Made<byte[]>> _answers = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Stop, bool English), Made<StopPage>> _stopPages = new();
    private readonly TimeProvider _time = clock;

    /// <summary>
    /// Places left in the slots of the snapshot's visits. Kept while the snapshot is the same, no place was taken or
    /// given back on this node (<see cref="QueueCache.PlacesVersion"/>) and for at most
    /// <see cref="OutreachOptions.PlacesSeconds"/> (how long a booking made on another node may take to show); else
    /// read again with <paramref name="read"/>.
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<Guid, SlotPlaces>> PlacesAsync(ScheduleSnapshot snapshot,
        Func<CancellationToken, Task<IReadOnlyDictionary<Guid, SlotPlaces>>> read, CancellationToken ct)
    {
        // The version is taken before the read: a change that lands during the read makes the next call read again.
        var version = queue.PlacesVersion;
        var now = _time.GetUtcNow().UtcTicks;
        var kept = _places;
        if (kept is not null && ReferenceEquals(kept.Snapshot, snapshot) && kept.Version == version && now < kept.ValidUntilTicks) return kept.BySlot;
        var places = await read(ct);
        var seconds = options.Value.PlacesSeconds;
        if (seconds > 0) _places = new Places(snapshot, version, now + TimeSpan.TicksPerSecond * seconds, places);
        return places;
    }

    /// <summary>
    /// A written answer of the schedule API, if one was kept for the same question from the same snapshot, places left
    /// and catalog, and no visit has ended since it was written (a visit's status and places change when it ends).
    /// </summary>
    public byte[]? KeptAnswer(AnswerKey key, ScheduleSnapshot snapshot, object places, object catalog) =>
        Find(_answers, key, snapshot, places, catalog);

    /// <summary>Keeps a written answer (a few at most: the common questions) until the next end of a visit.</summary>
    public void KeepAnswer(AnswerKey key, ScheduleSnapshot snapshot, object places, object catalog, DateTime writtenUtc, byte[] body) =>
        Keep(_answers, key, snapshot, places, catalog, writtenUtc, body, most: 16);

    /// <summary>A stop's page in one language, if one was kept from the same snapshot, places left and catalog and no visit has ended since.</summary>
    public StopPage? KeptStopPage(Guid stopId, bool english, ScheduleSnapshot snapshot, object places, object catalog) =>
        Find(_stopPages, (stopId, english), snapshot, places, catalog);

    /// <summary>Keeps a stop's page in one language until the next end of a visit (or until the schedule, places or catalog change).</summary>
    public void KeepStopPage(Guid stopId, bool english, ScheduleSnapshot snapshot, object places, object catalog, DateTime writtenUtc, StopPage page) =>
        Keep(_stopPages, (stopId, english), snapshot, places, catalog, writtenUtc, page, most: 256);

    private T? Find<TKey, T>(System.Collections.Concurrent.ConcurrentDictionary<TKey, Made<T>> made, TKey key, ScheduleSnapshot snapshot, object places, object catalog)
        where TKey : notnull where T : class =>
        made.TryGetValue(key, out var m) && ReferenceEquals(m.Snapshot, snapshot) && ReferenceEquals(m.Places, places)
            && ReferenceEquals(m.Catalog, catalog) && _time.GetUtcNow().UtcTicks < m.ValidUntilTicks
            ? m.Value : null;

    private static void Keep<TKey, T>(System.Collections.Concurrent.ConcurrentDictionary<TKey, Made<T>> made, TKey key, ScheduleSnapshot snapshot,
        object places, object catalog, DateTime writtenUtc, T value, int most) where TKey : notnull where T : class
    {
        // At most a few answers (the common questions), or a page per stop and language.
        if (made.Count >= most) made.Clear();
        var nextEnd = DateTime.MaxValue;
        foreach (var v in snapshot.Visits)
            if (v.EndUtc > writtenUtc && v.EndUtc < nextEnd) nextEnd = v.EndUtc;
        made[key] = new Made<T>(snapshot, places, catalog, nextEnd == DateTime.MaxValue ? long.MaxValue : DateTime.SpecifyKind(nextEnd, DateTimeKind.Utc).Ticks, value);
    }

    /// <summary>How far back the snapshot reaches: the feed shows the last 30 days.</summary>
    public const int DaysBack = 31;

    protected override async Task<ScheduleSnapshot> BuildAsync(SatuAtapDb db, DateTime nowUtc, CancellationToken ct)
    {
        var stops = await ReadStopsAsync(db, ct);
        var from = nowUtc.AddDays(-DaysBack);
        var to = nowUtc.AddDays(options.Value.ScheduleDays + 2);
        var visits = await db.OutreachVisits.AsNoTracking().Include(v => v.Services)
            .Where(v => v.EndUtc > from && v.StartUtc < to).OrderBy(v => v.StartUtc).ThenBy(v => v.Id).ToListAsync(ct);
        return new ScheduleSnapshot(stops, stops.ToDictionary(s => s.Id), visits, from, to, nowUtc);
    }

    private static async Task<IReadOnlyList<StopView>> ReadStopsAsync(SatuAtapDb db, CancellationToken ct)
    {
        var stops = await db.MobileStops.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        // A stop's site: the first mobile Queue site placed there (one per stop in practice).
        var sites = (await db.QueueSites.AsNoTracking().Where(s => s.Kind == SiteKind.Mobile && s.MobileStopId != null)
                .Select(s => new { s.Id, Stop = s.MobileStopId!.Value, s.TimeZone }).ToListAsync(ct))
            .GroupBy(s => s.Stop).ToDictionary(g => g.Key, g => g.OrderBy(x => x.Id).First());
        return stops.Select(s =>
        {
            var site = sites.GetValueOrDefault(s.Id);
            return new StopView(s.Id, s.Code, s.Name, districts.GetValueOrDefault(s.DistrictCode, s.DistrictCode), s.Address, s.Latitude, s.Longitude,
                site?.Id, s.Facilities, s.RoadDistanceKm, s.TravelMinutes, site?.TimeZone ?? "Asia/Jakarta");
        }).ToList();
    }
}
