using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Queue;

public sealed record SlotPlanWindow(string? Start, string? End);
public sealed record SlotPlanRequest(Guid? ServiceId, string? From, string? To, int[]? Weekdays, SlotPlanWindow[]? Windows, int? Capacity, bool? SkipHolidays);
public sealed record MoveBookingRequest(Guid? SlotId);

/// <summary>Queue API: sites, counters, slots, bookings, tickets, the board and the figures.</summary>
public static class QueueEndpoints
{
    public static void MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Queue");

        api.MapGet("/sites", async (QueueReads reads, CancellationToken ct) => await reads.SitesAsync(ct));

        api.MapGet("/sites/{siteId:guid}/hours", async (Guid siteId, QueueReads reads, CancellationToken ct) =>
            await reads.HoursAsync(siteId, ct) is { } hours ? Results.Ok(hours) : (IResult)Problems.Problem(404, Lang.T("Lokasi tidak ditemukan.", "Site not found.")));
        api.MapPut("/sites/{siteId:guid}/hours", async (Guid siteId, List<SiteHoursItem?>? body, SetSiteHours set, HttpContext http, CancellationToken ct) =>
            Answers.Answer(await set.HandleAsync(siteId, body, http.Caller(), ct))).RequireAuthorization(Policies.Manager);
        api.MapGet("/sites/{siteId:guid}/counters", async (Guid siteId, QueueReads reads, CancellationToken ct) =>
            await reads.SiteAsync(siteId, ct) is null ? SiteNotFound() : Results.Ok(await reads.CountersAsync(siteId, ct)));
        api.MapPut("/sites/{siteId:guid}/counters/{counterId:guid}", async (Guid siteId, Guid counterId, PlanSlots plan, CancellationToken ct) =>
            await plan.PlaceCounterAsync(counterId, siteId, ct) is { Succeeded: true } ? Results.NoContent() : SiteOrCounterNotFound())
            .RequireAuthorization(Policies.Manager);

        api.MapGet("/sites/{siteId:guid}/slots", async (Guid siteId, string? serviceId, string? date, QueueReads reads, Core.Catalog.CatalogCache catalog, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var day = read.Date("date", date, required: true);
            Guid? service = null;
            if (!string.IsNullOrWhiteSpace(serviceId))
            {
                if (Guid.TryParse(serviceId, out var id)) service = id;
                else read.Fail("serviceId", Lang.T("Harus berupa id layanan (GUID).", "Must be a service id (GUID)."));
            }
            if (read.Failed) return read.Problem();
            var site = await reads.SiteAsync(siteId, ct);
            if (site is null) return SiteNotFound();
            if (service is { } s && !(await catalog.GetAsync(ct)).ServicesById.ContainsKey(s))
                return Problems.Problem(404, Lang.T("Layanan tidak ditemukan.", "Service not found."));
            return Results.Ok(await reads.SlotsAsync(site, service, day!.Value, ct));
        });
        api.MapPost("/sites/{siteId:guid}/slots", async (Guid siteId, CreateSlotRequest body, PlanSlots plan, CancellationToken ct) =>
        {
            var outcome = await plan.CreateAsync(siteId, body, ct);
            return outcome.Succeeded
                ? Results.Created($"/api/v1/sites/{siteId}/slots?date={outcome.Value!.Start:yyyy-MM-dd}&serviceId={outcome.Value.ServiceId}", outcome.Value)
                : Problems.From(outcome);
        }).RequireAuthorization(Policies.Manager);
        api.MapPost("/sites/{siteId:guid}/slot-plans", async (Guid siteId, SlotPlanRequest body, PlanSlots plan, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var from = read.Date("from", body.From, required: true);
            var to = read.Date("to", body.To, required: true);
            if (body.ServiceId is null) read.Fail("serviceId", Lang.T("Wajib diisi.", "Required."));
            var windows = new List<(TimeOnly, TimeOnly)>();
            foreach (var w in body.Windows ?? [])
            {
                if (TimeOnly.TryParseExact(w.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s)
                    && TimeOnly.TryParseExact(w.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e)) windows.Add((s, e));
                else read.Fail("windows", Lang.T("Jam harus berformat HH:mm.", "Times must be HH:mm."));
            }
            if (read.Failed) return read.Problem();
            var outcome = await plan.ApplyAsync(siteId, new SlotPlan(body.ServiceId!.Value, from!.Value, to!.Value, body.Weekdays ?? [], [.. windows],
                body.Capacity ?? 0, body.SkipHolidays ?? true), ct);
            return outcome.Succeeded ? Results.Ok(new { created = outcome.Value }) : Problems.From(outcome);
        }).RequireAuthorization(Policies.Manager);
        api.MapPost("/slots/{slotId:guid}/close", async (Guid slotId, PlanSlots plan, CancellationToken ct) =>
            await plan.SetClosedAsync(slotId, true, ct) is { Succeeded: true } ? Results.NoContent() : Problems.Problem(404, Lang.T("Slot tidak ditemukan.", "Slot not found.")))
            .RequireAuthorization(Policies.Manager);
        api.MapPost("/slots/{slotId:guid}/open", async (Guid slotId, PlanSlots plan, CancellationToken ct) =>
            await plan.SetClosedAsync(slotId, false, ct) is { Succeeded: true } ? Results.NoContent() : Problems.Problem(404, Lang.T("Slot tidak ditemukan.", "Slot not found.")))
            .RequireAuthorization(Policies.Manager);

