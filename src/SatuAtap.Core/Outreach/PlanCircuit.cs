using System.Globalization;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

/// <summary>
/// A recurring rule for one stop: first date, every so many weeks, until a date, hours (HH:mm, the stop's time). Instead
/// of <c>everyWeeks</c>, <c>nthWeekday</c> (1–4, or -1 for the last) with <c>weekday</c> (<c>monday</c> … <c>sunday</c>)
/// makes it one visit a month on that weekday of the month, between the first and the last date.
/// </summary>
public sealed record PlanCircuitRequest(Guid? UnitId, Guid? StopId, string? First, int? EveryWeeks, string? Until, string? Start, string? End,
    VisitServiceRequest[]? Services, bool? ConfirmHolidays, int? NthWeekday = null, string? Weekday = null);

public sealed record PlanCircuitResult(Guid PlanId, IReadOnlyList<VisitView> Visits, IReadOnlyList<DateOnly> SkippedDaysOff);

/// <summary>
/// A manager plans the circuit: a recurring rule expanded into visits. Dates on the holiday calendar are skipped (and
/// listed) unless the manager confirms them; a rule spanning more than a year is refused (400); the plan is refused
/// whole (422) when a visit would be in the past, overlap another of the unit, or carry a service without a
/// travelling agreement on its date.
/// </summary>
public sealed class PlanCircuit(VisitPlanning planning, OutreachReads reads)
{
    public async Task<Outcome<PlanCircuitResult>> HandleAsync(PlanCircuitRequest r, Caller caller, CancellationToken ct)
    {
        if (!caller.IsManager) return Outcome<PlanCircuitResult>.Forbidden();
        var errors = new FieldErrors();
        if (r.UnitId is null) errors.Missing("unitId");
        if (r.StopId is null) errors.Missing("stopId");
        var first = Date("first", r.First, errors);
        var until = Date("until", r.Until, errors);
        var start = Time("start", r.Start, errors);
        var end = Time("end", r.End, errors);
        var monthly = Monthly(r, errors);
        VisitPlanning.CheckServices(r.Services, errors);
        if (errors.Any) return Outcome<PlanCircuitResult>.Invalid(errors.ToDictionary());
        var rule = new CircuitRule(first!.Value, r.EveryWeeks ?? 0, until!.Value, start!.Value, end!.Value, monthly);
        if (CircuitRules.Check(rule) is { Count: > 0 } ruleErrors) return Outcome<PlanCircuitResult>.Invalid(ruleErrors);

        var place = await planning.StopAsync(r.StopId!.Value, ct);
        if (place is null) return Outcome<PlanCircuitResult>.NotFound(Lang.T("Lokasi MPP keliling tidak ditemukan.", "Stop not found."));
        var unit = await planning.UnitAsync(r.UnitId!.Value, ct);
        if (unit is null) return Outcome<PlanCircuitResult>.NotFound(Lang.T("Unit MPP keliling tidak ditemukan.", "Unit not found."));
        var services = r.Services!.Select(s => (s.ServiceId!.Value, s.Quota!.Value)).ToList();
        if (await planning.UnknownServiceAsync(services.Select(s => s.Item1), ct) is not null)
            return Outcome<PlanCircuitResult>.NotFound(Lang.T("Layanan tidak ditemukan.", "Service not found."));
        var (stop, site) = place.Value;
        var zone = site.Zone;

        var daysOff = await planning.DaysOffAsync(rule.First, rule.Until, ct);
        var dates = CircuitRules.Expand(rule);
        var (kept, skipped) = r.ConfirmHolidays == true ? (dates, []) : CircuitRules.SkipDaysOff(dates, daysOff.Keys.ToHashSet());
        var spans = kept.Select(d => (Day: d, Span: new TimeSpanUtc(SiteClock.ToUtc(d.ToDateTime(rule.Start), zone), SiteClock.ToUtc(d.ToDateTime(rule.End), zone)))).ToList();
        if (spans.Count == 0)
            return VisitPlanning.Unprocessable<PlanCircuitResult>(Lang.T("Semua tanggal aturan ini jatuh pada hari libur.", "Every date of this rule falls on a day off."));
        if (spans[0].Span.StartUtc <= planning.UtcNow) return VisitPlanning.Unprocessable<PlanCircuitResult>(VisitPlanning.PastMessage());
        foreach (var day in spans.Select(s => s.Day).Distinct())
            if (await planning.UntravelledAsync(services.Select(s => s.Item1), day, ct) is { } untravelled)
                return VisitPlanning.Unprocessable<PlanCircuitResult>(untravelled);
        var others = await planning.UnitVisitsAsync(unit.Id, spans[0].Span.StartUtc, spans[^1].Span.EndUtc, null, ct);
        foreach (var (_, span) in spans)
            if (CircuitRules.FirstClash(span, others.Select(o => o.Span)) is { } clash)
                return VisitPlanning.Unprocessable<PlanCircuitResult>(await planning.ClashMessageAsync(unit, clash, others.First(o => o.Span == clash).StopId, zone, ct));

        var planId = Guid.CreateVersion7();
        var ids = new List<Guid>();
        foreach (var (day, span) in spans)
        {
            var visit = new Visit
            {
                UnitId = unit.Id, StopId = stop.Id, SiteId = site.Id, StartUtc = span.StartUtc, EndUtc = span.EndUtc, Day = day,
                Status = VisitStatus.Planned, PlanId = planId, OnHolidayConfirmed = daysOff.ContainsKey(day),
            };
            var saved = await planning.SaveAsync(visit, services, zone, ct);
            if (!saved.Succeeded) return new Outcome<PlanCircuitResult>(saved.Kind, Message: saved.Message, Errors: saved.Errors);
            ids.Add(visit.Id);
        }
        var views = new List<VisitView>();
        foreach (var id in ids) views.Add((await reads.VisitAsync(id, ct))!);
        return Outcome<PlanCircuitResult>.Created(new PlanCircuitResult(planId, views, skipped));
    }

