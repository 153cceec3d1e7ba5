using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Catalog;

public sealed record HolidayItem(string Date, string Kind, string Name, string? NameEn, Guid Version);
public sealed record DueDateAnswer(string DueDate, string Start, int WorkingDays);

/// <summary>The holiday calendar and the question the whole product asks of it: which date is N working days after D.</summary>
public static class CalendarEndpoints
{
    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/calendar").WithTags("Calendar");

        api.MapGet("/holidays", async (string? year, SatuAtapDb db, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var y = read.Int("year", year, 0, 1900, 2200);
            if (read.Failed) return read.Problem();
            var query = db.Holidays.AsNoTracking();
            if (y != 0) query = query.Where(h => h.Date >= new DateOnly(y, 1, 1) && h.Date <= new DateOnly(y, 12, 31));
            var list = await query.OrderBy(h => h.Date).ToListAsync(ct);
            return Results.Ok(list.Select(ToItem).ToList());
        });

        api.MapGet("/due-date", async (string? start, string? workingDays, CatalogCache cache, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var from = read.Date("start", start, required: true);
            var n = read.RequiredInt("workingDays", workingDays, 0, 3650);
            if (read.Failed) return read.Problem();
            var due = (await cache.GetAsync(ct)).Calendar.AddWorkingDays(from!.Value, n!.Value);
            return Results.Ok(new DueDateAnswer(Iso(due), Iso(from.Value), n.Value));
        });

        api.MapPost("/holidays", (HolidayDocument body, SaveHoliday save, HttpContext http, CancellationToken ct) =>
            CatalogEndpoints.Write(save.HandleAsync(null, body, http.Caller(), ct), d => $"/api/v1/calendar/holidays/{Iso(d)}", http))
            .RequireAuthorization(Policies.Manager);
        api.MapGet("/holidays/{date}", async (string date, SatuAtapDb db, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var d = read.Date("date", date, true);
            if (read.Failed) return read.Problem();
            var h = await db.Holidays.AsNoTracking().FirstOrDefaultAsync(x => x.Date == d, ct);
            return h is null ? Problems.Problem(404, Lang.T("Tanggal ini bukan hari libur di kalender.", "This date is not a holiday in the calendar.")) : Results.Ok(ToItem(h));
        });
        api.MapPut("/holidays/{date}", (string date, HolidayDocument body, SaveHoliday save, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var d = read.Date("date", date, true);
            if (read.Failed) return Task.FromResult(read.Problem());
            return CatalogEndpoints.Write(save.HandleAsync(d, body, http.Caller(), ct), x => $"/api/v1/calendar/holidays/{Iso(x)}", http);
        }).RequireAuthorization(Policies.Manager);
        api.MapDelete("/holidays/{date}", async (string date, SaveHoliday save, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var d = read.Date("date", date, true);
            if (read.Failed) return read.Problem();
            var outcome = await save.DeleteAsync(d!.Value, http.Caller(), ct);
            return outcome.Succeeded ? Results.NoContent() : Problems.From(outcome);
        }).RequireAuthorization(Policies.Manager);
        // Body: the CSV itself (text/csv), in the shape of holidays-id.csv.
        api.MapPost("/holidays/import", async (HttpRequest request, SaveHoliday save, HttpContext http, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var outcome = await save.ImportAsync(new StringReader(await reader.ReadToEndAsync(ct)), http.Caller(), ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : Problems.From(outcome);
        }).RequireAuthorization(Policies.Manager);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static HolidayItem ToItem(Holiday h) => new(Iso(h.Date), Holiday.KindCode(h.Kind), h.Name, h.NameEn, h.Version);
}