        api.MapPost("/bookings", async (BookSlotRequest body, BookSlot book, BookingLimits limits, HttpContext http, CancellationToken ct) =>
        {
            if (limits.Check(http, body.Phone) is { } refusal) return BookingLimits.TooMany(http, refusal);
            var attempt = await book.HandleAsync(body, http.User.UserId(), ct);
            return Result(attempt, b => Results.Created($"/api/v1/bookings/{b.Code}", b));
        }).WithIdempotency<BookSlotRequest>("bookings.create");
        api.MapGet("/bookings/{code}", async (string code, QueueReads reads, CancellationToken ct) =>
            await reads.BookingAsync(code, ct) is { } b ? Results.Ok(b) : Problems.Problem(404, Lang.T("Kode pemesanan tidak ditemukan.", "Booking code not found.")))
            .RequireRateLimiting(RateLimiting.PublicWrites);
        api.MapDelete("/bookings/{code}", async (string code, CancelBooking cancel, CancellationToken ct) =>
            await cancel.HandleAsync(code, ct) is var outcome && outcome.Succeeded ? Results.NoContent() : Problems.From(outcome))
            .RequireRateLimiting(RateLimiting.PublicWrites);
        api.MapPost("/bookings/{code}/move", async (string code, MoveBookingRequest body, MoveBooking move, BookingLimits limits, HttpContext http, CancellationToken ct) =>
            limits.Check(http, phone: null) is { } refusal ? BookingLimits.TooMany(http, refusal)
                : body.SlotId is not { } slot ? Problems.Invalid("slotId", Lang.T("Wajib diisi.", "Required."))
                : Result(await move.HandleAsync(code, slot, ct), Results.Ok));

