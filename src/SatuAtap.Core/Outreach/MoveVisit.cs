using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

public sealed record MoveVisitRequest(string? Start, string? End, string? Note, bool? ConfirmHoliday);

/// <summary>
/// A manager moves a visit to another time (the same stop). Its slots move with it and its bookings are kept; each
/// holder is told the new time. The same checks as a new visit hold at the new time.
/// </summary>
public sealed class MoveVisit(SatuAtapDb db, VisitPlanning planning, OutreachReads reads, VisitChanges changes, QueueCache queue, PersonalDataProtector protector)
{
    public async Task<Outcome<VisitView>> HandleAsync(Guid visitId, MoveVisitRequest r, Caller caller, CancellationToken ct)
    {
        if (!caller.IsManager) return Outcome<VisitView>.Forbidden();
        var visit = await db.OutreachVisits.Include(v => v.Services).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null) return Outcome<VisitView>.NotFound(Lang.T("Kunjungan tidak ditemukan.", "Visit not found."));
        if (visit.Status == VisitStatus.Cancelled) return Outcome<VisitView>.Conflict(Lang.T("Kunjungan ini sudah dibatalkan.", "This visit was cancelled."));
        if (visit.IsDone(planning.UtcNow)) return VisitPlanning.Unprocessable<VisitView>(Lang.T("Kunjungan ini sudah selesai.", "This visit is over."));
        var errors = new FieldErrors();
        errors.Optional("note", r.Note, 500);
        var stop = (await reads.StopAsync(visit.StopId, ct))!;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(stop.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var window = CreateVisit.Window(r.Start, r.End, zone, errors);
        if (errors.Any) return Outcome<VisitView>.Invalid(errors.ToDictionary());
        var (span, day) = window!.Value;
        if (span.StartUtc <= planning.UtcNow) return VisitPlanning.Unprocessable<VisitView>(VisitPlanning.PastMessage());
        if (!(r.ConfirmHoliday ?? false) && (await planning.DaysOffAsync(day, day, ct)).TryGetValue(day, out var holiday))
            return VisitPlanning.Unprocessable<VisitView>(VisitPlanning.HolidayMessage(day, holiday));
        if (await planning.UntravelledAsync(visit.Services.Select(s => s.ServiceId), day, ct) is { } untravelled)
            return VisitPlanning.Unprocessable<VisitView>(untravelled);
        var unit = (await planning.UnitAsync(visit.UnitId, ct))!;
        var others = await planning.UnitVisitsAsync(unit.Id, span.StartUtc, span.EndUtc, visit.Id, ct);
        if (CircuitRules.FirstClash(span, others.Select(o => o.Span)) is { } clash)
            return VisitPlanning.Unprocessable<VisitView>(await planning.ClashMessageAsync(unit, clash, others.First(o => o.Span == clash).StopId, zone, ct));

        var oldWhen = VisitTimes.Span(SiteClock.Offset(visit.StartUtc, zone), SiteClock.Offset(visit.EndUtc, zone), stop.TimeZone, english: false);
        var newWhen = VisitTimes.Span(SiteClock.Offset(span.StartUtc, zone), SiteClock.Offset(span.EndUtc, zone), stop.TimeZone, english: false);
        visit.StartUtc = span.StartUtc;
        visit.EndUtc = span.EndUtc;
        visit.Day = day;
        visit.Status = VisitStatus.Moved;
        visit.Note = r.Note?.Trim() ?? "";
        var slotIds = visit.Services.Select(s => s.SlotId).ToList();
        foreach (var slot in await db.Slots.Where(s => slotIds.Contains(s.Id)).ToListAsync(ct))
        {
            slot.StartUtc = span.StartUtc;
            slot.EndUtc = span.EndUtc;
            slot.Day = day;
        }
        // The bookings keep their places; "one booking per person, service and day" follows them to the new day.
        foreach (var booking in await db.Bookings.Where(b => slotIds.Contains(b.SlotId) && b.Status == BookingStatus.Active).ToListAsync(ct))
        {
            booking.Day = day;
            booking.StartUtc = span.StartUtc;
            booking.PhoneKey = Booking.PersonKey(protector, booking.ServiceId, day, "p" + booking.Phone);
            booking.NikKey = booking.Nik is null ? null : Booking.PersonKey(protector, booking.ServiceId, day, "n" + booking.Nik);
            await changes.NotifyAsync(VisitChanges.MovedEvent, booking, stop, oldWhen, newWhen, null, visit.Note, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Outcome<VisitView>.Conflict(Lang.T(
                "Seorang pemesan sudah memiliki pemesanan lain untuk layanan yang sama pada hari baru itu; pilih hari lain.",
                "Someone who booked this visit already holds another booking of the same service on the new day; choose another day."));
        }
        reads.ScheduleChanged();
        foreach (var id in slotIds) queue.SlotChanged(id);
        return Outcome<VisitView>.Ok((await reads.VisitAsync(visit.Id, ct))!);
    }
}
