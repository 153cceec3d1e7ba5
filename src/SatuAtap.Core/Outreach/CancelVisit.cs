using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

public sealed record CancelVisitRequest(string? Note);

/// <summary>
/// A manager cancels a visit: its slots close, its bookings are released (the places go back), and each holder is
/// told, with the nearest alternative: the next visit offering the same service, at the same stop if there is one.
/// </summary>
public sealed class CancelVisit(SatuAtapDb db, VisitPlanning planning, OutreachReads reads, VisitChanges changes, CancelBooking bookings, QueueCache queue)
{
    public async Task<Outcome<VisitView>> HandleAsync(Guid visitId, CancelVisitRequest r, Caller caller, CancellationToken ct)
    {
        if (!caller.IsManager) return Outcome<VisitView>.Forbidden();
        var visit = await db.OutreachVisits.Include(v => v.Services).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null) return Outcome<VisitView>.NotFound(Lang.T("Kunjungan tidak ditemukan.", "Visit not found."));
        if (visit.Status == VisitStatus.Cancelled) return Outcome<VisitView>.Conflict(Lang.T("Kunjungan ini sudah dibatalkan.", "This visit is already cancelled."));
        if (visit.IsDone(planning.UtcNow)) return VisitPlanning.Unprocessable<VisitView>(Lang.T("Kunjungan ini sudah selesai.", "This visit is over."));
        if (r.Note is { Length: > 500 }) return Outcome<VisitView>.Invalid("note", Lang.T("Paling banyak 500 karakter.", "At most 500 characters."));

        var stop = (await reads.StopAsync(visit.StopId, ct))!;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(stop.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var when = VisitTimes.Span(SiteClock.Offset(visit.StartUtc, zone), SiteClock.Offset(visit.EndUtc, zone), stop.TimeZone, english: false);
        var slotIds = visit.Services.Select(s => s.SlotId).ToList();
        var coming = await reads.ComingAsync(null, null, ct);
        var note = r.Note?.Trim() ?? "";
        // One transaction: the visit's status, its slots, its bookings and the messages to their holders all commit
        // or none do (a failed outbox write leaves the visit planned and every booking held).
        await DbRetry.GatedAsync(db, async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            // Closed first, so that no booking slips in while the others are released.
            await db.Slots.Where(s => slotIds.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.Closed, true), c);
            visit.Status = VisitStatus.Cancelled;
            visit.Note = note;
            foreach (var booking in await db.Bookings.AsNoTracking().Where(b => slotIds.Contains(b.SlotId) && b.Status == BookingStatus.Active).ToListAsync(c))
            {
                if (!await bookings.ReleaseAsync(booking.Id, booking.SlotId, c)) continue;
                var alternative = coming.Where(v => v.Id != visit.Id && v.Services.Any(s => s.ServiceId == booking.ServiceId))
                    .OrderBy(v => v.Stop.Id == visit.StopId ? 0 : 1).ThenBy(v => v.Start).FirstOrDefault();
                var text = alternative is null
                    ? "Layanan ini tetap tersedia di gedung MPP."
                    : $"MPP Keliling {alternative.Stop.Name}, {VisitTimes.Span(alternative.Start, alternative.End, alternative.Stop.TimeZone, english: false)}";
                await changes.NotifyAsync(VisitChanges.CancelledEvent, booking, stop, when, null, text, note, c);
            }
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return true;
        }, ct);
        reads.ScheduleChanged();
        foreach (var id in slotIds) queue.SlotChanged(id);
        return Outcome<VisitView>.Ok((await reads.VisitAsync(visit.Id, ct))!);
    }
}
