using System.Globalization;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Outreach;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Outreach;

/// <summary>Outreach API: stops, units, the schedule of visits, planning, the feed, the poster and the reports.</summary>
public static class OutreachEndpoints
{
    public static void MapOutreachEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/outreach").WithTags("Outreach");

        api.MapGet("/stops", async (OutreachReads reads, CancellationToken ct) => Results.Ok(await reads.StopsAsync(ct)));
        api.MapGet("/stops/{id:guid}", async (Guid id, OutreachReads reads, CancellationToken ct) =>
            await reads.StopAsync(id, ct) is { } stop ? Results.Ok(stop) : StopNotFound());
        api.MapPost("/stops", async (StopRequest body, OutreachEdits edits, HttpContext http, CancellationToken ct) =>
            await edits.SaveStopAsync(null, body, http.Caller(), ct) is var o && o.Succeeded
                ? Results.Created($"/api/v1/outreach/stops/{o.Value!.Id}", o.Value) : Problems.From(o))
            .RequireAuthorization(Policies.Manager);
        api.MapPut("/stops/{id:guid}", async (Guid id, StopRequest body, OutreachEdits edits, HttpContext http, CancellationToken ct) =>
            Answers.Answer(await edits.SaveStopAsync(id, body, http.Caller(), ct)))
            .RequireAuthorization(Policies.Manager);

        api.MapGet("/units", async (OutreachEdits edits, CancellationToken ct) => Results.Ok(await edits.UnitsAsync(ct)))
            .RequireAuthorization(Policies.Manager);
        api.MapPost("/units", async (UnitRequest body, OutreachEdits edits, HttpContext http, CancellationToken ct) =>
            await edits.SaveUnitAsync(null, body, http.Caller(), ct) is var o && o.Succeeded
                ? Results.Created($"/api/v1/outreach/units/{o.Value!.Id}", o.Value) : Problems.From(o))
            .RequireAuthorization(Policies.Manager);
        api.MapPut("/units/{id:guid}", async (Guid id, UnitRequest body, OutreachEdits edits, HttpContext http, CancellationToken ct) =>
            Answers.Answer(await edits.SaveUnitAsync(id, body, http.Caller(), ct)))
            .RequireAuthorization(Policies.Manager);

