using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
public sealed class TicketBatcher(IServiceScopeFactory scopes) : WriteBatcher<TicketBatcher.Pending, string?>(scopes)
{
    public sealed record Pending(Ticket Ticket, Guid? BookingId, string Actor);

    /// <summary>
    /// Numbers and stores the ticket (and checks in its booking, when it has one); null when written, otherwise why
    /// the booking could not be checked in (nothing is written for it).
    /// </summary>
    public Task<string?> IssueAsync(Ticket ticket, Guid? bookingId, string actor, CancellationToken ct) =>
        EnqueueAsync(new Pending(ticket, bookingId, actor), ct);

    protected override async Task<string?[]> WriteAsync(SatuAtapDb db, IReadOnlyList<Pending> batch, CancellationToken ct)
    {
        var refusals = new string?[batch.Count];
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
        foreach (var series in batch.Where((_, i) => refusals[i] is null).GroupBy(p => (p.Ticket.SiteId, p.Ticket.Series, p.Ticket.Day)))
        {
            var (siteId, letter, day) = series.Key;
            var count = series.Count();
            var last = await RaiseAsync(db, siteId, letter, day, count, ct);
            var number = last - count;
            foreach (var p in series)
            {
                p.Ticket.Number = ++number;
                db.Tickets.Add(p.Ticket);
                db.TicketEvents.Add(new TicketEvent
                {
                    TicketId = p.Ticket.Id, AtUtc = p.Ticket.ArrivedUtc, Action = p.BookingId is null ? "issue" : "check-in",
                    To = TicketStatus.Waiting, Actor = p.Actor,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return refusals;
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
        catch (DbUpdateException e) when (DbRetry.IsUniqueViolation(e))
        {
            // Another process created the day's row first: start the batch again, this time raising it.
            throw new DbRetry.RetryableUniqueException(e);
        }
        return count;
    }
}
