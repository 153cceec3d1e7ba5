using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>What the queue shows: sites, their counters and slots, a ticket's position and wait, the board.</summary>
public sealed class QueueReads(SatuAtapDb db, TimeProvider clock, IOptions<QueueOptions> options, QueueCache cache, CatalogCache catalog)
{
    public async Task<IReadOnlyList<SiteView>> SitesAsync(CancellationToken ct) =>
        (await db.QueueSites.AsNoTracking().Where(s => s.Active).ToListAsync(ct))
            .OrderBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(View).ToList();

    public static SiteView View(Site s) => new(s.Id, s.Name, s.Kind == SiteKind.Building ? "building" : "mobile", s.TimeZone);

    /// <summary>A site's opening hours per weekday (a weekday absent is closed), or null when there is no such site.</summary>
    public async Task<IReadOnlyList<SiteHoursItem>?> HoursAsync(Guid siteId, CancellationToken ct) =>
        await db.QueueSites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct) is { } site ? OpeningHours.Items(site.Hours) : null;

    /// <summary>The site from the node's <see cref="QueueCache"/> (shared: do not change it).</summary>
    public async Task<Site?> SiteAsync(Guid id, CancellationToken ct) => await cache.SiteAsync(id, ct);

    public async Task<IReadOnlyList<SiteCounterView>> CountersAsync(Guid siteId, CancellationToken ct)
    {
        var ids = db.SiteCounters.Where(c => c.SiteId == siteId).Select(c => c.CounterId);
        var counters = await db.Counters.AsNoTracking().Include(c => c.Services).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        return counters.OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new SiteCounterView(c.Id, c.Name, c.AgencyId, c.Services.Select(s => s.Id).ToArray())).ToList();
    }

    public Task<bool> ServedAtAsync(Guid siteId, Guid serviceId, CancellationToken ct)
    {
        var ids = db.SiteCounters.Where(c => c.SiteId == siteId).Select(c => c.CounterId);
        return db.Counters.Where(c => ids.Contains(c.Id)).AnyAsync(c => c.Services.Any(s => s.Id == serviceId), ct);
    }

    /// <summary>The services some counter of the site serves.</summary>
    public async Task<HashSet<Guid>> ServicesAtAsync(Guid siteId, CancellationToken ct)
    {
        var ids = db.SiteCounters.Where(c => c.SiteId == siteId).Select(c => c.CounterId);
        return (await db.Counters.Where(c => ids.Contains(c.Id)).SelectMany(c => c.Services.Select(s => s.Id)).Distinct().ToListAsync(ct)).ToHashSet();
    }

    public async Task<IReadOnlyList<SlotView>> SlotsAsync(Site site, Guid? serviceId, DateOnly day, CancellationToken ct)
    {
        var q = db.Slots.AsNoTracking().Where(s => s.SiteId == site.Id && s.Day == day && !s.Closed);
        if (serviceId is { } id) q = q.Where(s => s.ServiceId == id);
        return (await q.ToListAsync(ct)).OrderBy(s => s.StartUtc).Select(s => BookSlot.SlotViewOf(s, site.Zone)).ToList();
    }

    /// <summary>Days from today with the places left per day, for the booking page.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, int Remaining, int Slots)>> DaysAsync(Site site, Guid serviceId, int days, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = SiteClock.Today(now, site.Zone);
        var last = today.AddDays(days);
        var slots = await db.Slots.AsNoTracking()
            .Where(s => s.SiteId == site.Id && s.ServiceId == serviceId && !s.Closed && s.Day >= today && s.Day <= last && s.StartUtc > now)
            .Select(s => new { s.Day, s.Capacity, s.Booked }).ToListAsync(ct);
        return slots.GroupBy(s => s.Day).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Sum(s => s.Capacity - s.Booked), g.Count())).ToList();
    }

    public async Task<BookingView?> BookingAsync(string code, CancellationToken ct)
    {
        code = CancelBooking.Normalize(code);
        var b = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        if (b is null) return null;
        var slot = await db.Slots.AsNoTracking().FirstAsync(s => s.Id == b.SlotId, ct);
        var site = await cache.SiteAsync(b.SiteId, ct) ?? throw new InvalidOperationException("The booking's site is missing.");
        return BookSlot.View(b, slot, site);
    }

    /// <summary>A ticket with its place in line and the estimated wait (for a waiting ticket).</summary>
    public async Task<TicketView?> TicketAsync(Guid id, CancellationToken ct)
    {
        var t = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return null;
        var site = await cache.SiteAsync(t.SiteId, ct) ?? throw new InvalidOperationException("The ticket's site is missing.");
        var counters = 0;
        if (t.Status == TicketStatus.Waiting && !t.Parked && (await catalog.GetAsync(ct)).ServicesById.TryGetValue(t.ServiceId, out var service))
            counters = await cache.CountersServingAsync(t.SiteId, service, ct);
        return await ViewAsync(t, site, counters, ct);
    }

    /// <summary>
    /// The view of a ticket in hand (for example one just issued): for a waiting ticket its place in line is counted in
    /// the database, and the wait estimated from the <paramref name="counters"/> serving its service and the day's
    /// typical service minutes. <paramref name="ahead"/>: how many wait before it, when already known.
    /// </summary>
    public async Task<TicketView> ViewAsync(Ticket t, Site site, int counters, CancellationToken ct, int? ahead = null)
    {
        var zone = site.Zone;
        int? position = null, wait = null;
        if (t.Status == TicketStatus.Waiting && !t.Parked)
        {
            var before = ahead ?? await AheadAsync(t, ct);
            position = before + 1;
            var minutes = before == 0 ? options.Value.DefaultServiceMinutes : await cache.ServiceMinutesAsync(db, t.SiteId, t.ServiceId, t.Day, ct);
            wait = WaitEstimate.Minutes(before, counters, minutes);
        }
        CounterRefView? counter = null;
        if (t.CounterId is not null && (t.Status is TicketStatus.Called or TicketStatus.Serving || t.Parked))
            counter = await db.Counters.AsNoTracking().Where(c => c.Id == t.CounterId).Select(c => new CounterRefView(c.Id, c.Name)).FirstOrDefaultAsync(ct);
        return new TicketView(t.Id, t.Display, TicketStateMachine.StatusCode(t.Status), t.SiteId, t.ServiceId, t.Priority, t.Parked,
            position, wait, counter, SiteClock.Offset(t.ArrivedUtc, zone), t.LastCalledUtc is { } called ? SiteClock.Offset(called, zone) : null,
            t.DueUtc is { } due ? SiteClock.Offset(due, zone) : null, t.BookingId is not null);
    }

    /// <summary>
    /// How many waiting tickets of the same service come before <paramref name="t"/> in the <see cref="CallNextPolicy"/>
    /// order, counted in the database (the day's line can be thousands long; the ticket page asks every few seconds):
    /// due booked tickets by slot, then priority, then the rest, each by arrival; full ties (same rank, slot and
    /// arrival: rare) are broken by the id in memory, as the policy does.
    /// </summary>
    private async Task<int> AheadAsync(Ticket t, CancellationToken ct)
    {
        var rules = options.Value.Rules;
        var dueBy = clock.GetUtcNow().UtcDateTime + rules.DueEarly;
        var others = db.Tickets.Where(x => x.SiteId == t.SiteId && x.Day == t.Day && x.Status == TicketStatus.Waiting && !x.Parked
                                           && x.ServiceId == t.ServiceId && x.Id != t.Id);
        var due = others.Where(x => x.DueUtc != null && x.DueUtc <= dueBy);
        var notDue = others.Where(x => x.DueUtc == null || x.DueUtc > dueBy);
        var arrived = t.ArrivedUtc;
        IQueryable<Ticket> before, tied;
        if (t.DueUtc is { } tDue && tDue <= dueBy)
        {
            before = due.Where(x => x.DueUtc < tDue || (x.DueUtc == tDue && x.ArrivedUtc < arrived));
            tied = due.Where(x => x.DueUtc == tDue && x.ArrivedUtc == arrived);
        }
        else if (rules.PriorityEnabled && t.Priority)
        {
            before = others.Where(x => (x.DueUtc != null && x.DueUtc <= dueBy) || (x.Priority && x.ArrivedUtc < arrived));
            tied = notDue.Where(x => x.Priority && x.ArrivedUtc == arrived);
        }
        else if (rules.PriorityEnabled)
        {
            before = others.Where(x => (x.DueUtc != null && x.DueUtc <= dueBy) || x.Priority || x.ArrivedUtc < arrived);
            tied = notDue.Where(x => !x.Priority && x.ArrivedUtc == arrived);
        }
        else
        {
            before = others.Where(x => (x.DueUtc != null && x.DueUtc <= dueBy) || x.ArrivedUtc < arrived);
            tied = notDue.Where(x => x.ArrivedUtc == arrived);
        }
        // Both counts in one round trip; the ties' ids are only read when there are any.
        var counts = await db.QueueSites.Where(s => s.Id == t.SiteId)
            .Select(s => new { Before = before.Count(), Tied = tied.Count() }).FirstAsync(ct);
        if (counts.Tied == 0) return counts.Before;
        var ties = await tied.Select(x => x.Id).ToListAsync(ct);
        return counts.Before + ties.Count(id => id.CompareTo(t.Id) < 0);
    }

    /// <summary>The board: the latest calls of the day at the site (newest first) and how many wait.</summary>
    public async Task<BoardView> BoardAsync(Site site, int take, CancellationToken ct)
    {
        var today = SiteClock.Today(clock.GetUtcNow().UtcDateTime, site.Zone);
        var called = await db.Tickets.AsNoTracking()
            .Where(t => t.SiteId == site.Id && t.Day == today && (t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving) && t.LastCalledUtc != null)
            .OrderByDescending(t => t.LastCalledUtc).Take(take)
            .Select(t => new { t.Series, t.Number, t.LastCalledUtc, t.CounterId }).ToListAsync(ct);
        var counterIds = called.Select(c => c.CounterId).Distinct().ToList();
        var names = await db.Counters.AsNoTracking().Where(c => counterIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var perService = await db.Tickets.AsNoTracking()
            .Where(t => t.SiteId == site.Id && t.Day == today && t.Status == TicketStatus.Waiting && !t.Parked)
            .GroupBy(t => t.ServiceId).Select(g => new { ServiceId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var services = (await catalog.GetAsync(ct)).ServicesById;
        var waiting = perService
            .Select(w => new ServiceWaiting(w.ServiceId, services.GetValueOrDefault(w.ServiceId)?.DisplayName ?? "", w.Count))
            .OrderByDescending(w => w.Waiting).ThenBy(w => w.Name, StringComparer.Ordinal).ToList();
        return new BoardView(called.Select(c => new BoardEntry(Ticket.Format(c.Series, c.Number),
            c.CounterId is { } id && names.TryGetValue(id, out var n) ? n : "", SiteClock.Offset(c.LastCalledUtc!.Value, site.Zone))).ToList(),
            waiting.Sum(w => w.Waiting), waiting);
    }

    /// <summary>An officer's desk: the ticket the counter handles, the ones it parked, and how many wait for it.</summary>
    public async Task<(TicketView? Current, IReadOnlyList<TicketView> Parked, int Waiting)> DeskAsync(Guid counterId, Guid siteId, CancellationToken ct)
    {
        var site = await cache.SiteAsync(siteId, ct) ?? throw new InvalidOperationException("The counter's site is missing.");
        var today = SiteClock.Today(clock.GetUtcNow().UtcDateTime, site.Zone);
        var mine = await db.Tickets.AsNoTracking()
            .Where(t => t.CounterId == counterId && t.Day == today && (t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving || (t.Status == TicketStatus.Waiting && t.Parked)))
            .OrderBy(t => t.ArrivedUtc).Select(t => new { t.Id, t.Status }).ToListAsync(ct);
        TicketView? current = null;
        var parked = new List<TicketView>();
        foreach (var t in mine)
        {
            var view = (await TicketAsync(t.Id, ct))!;
            if (t.Status == TicketStatus.Waiting) parked.Add(view); else current ??= view;
        }
        var services = await db.Counters.Where(c => c.Id == counterId).SelectMany(c => c.Services.Select(s => s.Id)).ToListAsync(ct);
        var waiting = await db.Tickets.CountAsync(t => t.SiteId == siteId && t.Day == today && t.Status == TicketStatus.Waiting && !t.Parked
            && (t.TargetCounterId == counterId || (t.TargetCounterId == null && services.Contains(t.ServiceId))), ct);
        return (current, parked, waiting);
    }
}
