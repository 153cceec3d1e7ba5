using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

public sealed record CreateVisitRequest(Guid? UnitId, Guid? StopId, string? Start, string? End, VisitServiceRequest[]? Services, bool? ConfirmHoliday);

/// <summary>
/// A manager schedules one visit: a unit at a stop within one day, with services and their quotas. Refused (422) in
/// the past, over another visit of the unit, on a day off unless confirmed, or with a service no travelling agreement
/// covers on that day.
/// </summary>
public sealed class CreateVisit(VisitPlanning planning, OutreachReads reads)
{
    public async Task<Outcome<VisitView>> HandleAsync(CreateVisitRequest r, Caller caller, CancellationToken ct)
    {
        if (!caller.IsManager) return Outcome<VisitView>.Forbidden();
        var errors = new FieldErrors();
        if (r.UnitId is null) errors.Missing("unitId");
        if (r.StopId is null) errors.Missing("stopId");
        VisitPlanning.CheckServices(r.Services, errors);
        if (errors.Any) return Outcome<VisitView>.Invalid(errors.ToDictionary());
        var place = await planning.StopAsync(r.StopId!.Value, ct);
        if (place is null) return Outcome<VisitView>.NotFound(Lang.T("Lokasi MPP keliling tidak ditemukan.", "Stop not found."));
        var unit = await planning.UnitAsync(r.UnitId!.Value, ct);
        if (unit is null) return Outcome<VisitView>.NotFound(Lang.T("Unit MPP keliling tidak ditemukan.", "Unit not found."));
        var (stop, site) = place.Value;
        var zone = site.Zone;
        var window = Window(r.Start, r.End, zone, errors);
        if (errors.Any) return Outcome<VisitView>.Invalid(errors.ToDictionary());
        var services = r.Services!.Select(s => (s.ServiceId!.Value, s.Quota!.Value)).ToList();
        if (await planning.UnknownServiceAsync(services.Select(s => s.Item1), ct) is not null)
            return Outcome<VisitView>.NotFound(Lang.T("Layanan tidak ditemukan.", "Service not found."));

        var (span, day) = window!.Value;
        if (span.StartUtc <= planning.UtcNow) return VisitPlanning.Unprocessable<VisitView>(VisitPlanning.PastMessage());
        if (!(r.ConfirmHoliday ?? false) && (await planning.DaysOffAsync(day, day, ct)).TryGetValue(day, out var holiday))
            return VisitPlanning.Unprocessable<VisitView>(VisitPlanning.HolidayMessage(day, holiday));
        if (await planning.UntravelledAsync(services.Select(s => s.Item1), day, ct) is { } untravelled)
            return VisitPlanning.Unprocessable<VisitView>(untravelled);
        var others = await planning.UnitVisitsAsync(unit.Id, span.StartUtc, span.EndUtc, null, ct);
        if (CircuitRules.FirstClash(span, others.Select(o => o.Span)) is { } clash)
            return VisitPlanning.Unprocessable<VisitView>(await planning.ClashMessageAsync(unit, clash, others.First(o => o.Span == clash).StopId, zone, ct));

        var visit = new Visit
        {
            UnitId = unit.Id, StopId = stop.Id, SiteId = site.Id, StartUtc = span.StartUtc, EndUtc = span.EndUtc, Day = day,
            Status = VisitStatus.Planned, OnHolidayConfirmed = r.ConfirmHoliday ?? false,
        };
        var saved = await planning.SaveAsync(visit, services, zone, ct);
        if (!saved.Succeeded) return new Outcome<VisitView>(saved.Kind, Message: saved.Message, Errors: saved.Errors);
        return Outcome<VisitView>.Created((await reads.VisitAsync(visit.Id, ct))!);
    }

    /// <summary>
    /// The visit's window from ISO 8601 instants (with an offset, or without one meaning the stop's time): the end after
    /// the start, both on one day. Errors name the field.
    /// </summary>
    internal static (TimeSpanUtc Span, DateOnly Day)? Window(string? start, string? end, TimeZoneInfo zone, FieldErrors errors)
    {
        var s = SiteClock.ParseInstant(start, zone);
        var e = SiteClock.ParseInstant(end, zone);
        if (s is null) errors.Add("start", Lang.T("Waktu mulai wajib diisi dalam format ISO 8601 (contoh 2026-12-08T08:00:00+07:00).", "The start is required in ISO 8601 (e.g. 2026-12-08T08:00:00+07:00)."));
        if (e is null) errors.Add("end", Lang.T("Waktu selesai wajib diisi dalam format ISO 8601.", "The end is required in ISO 8601."));
        if (s is null || e is null) return null;
        if (e <= s)
        {
            errors.Add("end", Lang.T("Waktu selesai harus setelah waktu mulai.", "The end must be after the start."));
            return null;
        }
        var day = DateOnly.FromDateTime(SiteClock.ToLocal(s.Value, zone));
        if (day != DateOnly.FromDateTime(SiteClock.ToLocal(e.Value.AddTicks(-1), zone)))
        {
            errors.Add("end", Lang.T("Kunjungan harus berada dalam satu hari.", "A visit must lie within one day."));
            return null;
        }
        return (new TimeSpanUtc(s.Value, e.Value), day);
    }
}