        api.MapGet("/visits", async (string? from, string? to, string? stopId, string? serviceId, OutreachReads reads, MallTime time,
            IOptions<OutreachOptions> options, Core.Catalog.CatalogCache catalog, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var f = read.Date("from", from, required: false) ?? time.Today;
            var t = read.Date("to", to, required: false) ?? f.AddDays(options.Value.ScheduleDays);
            var stop = Id(read, "stopId", stopId);
            var service = Id(read, "serviceId", serviceId);
            if (!read.Failed && t < f) read.Fail("to", Lang.T("Tanggal 'to' tidak boleh sebelum 'from'.", "'to' must not be before 'from'."));
            else if (!read.Failed && t.DayNumber - f.DayNumber > VisitReports.MaxPeriodDays)
                read.Fail("to", Lang.T($"Rentang paling lama {VisitReports.MaxPeriodDays} hari.", $"The range is at most {VisitReports.MaxPeriodDays} days."));
            if (read.Failed) return read.Problem();
            if (stop is { } s && await reads.StopAsync(s, ct) is null) return StopNotFound();
            if (service is { } sv && !(await catalog.GetAsync(ct)).ServicesById.ContainsKey(sv))
                return Problems.Problem(404, Lang.T("Layanan tidak ditemukan.", "Service not found."));
            var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var body = await reads.VisitsAnswerAsync(time.ToUtc(f.ToDateTime(TimeOnly.MinValue)), time.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)),
                stop, service, views => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(views, json), ct);
            return Results.Bytes(body, "application/json; charset=utf-8");
        });
        api.MapGet("/visits/{id:guid}", async (Guid id, OutreachReads reads, CancellationToken ct) =>
            await reads.VisitAsync(id, ct) is { } v ? Results.Ok(v) : VisitNotFound());
        api.MapPost("/visits", async (CreateVisitRequest body, CreateVisit create, HttpContext http, CancellationToken ct) =>
            await create.HandleAsync(body, http.Caller(), ct) is var o && o.Succeeded
                ? Results.Created($"/api/v1/outreach/visits/{o.Value!.Id}", o.Value) : Problems.From(o))
            .RequireAuthorization(Policies.Manager);
        api.MapPost("/plans", async (PlanCircuitRequest body, PlanCircuit plan, HttpContext http, CancellationToken ct) =>
            await plan.HandleAsync(body, http.Caller(), ct) is var o && o.Succeeded
                ? Results.Created($"/api/v1/outreach/visits?stopId={body.StopId}", o.Value) : Problems.From(o))
            .RequireAuthorization(Policies.Manager);
        api.MapPost("/visits/{id:guid}/move", async (Guid id, MoveVisitRequest body, MoveVisit move, HttpContext http, CancellationToken ct) =>
            Answers.Answer(await move.HandleAsync(id, body, http.Caller(), ct)))
            .RequireAuthorization(Policies.Manager);
        api.MapPut("/visits/{id:guid}/officers", async (Guid id, VisitOfficersRequest body, ChooseVisitOfficers choose, HttpContext http, CancellationToken ct) =>
            Answers.Answer(await choose.HandleAsync(id, body, http.Caller(), ct)))
            .RequireAuthorization(Policies.Manager);
        api.MapPost("/visits/{id:guid}/cancel", async (Guid id, CancelVisitRequest? body, CancelVisit cancel, HttpContext http, CancellationToken ct) =>
            Answers.Answer(await cancel.HandleAsync(id, body ?? new CancelVisitRequest(null), http.Caller(), ct)))
            .RequireAuthorization(Policies.Manager);

        api.MapGet("/schedule.ics", async (OutreachReads reads, HttpContext http, CancellationToken ct) =>
            Feed(Lang.T("Jadwal MPP Keliling", "Mobile unit schedule"), await FeedVisitsAsync(reads, null, http, ct), http));
        api.MapGet("/stops/{id:guid}/schedule.ics", async (Guid id, OutreachReads reads, HttpContext http, CancellationToken ct) =>
            await reads.StopAsync(id, ct) is { } stop
                ? Feed($"MPP Keliling {stop.Name}", await FeedVisitsAsync(reads, id, http, ct), http)
                : StopNotFound());

        api.MapGet("/stops/{id:guid}/poster.pdf", async (Guid id, string? month, OutreachReads reads, MallTime time, MallIdentity mall,
            PublicLinks links, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var first = new DateOnly(time.Today.Year, time.Today.Month, 1);
            if (!string.IsNullOrWhiteSpace(month))
            {
                if (DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) && SupportedDates.Contains(m)) first = m;
                else read.Fail("month", Lang.T("Bulan harus berformat YYYY-MM.", "The month must be YYYY-MM."));
            }
            if (read.Failed) return read.Problem();
            var stop = await reads.StopAsync(id, ct);
            if (stop is null) return StopNotFound();
            var visits = await reads.VisitsAsync(time.ToUtc(first.ToDateTime(TimeOnly.MinValue)), time.ToUtc(first.AddMonths(1).ToDateTime(TimeOnly.MinValue)),
                id, null, includeCancelled: true, ct);
            var pdf = SchedulePoster.Build(stop, first, visits, mall.Letterhead(), links, time.Now);
            return Downloads.Attachment(pdf, "application/pdf", $"jadwal-mpp-keliling-{stop.Code.ToLowerInvariant()}-{first:yyyy-MM}.pdf");
        });

        api.MapGet("/visits/{id:guid}/report", async (Guid id, VisitReports reports, HttpContext http, CancellationToken ct) =>
            Answers.Answer(await reports.VisitAsync(id, http.Caller(), ct)))
            .RequireAuthorization(Policies.Staff);
        api.MapGet("/reports", async (string? from, string? to, VisitReports reports, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var t = read.Date("to", to, required: false) ?? time.Today;
            var f = read.Date("from", from, required: false) ?? t.AddDays(-30);
            if (!read.Failed && t < f) read.Fail("to", Lang.T("Tanggal 'to' tidak boleh sebelum 'from'.", "'to' must not be before 'from'."));
            else if (!read.Failed && t.DayNumber - f.DayNumber > VisitReports.MaxPeriodDays)
                read.Fail("to", Lang.T($"Rentang paling lama {VisitReports.MaxPeriodDays} hari.", $"The range is at most {VisitReports.MaxPeriodDays} days."));
            if (read.Failed) return read.Problem();
            return Answers.Answer(await reports.PeriodAsync(f, t, http.Caller(), ct));
        }).RequireAuthorization(Policies.Staff);
    }

    private static Guid? Id(QueryReader read, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Guid.TryParse(value, out var id)) return id;
        read.Fail(name, Lang.T("Harus berupa GUID.", "Must be a GUID."));
        return null;
    }

    /// <summary>The feed's visits: from 30 days back (so that a cancellation reaches subscribed calendars) to the schedule's horizon.</summary>
    private static Task<IReadOnlyList<VisitView>> FeedVisitsAsync(OutreachReads reads, Guid? stopId, HttpContext http, CancellationToken ct)
    {
        var days = http.RequestServices.GetRequiredService<IOptions<OutreachOptions>>().Value.ScheduleDays;
        return reads.VisitsAsync(reads.UtcNow.AddDays(-30), reads.UtcNow.AddDays(days), stopId, null, includeCancelled: true, ct);
    }

    private static IResult Feed(string name, IReadOnlyList<VisitView> visits, HttpContext http)
    {
        var text = ScheduleFeed.Build(name, visits, http.RequestServices.GetRequiredService<PublicLinks>(), http.RequestServices.GetRequiredService<MallTime>().UtcNow);
        return Results.Text(text, "text/calendar; charset=utf-8");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult StopNotFound() => Problems.Problem(404, Lang.T("Lokasi MPP keliling tidak ditemukan.", "Stop not found."));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult VisitNotFound() => Problems.Problem(404, Lang.T("Kunjungan tidak ditemukan.", "Visit not found."));
}