        api.MapPost("/sites/{siteId:guid}/tickets", async (Guid siteId, IssueTicketRequest body, IssueTicket issue, HttpContext http, CancellationToken ct) =>
        {
            var attempt = await issue.HandleAsync(siteId, body, http.Caller().IsStaff, http.User.Identity?.Name ?? "kiosk", ct);
            var outcome = attempt.Outcome;
            if (outcome.Succeeded) return Results.Created($"/api/v1/tickets/{outcome.Value!.Id}", outcome.Value);
            // Closed, or a check-in too early: 409 with the time it opens (site time).
            return attempt.OpensAt is { } opens
                ? Problems.Problem(409, outcome.Message, new Dictionary<string, object?> { ["opensAt"] = opens })
                : Problems.From(outcome);
        }).WithIdempotency<IssueTicketRequest>("tickets.issue");
        api.MapGet("/tickets/{id:guid}", async (Guid id, QueueReads reads, CancellationToken ct) =>
            await reads.TicketAsync(id, ct) is { } t ? Results.Ok(t) : Problems.Problem(404, Lang.T("Tiket tidak ditemukan.", "Ticket not found.")));
        api.MapPost("/counters/{counterId:guid}/call-next", async (Guid counterId, CallNextTicket call, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await call.HandleAsync(counterId, http.Caller(), ct);
            if (!outcome.Succeeded) return Problems.From(outcome);
            return outcome.Value is null ? Results.NoContent() : Results.Ok(outcome.Value);
        }).RequireAuthorization(Policies.Staff);
        api.MapPost("/tickets/{id:guid}/actions", async (Guid id, TicketActionRequest body, ActOnTicket act, HttpContext http, CancellationToken ct) =>
            await act.HandleAsync(id, body, http.Caller(), ct) is var outcome && outcome.Succeeded ? Results.Ok(outcome.Value) : Problems.From(outcome))
            .RequireAuthorization(Policies.Staff);

        api.MapGet("/sites/{siteId:guid}/board", async (Guid siteId, QueueReads reads, CancellationToken ct) =>
            await reads.SiteAsync(siteId, ct) is { } site ? Results.Ok(await reads.BoardAsync(site, 8, ct)) : SiteNotFound());

        api.MapGet("/queue/stats", async (string? siteId, string? from, string? to, string? agencyId, QueueStats stats, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var f = read.Date("from", from, required: false) ?? time.Today;
            var t = read.Date("to", to, required: false) ?? f;
            Guid? site = null, agency = null;
            if (!string.IsNullOrWhiteSpace(siteId)) { if (Guid.TryParse(siteId, out var s)) site = s; else read.Fail("siteId", Lang.T("Harus berupa GUID.", "Must be a GUID.")); }
            if (!string.IsNullOrWhiteSpace(agencyId)) { if (Guid.TryParse(agencyId, out var a)) agency = a; else read.Fail("agencyId", Lang.T("Harus berupa GUID.", "Must be a GUID.")); }
            if (t < f || t.DayNumber - f.DayNumber > 366) read.Fail("to", Lang.T("Rentang 0 sampai 366 hari setelah 'from'.", "0 to 366 days after 'from'."));
            if (read.Failed) return read.Problem();
            var staff = http.Caller();
            var seesAll = staff.SeesWholeMall;
            if (!seesAll)
            {
                if (staff.AgencyId is null || agency is { } asked && asked != staff.AgencyId)
                    return Problems.Problem(403, Lang.T("Anda hanya dapat melihat angka instansi Anda.", "You may only see your agency's figures."));
                agency = staff.AgencyId;
            }
            return Results.Ok(await stats.HandleAsync(site, f, t, agency, ct));
        }).RequireAuthorization(Policies.Staff);
    }

    private static ProblemHttpResult SiteNotFound() => Problems.Problem(404, Lang.T("Lokasi tidak ditemukan.", "Site not found."));

    private static ProblemHttpResult SiteOrCounterNotFound() => Problems.Problem(404, Lang.T("Lokasi atau loket tidak ditemukan.", "Site or counter not found."));

    private static IResult Result(BookingAttempt attempt, Func<BookingView, IResult> success)
    {
        if (attempt.Outcome.Succeeded) return success(attempt.Outcome.Value!);
        var o = attempt.Outcome;
        var extensions = new Dictionary<string, object?>();
        if (attempt.OpensAt is { } opens) extensions["opensAt"] = opens;
        if (attempt.NextSlots is { } next) extensions["nextSlots"] = next;
        return o.Kind switch
        {
            OutcomeKind.Conflict or OutcomeKind.Unprocessable when extensions.Count > 0 =>
                Problems.Problem(o.Kind == OutcomeKind.Conflict ? 409 : 422, o.Message, extensions),
            _ => Problems.From(o),
        };
    }
}
