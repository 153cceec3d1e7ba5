using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>
/// What the queue looks up on every ticket and booking but rarely changes, kept per node: the sites, where each
/// counter is placed, the agencies' ticket letters, the typical service minutes of the day, the slots (whether full) and
/// the suggestions of a refusal. A change made on this node clears the entry at once; a change made on another node shows here within
/// <see cref="QueueOptions.CacheSeconds"/> (slots and suggestions: <see cref="QueueOptions.FullSlotSeconds"/>), or at
/// once when the change is announced between nodes (<see cref="CacheChanges"/>: sites and counters, a slot's place). The
/// database stays the truth for every rule: a slot remembered full is only refused, never booked, on the memory's word,
/// and a place is only ever taken by the database's conditional update.
/// </summary>
public sealed class QueueCache : IDisposable
{
    private const string SitesChange = "SatuAtap.Core.Queue.QueueCache.Sites";
    private const string SlotChange = "SatuAtap.Core.Queue.QueueCache.Slot";

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly IOptions<QueueOptions> options;
    private readonly CacheChanges _changes;
    private readonly IDisposable[] _listening;

    public QueueCache(IServiceScopeFactory scopes, TimeProvider clock, IOptions<QueueOptions> options, CacheChanges changes)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.options = options;
        _changes = changes;
        _listening =
        [
            changes.Listen(SitesChange, _ => _picture = null),
            changes.Listen(SlotChange, key => ForgetSlot(Guid.TryParse(key, out var id) ? id : null)),
        ];
    }

    public void Dispose()
    {
        foreach (var l in _listening) l.Dispose();
        _rebuild.Dispose();
    }

    private sealed record Picture(IReadOnlyDictionary<Guid, Site> Sites, IReadOnlyDictionary<Guid, Guid> CounterSite, long ValidUntil);

    private sealed record Timed<T>(T Value, long ValidUntil);

    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile Picture? _picture;
    private readonly ConcurrentDictionary<Guid, string> _letters = new();
    private readonly ConcurrentDictionary<(Guid Site, Guid Service, DateOnly Day), Timed<double>> _minutes = new();
    private readonly ConcurrentDictionary<Guid, Timed<Slot>> _slots = new();
    private readonly ConcurrentDictionary<Guid, Task<Slot?>> _reading = new();
    private readonly ConcurrentDictionary<(Guid Site, Guid Service), Timed<IReadOnlyList<Slot>>> _open = new();

    private long Now => clock.GetUtcNow().UtcTicks;

    private async ValueTask<Picture> PictureAsync(CancellationToken ct)
    {
        var p = _picture;
        if (p is not null && Now < p.ValidUntil) return p;
        await _rebuild.WaitAsync(ct);
        try
        {
            p = _picture;
            if (p is not null && Now < p.ValidUntil) return p;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var sites = await db.QueueSites.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
            var placed = await db.SiteCounters.AsNoTracking().ToDictionaryAsync(c => c.CounterId, c => c.SiteId, ct);
            p = new Picture(sites, placed, clock.GetUtcNow().AddSeconds(options.Value.CacheSeconds).UtcTicks);
            _picture = p;
            return p;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <summary>After a change of sites or counter placement on this node: the next look-up reads them again.</summary>
    public void Invalidate()
    {
        _picture = null;
        _changes.Announce(SitesChange);
    }

    /// <summary>The site (a copy shared by readers: do not change it), or null. A site not in the picture (an unknown
    /// id, or one made since) is looked up in the database.</summary>
    public async ValueTask<Site?> SiteAsync(Guid id, CancellationToken ct)
    {
        if ((await PictureAsync(ct)).Sites.TryGetValue(id, out var site)) return site;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        return await db.QueueSites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
    }

    /// <summary>How many counters placed at the site serve the service (0: the service is not served there).</summary>
    public async ValueTask<int> CountersServingAsync(Guid siteId, ServiceView service, CancellationToken ct, DayOfWeek? on = null)
    {
        var placed = (await PictureAsync(ct)).CounterSite;
        var n = 0;
        foreach (var c in service.Counters)
            if (placed.TryGetValue(c.Id, out var s) && s == siteId
                && (on is not { } day || c.Weekdays == Weekdays.None || c.Weekdays.Days().Contains(day))) n++;
        return n;
    }

    /// <summary>The agency's ticket letter once known (letters are never taken back), or null.</summary>
    public string? Letter(Guid agencyId) => _letters.GetValueOrDefault(agencyId);

    public void RememberLetter(Guid agencyId, string letter) => _letters[agencyId] = letter;

    /// <summary>The day's typical service minutes of the service at the site, read at most every few seconds.</summary>
    public async ValueTask<double> ServiceMinutesAsync(SatuAtapDb db, Guid siteId, Guid serviceId, DateOnly day, CancellationToken ct)
    {
        var key = (siteId, serviceId, day);
        if (_minutes.TryGetValue(key, out var hit) && Now < hit.ValidUntil) return hit.Value;
        var served = await db.Tickets.AsNoTracking()
            .Where(x => x.SiteId == siteId && x.Day == day && x.ServiceId == serviceId && x.Status == TicketStatus.Done
                        && x.StartedUtc != null && x.FinishedUtc != null)
            .OrderByDescending(x => x.FinishedUtc).Take(20)
            .Select(x => new { x.StartedUtc, x.FinishedUtc }).ToListAsync(ct);
        var minutes = WaitEstimate.ServiceMinutes(served.Select(x => (x.FinishedUtc!.Value - x.StartedUtc!.Value).TotalMinutes).ToList(),
            options.Value.DefaultServiceMinutes);
        if (_minutes.Count > 4096) _minutes.Clear();
        _minutes[key] = new(minutes, clock.GetUtcNow().AddSeconds(options.Value.ServiceMinutesSeconds).UtcTicks);
        return minutes;
    }

    /// <summary>A ticket of the service finished on this node: the next estimate reads the times again.</summary>
    public void ServiceFinished(Guid siteId, Guid serviceId, DateOnly day) => _minutes.TryRemove((siteId, serviceId, day), out _);

    /// <summary>
    /// The slot as this node saw it a moment ago (read from the database when not remembered or older than
    /// <see cref="QueueOptions.FullSlotSeconds"/>; shared: do not change it). Good enough to refuse a slot that is full,
    /// closed or not yet open, and to tell what a booking is for; a place is only ever taken by the conditional update.
    /// </summary>
    public async ValueTask<Slot?> SlotAsync(Guid slotId, CancellationToken ct)
    {
        if (_slots.TryGetValue(slotId, out var hit) && Now < hit.ValidUntil) return hit.Value;
        // One read per slot however many ask at once (a rush arrives together).
        var reading = _reading.GetOrAdd(slotId, ReadSlotAsync);
        var slot = await reading.WaitAsync(ct);
        _reading.TryRemove(new KeyValuePair<Guid, Task<Slot?>>(slotId, reading));
        return slot;
    }

    private async Task<Slot?> ReadSlotAsync(Guid slotId)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var slot = await db.Slots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == slotId, CancellationToken.None);
            if (slot is null) return null;
            if (_slots.Count > 4096) _slots.Clear();
            _slots[slotId] = new(slot, clock.GetUtcNow().AddSeconds(options.Value.FullSlotSeconds).UtcTicks);
            return slot;
        }
        finally
        {
            // Done (or failed): the next miss reads again.
            _reading.TryRemove(slotId, out _);
        }
    }

    /// <summary>
    /// The database found the slot full: remember it so (for <see cref="QueueOptions.FullSlotSeconds"/>, counted from
    /// the first time, so that refusals do not keep the memory alive) and drop the suggestions that may list it.
    /// </summary>
    public void RememberFull(Slot slot)
    {
        if (_slots.TryGetValue(slot.Id, out var hit) && Now < hit.ValidUntil && hit.Value.Booked >= hit.Value.Capacity) return;
        var full = new Slot
        {
            Id = slot.Id, SiteId = slot.SiteId, ServiceId = slot.ServiceId, Day = slot.Day, StartUtc = slot.StartUtc, EndUtc = slot.EndUtc,
            Capacity = slot.Capacity, Booked = slot.Capacity, Closed = slot.Closed,
        };
        if (_slots.Count > 4096) _slots.Clear();
        _slots[slot.Id] = new(full, clock.GetUtcNow().AddSeconds(options.Value.FullSlotSeconds).UtcTicks);
        _open.Clear();
    }

    private long _placesVersion;

    /// <summary>
    /// Counts the changes of slots' places made on this node (a place taken or given back, a slot closed, opened or
    /// planned): a reader that keeps places left in memory reads them again when it moved.
    /// </summary>
    public long PlacesVersion => Interlocked.Read(ref _placesVersion);

    /// <summary>A booking took a place on this node.</summary>
    public void PlaceTaken() => Interlocked.Increment(ref _placesVersion);

    /// <summary>A place came back or slots changed (cancel, move, close, open, new slots): forget that the slot was
    /// full, and the suggestions read so far.</summary>
    public void SlotChanged(Guid? slotId)
    {
        ForgetSlot(slotId);
        _changes.Announce(SlotChange, slotId?.ToString());
    }

    private void ForgetSlot(Guid? slotId)
    {
        // Outreach's kept places left are read again after any slot change, this node's or another's.
        Interlocked.Increment(ref _placesVersion);
        if (slotId is { } id)
        {
            _slots.TryRemove(id, out _);
            _reading.TryRemove(id, out _);
        }
        _open.Clear();
    }

    /// <summary>
    /// The suggestions for a refusal: the open slots of the service at the site with places left, read at most every
    /// few seconds (the caller filters them further). A suggestion may be a moment old; booking it decides.
    /// </summary>
    public async ValueTask<IReadOnlyList<Slot>> OpenSlotsAsync(Func<Task<IReadOnlyList<Slot>>> read, Guid siteId, Guid serviceId)
    {
        var key = (siteId, serviceId);
        if (_open.TryGetValue(key, out var hit) && Now < hit.ValidUntil) return hit.Value;
        var found = await read();
        if (_open.Count > 4096) _open.Clear();
        _open[key] = new(found, clock.GetUtcNow().AddSeconds(options.Value.FullSlotSeconds).UtcTicks);
        return found;
    }
}