    /// <summary>The monthly rule when <c>nthWeekday</c> is given; otherwise <c>everyWeeks</c> is required.</summary>
    private static NthWeekday? Monthly(PlanCircuitRequest r, FieldErrors errors)
    {
        if (r.NthWeekday is null)
        {
            if (r.EveryWeeks is null) errors.Missing("everyWeeks");
            if (r.Weekday is not null)
                errors.Add("nthWeekday", Lang.T("Hari (weekday) hanya dipakai bersama nthWeekday.", "weekday is used only with nthWeekday."));
            return null;
        }
        if (r.EveryWeeks is not null)
            errors.Add("everyWeeks", Lang.T("Pilih salah satu: everyWeeks atau nthWeekday.", "Give either everyWeeks or nthWeekday, not both."));
        if (!(r.Weekday is { Length: > 0 } text && text.All(char.IsAsciiLetter) && Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var weekday)))
        {
            errors.Add("weekday", Lang.T("Hari wajib diisi: monday, tuesday, wednesday, thursday, friday, saturday atau sunday.",
                "The weekday is required: monday, tuesday, wednesday, thursday, friday, saturday or sunday."));
            return new NthWeekday(r.NthWeekday.Value, DayOfWeek.Monday);
        }
        return new NthWeekday(r.NthWeekday.Value, weekday);
    }

    private static DateOnly? Date(string field, string? text, FieldErrors errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && SupportedDates.Contains(d)) return d;
        errors.Add(field, Lang.T("Tanggal wajib diisi dengan format YYYY-MM-DD.", "The date is required as YYYY-MM-DD."));
        return null;
    }

    private static TimeOnly? Time(string field, string? text, FieldErrors errors)
    {
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        errors.Add(field, Lang.T("Jam wajib diisi dengan format HH:mm.", "The time is required as HH:mm."));
        return null;
    }
}
