using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>
/// Writes issued tickets in batches: the tickets that arrive while one transaction commits are written together by
/// the next, which raises each (site, series, day) sequence row once by the number of its tickets and numbers them
/// in arrival order. Numbers stay unique and gap-free (one transaction, the row lock or SQLite's write lock), and a
/// rush costs one commit — one fsync — per batch instead of one per ticket: every issuer of a series waits on the
/// same row, so without batching the issuing rate is bounded by the disk's flush time.
/// </summary>
public sealed class TicketBatcher(IServiceScopeFactory scopes, TimeProvider clock, IOptions<QueueOptions> options)
    : WriteBatcher<TicketBatcher.Pending, TicketBatcher.Issued>(scopes)
{
    public sealed record Pending(Ticket Ticket, Guid? BookingId, string Actor);

    /// <summary>
    /// Written (<see cref="Refusal"/> null) or why the booking could not be checked in (nothing is written for it).
    /// For a walk-in without priority, <see cref="Ahead"/> is how many wait before it, counted in the batch's transaction.
    /// </summary>
    public sealed record Issued(string? Refusal, int? Ahead);

    /// <summary>Numbers and stores the ticket (and checks in its booking, when it has one).</summary>
    public Task<Issued> IssueAsync(Ticket ticket, Guid? bookingId, string actor, CancellationToken ct) =>
        EnqueueAsync(new Pending(ticket, bookingId, actor), ct);

    protected override async Task<Issued[]> WriteAsync(SatuAtapDb db, IReadOnlyList<Pending> batch, CancellationToken ct)
    {
        var refusals = new string?[batch.Count];
        var ahead = new int?[batch.Count];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].BookingId is not { } bookingId) continue;
            var at = batch[i].Ticket.ArrivedUtc;
            var checkedIn = await db.Bookings.Where(b => b.Id == bookingId && b.Status == BookingStatus.Active)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.CheckedIn).SetProperty(b => b.CheckedInUtc, at), ct);
            if (checkedIn == 0)
                refusals[i] = Lang.T("Pemesanan ini sudah dipakai untuk mengambil nomor antrian.", "This booking has already been checked in.");
        }
        var tickets = new List<Ticket>(batch.Count);
        var events = new List<TicketEvent>(batch.Count);
        foreach (var series in batch.Where((_, i) => refusals[i] is null).GroupBy(p => (p.Ticket.SiteId, p.Ticket.Series, p.Ticket.Day)))
        {
            var (siteId, letter, day) = series.Key;
            var count = series.Count();
            var last = await RaiseAsync(db, siteId, letter, day, count, ct);
            var number = last - count;
            foreach (var p in series)
            {
                p.Ticket.Number = ++number;
                tickets.Add(p.Ticket);
                events.Add(new TicketEvent
                {
                    TicketId = p.Ticket.Id, AtUtc = p.Ticket.ArrivedUtc, Action = p.BookingId is null ? "issue" : "check-in",
                    To = TicketStatus.Waiting, Actor = p.Actor,
                });
            }
        }
        var lines = await CountAheadAsync(db, batch, refusals, ahead, ct);
        // New rows only, neither audited (the events are the tickets' trail): written past the change tracker. Through
        // SaveChanges, EF Core's update pipeline was most of what a rush allocated (195 of 309 MB sampled over the
        // ticket-issue scenario on PostgreSQL), and what it kept while in flight raised the GC's heap
        // (docs/benchmarks/2026-12-02-ticket-rows.md).
        await InsertRows.InsertAsync(db, tickets, ct);
        await InsertRows.InsertAsync(db, events, ct);
        await tx.CommitAsync(ct);
        foreach (var (key, line) in lines) _lines[key] = line;
        return batch.Select((_, i) => new Issued(refusals[i], ahead[i])).ToArray();
    }

    /// <summary>How long the batches go on from one count of a line (adding their own tickets) before counting it again.</summary>
    public static readonly TimeSpan RecountAfter = TimeSpan.FromSeconds(2);

    private sealed record Line(int Waiting, DateTime CountedUtc);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Site, DateOnly Day, Guid Service), Line> _lines = new();

    /// <summary>A ticket was called, moved or ended on this node: the next batch counts the lines again.</summary>
    public void LinesChanged() => _lines.Clear();

    /// <summary>
    /// Before the batch is stored: the place in line of its walk-ins without priority, with one count per service
    /// instead of one per ticket. Such a ticket arrived last, so every ticket of its service already waiting comes
    /// before it (<see cref="CallNextPolicy"/>: due bookings, priority, then arrival), and of the batch: those that
    /// arrived before it, and the priority and due booked ones. A line is counted in the database at most every
    /// <see cref="RecountAfter"/> (a day's line can be thousands long); in between the batches add their own tickets
    /// to the last count, and a call on this node has the next batch count again. So the place answered may be a
    /// moment old when other nodes issue tickets too; the ticket's page counts it exactly.
    /// </summary>
    private async Task<List<((Guid, DateOnly, Guid) Key, Line Line)>> CountAheadAsync(SatuAtapDb db, IReadOnlyList<Pending> batch, string?[] refusals, int?[] ahead, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var counted = new List<((Guid, DateOnly, Guid), Line)>();
        var rules = options.Value.Rules;
        var dueBy = clock.GetUtcNow().UtcDateTime + rules.DueEarly;
        bool Plain(Ticket t) => t.DueUtc is null && !(rules.PriorityEnabled && t.Priority);
        bool First(Ticket t) => t.DueUtc <= dueBy || (rules.PriorityEnabled && t.Priority);
        var written = Enumerable.Range(0, batch.Count).Where(i => refusals[i] is null);
        foreach (var line in written.GroupBy(i => (batch[i].Ticket.SiteId, batch[i].Ticket.Day, batch[i].Ticket.ServiceId)))
        {
            if (!line.Any(i => Plain(batch[i].Ticket))) continue;
            var (siteId, day, serviceId) = line.Key;
            if (!_lines.TryGetValue(line.Key, out var known) || now - known.CountedUtc >= RecountAfter || now < known.CountedUtc)
                known = new(await db.Tickets.CountAsync(x => x.SiteId == siteId && x.Day == day && x.ServiceId == serviceId
                                                             && x.Status == TicketStatus.Waiting && !x.Parked, ct), now);
            var waiting = known.Waiting;
            counted.Add((line.Key, known with { Waiting = waiting + line.Count() }));
            var before = 0;
            var first = line.Count(i => First(batch[i].Ticket));
            foreach (var i in line)
            {
                var t = batch[i].Ticket;
                if (Plain(t)) ahead[i] = waiting + before + first;
                if (!First(t)) before++;
            }
        }
        return counted;
    }

    /// <summary>Inside the transaction: raise the sequence row by <paramref name="count"/> (creating it for the day's first tickets); the new last number.</summary>
    private static async Task<int> RaiseAsync(SatuAtapDb db, Guid siteId, string series, DateOnly day, int count, CancellationToken ct)
    {
        var raised = await db.TicketSequences.Where(q => q.SiteId == siteId && q.Series == series && q.Day == day)
            .ExecuteUpdateAsync(u => u.SetProperty(q => q.Last, q => q.Last + count), ct);
        if (raised == 1)
            return await db.TicketSequences.Where(q => q.SiteId == siteId && q.Series == series && q.Day == day).Select(q => q.Last).SingleAsync(ct);
        db.TicketSequences.Add(new TicketSequence { SiteId = siteId, Series = series, Day = day, Last = count });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.On<TicketSequence>(db, e, nameof(TicketSequence.SiteId), nameof(TicketSequence.Series), nameof(TicketSequence.Day)))
        {
            // Another process created the day's row first: start the batch again, this time raising it.
            throw new DbRetry.RetryableUniqueException(e);
        }
        return count;
    }
}
