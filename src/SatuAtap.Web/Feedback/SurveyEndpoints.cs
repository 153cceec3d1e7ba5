using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Feedback;

/// <summary>The survey API: responses (by link, kiosk or paper), a link's check, the index per unit and period.</summary>
public static class SurveyEndpoints
{
    public static void MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        var surveys = app.MapGroup("/api/v1/surveys").WithTags("Feedback");
        surveys.MapPost("/responses", async (SurveyInput body, SubmitSurveyResponse handler, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await handler.HandleAsync(body with { Language = body.Language ?? Lang.Code }, http.Caller(), ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/surveys/responses/{outcome.Value!.Id}", outcome.Value) : Problems.From(outcome);
        }).RequireRateLimiting(RateLimiting.PublicWrites);
        // What a survey link rates, or why it no longer works (404 unknown, 409 used or expired).
        surveys.MapGet("/invitations/{token}", async (string token, SurveyLinks links, CatalogCache catalog, CancellationToken ct) =>
        {
            var outcome = await links.CheckAsync(token, ct);
            if (!outcome.Succeeded) return Problems.From(outcome);
            var service = (await catalog.GetAsync(ct)).ServicesById.GetValueOrDefault(outcome.Value!.ServiceId);
            return Results.Ok(new { serviceId = outcome.Value.ServiceId, serviceCode = service?.Code, serviceName = service?.DisplayName, siteId = outcome.Value.SiteId,
                expiresAt = outcome.Value.ExpiresAtUtc });
        });
        surveys.MapGet("/index", async (string? agencyId, string? serviceId, string? siteId, string? from, string? to, GetSurveyIndex handler,
            CatalogCache catalog, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var filter = await ReadFilterAsync(agencyId, serviceId, siteId, from, to, catalog, time, ct);
            if (filter.Problem is not null) return filter.Problem;
            return Answers.Answer(await handler.HandleAsync(filter.Filter!, http.Caller(), ct));
        }).RequireAuthorization(Policies.Staff);
        // The index month by month over the period (default: this year so far).
        surveys.MapGet("/trend", async (string? agencyId, string? serviceId, string? siteId, string? from, string? to, GetSurveyTrend handler,
            CatalogCache catalog, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var filter = await ReadFilterAsync(agencyId, serviceId, siteId, from, to, catalog, time, ct);
            if (filter.Problem is not null) return filter.Problem;
            return Answers.Answer(await handler.HandleAsync(filter.Filter!, http.Caller(), ct));
        }).RequireAuthorization(Policies.Staff);
        surveys.MapGet("/report", async (string? agencyId, string? serviceId, string? siteId, string? from, string? to, string? format, SurveyReport report,
            CatalogCache catalog, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var filter = await ReadFilterAsync(agencyId, serviceId, siteId, from, to, catalog, time, ct);
            if (filter.Problem is not null) return filter.Problem;
            if (format is not (null or "" or "pdf" or "xlsx")) return Problems.Invalid("format", Lang.T("Gunakan pdf atau xlsx.", "Use pdf or xlsx."));
            var outcome = await report.HandleAsync(filter.Filter!, string.IsNullOrEmpty(format) ? "pdf" : format, http.Caller(), ct);
            return outcome.Succeeded ? Downloads.Attachment(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName) : Problems.From(outcome);
        }).RequireAuthorization(Policies.Staff);
    }

    /// <summary>The unit and period of the query string: ids or codes of agency and service, a site id, dates (default: this year so far).</summary>
    public static async Task<(IndexFilter? Filter, IResult? Problem)> ReadFilterAsync(string? agencyId, string? serviceId, string? siteId, string? from, string? to,
        CatalogCache catalog, MallTime time, CancellationToken ct)
    {
        var read = new QueryReader();
        var snapshot = await catalog.GetAsync(ct);
        Guid? agency = null, service = null, site = null;
        if (!string.IsNullOrWhiteSpace(agencyId))
        {
            agency = snapshot.FindAgency(agencyId.Trim())?.Id;
            if (agency is null) read.Fail("agencyId", Lang.T("Instansi tidak ditemukan.", "Unknown agency."));
        }
        if (!string.IsNullOrWhiteSpace(serviceId))
        {
            service = snapshot.FindService(serviceId.Trim())?.Id;
            if (service is null) read.Fail("serviceId", Lang.T("Layanan tidak ditemukan.", "Unknown service."));
        }
        if (!string.IsNullOrWhiteSpace(siteId))
        {
            if (Guid.TryParse(siteId, out var s)) site = s;
            else read.Fail("siteId", Lang.T("Bukan id lokasi yang valid.", "Not a valid site id."));
        }
        var today = time.Today;
        var start = read.Date("from", from, false) ?? new DateOnly(today.Year, 1, 1);
        var end = read.Date("to", to, false) ?? today;
        if (!read.Failed && end < start) read.Fail("to", Lang.T("Tanggal akhir sebelum tanggal awal.", "The end is before the start."));
        if (!read.Failed && end.DayNumber - start.DayNumber >= GetSurveyIndex.MaxDays)
            read.Fail("to", Lang.T($"Periode paling lama {GetSurveyIndex.MaxDays} hari.", $"The period may be at most {GetSurveyIndex.MaxDays} days."));
        return read.Failed ? (null, read.Problem()) : (new IndexFilter(agency, service, site, start, end), null);
    }
}
