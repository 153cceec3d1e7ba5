using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Insights;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Insights;

/// <summary>The insights API (v1): summary, series, staffing advice, export, the public open data, and the managers' rebuild.</summary>
public static class InsightsEndpoints
{
    public const int DefaultDays = 30;

    public static void MapInsightsEndpoints(this IEndpointRouteBuilder app)
    {
        var insights = app.MapGroup("/api/v1/insights").WithTags("Insights");
        insights.MapGet("/summary", async (string? from, string? to, string? agencyId, string? siteId, string? district, InsightReads reads,
            CatalogCache catalog, SatuAtapDb db, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var filter = await ReadFilterAsync(read, from, to, agencyId, siteId, district, reads, catalog, db, time, ct);
            if (read.Failed) return read.Problem();
            return Answers.Answer(await reads.SummaryAsync(filter!, http.Caller(), ct));
        }).RequireAuthorization(Policies.Staff);
        insights.MapGet("/series", async (string? metric, string? by, string? from, string? to, string? agencyId, string? siteId, string? district,
            InsightReads reads, CatalogCache catalog, SatuAtapDb db, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            if (string.IsNullOrWhiteSpace(metric) || !InsightReads.Metrics.ContainsKey(metric))
                read.Fail("metric", Lang.T("Ukuran tidak dikenal. Pilih salah satu: ", "Unknown metric. Use one of: ") + string.Join(", ", InsightReads.Metrics.Keys));
            var bucket = string.IsNullOrWhiteSpace(by) ? "month" : by;
            if (!InsightReads.Buckets.Contains(bucket)) read.Fail("by", Lang.T("Gunakan day, week, atau month.", "Use day, week or month."));
            var filter = await ReadFilterAsync(read, from, to, agencyId, siteId, district, reads, catalog, db, time, ct);
            if (!read.Failed && bucket == "day" && filter!.To.DayNumber - filter.From.DayNumber >= InsightReads.MaxDailyPoints)
                read.Fail("to", Lang.T($"Deret harian paling lama {InsightReads.MaxDailyPoints} hari; gunakan by=week atau by=month.",
                    $"A daily series covers at most {InsightReads.MaxDailyPoints} days; use by=week or by=month."));
            if (read.Failed) return read.Problem();
            return Answers.Answer(await reads.SeriesAsync(filter!, metric!, bucket, http.Caller(), ct));
        }).RequireAuthorization(Policies.Staff);
        insights.MapGet("/compare", async (string? from, string? to, string? agencyId, string? siteId, string? district, InsightReads reads,
            CatalogCache catalog, SatuAtapDb db, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var filter = await ReadFilterAsync(read, from, to, agencyId, siteId, district, reads, catalog, db, time, ct);
            if (read.Failed) return read.Problem();
            return Answers.Answer(await reads.CompareAsync(filter!, http.Caller(), ct));
        }).RequireAuthorization(Policies.Staff);
        insights.MapGet("/breakdown", async (string? by, string? from, string? to, string? agencyId, string? siteId, string? district, InsightReads reads,
            CatalogCache catalog, SatuAtapDb db, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var b = string.IsNullOrWhiteSpace(by) ? "agency" : by;
            if (!InsightReads.Breakdowns.Contains(b)) read.Fail("by", Lang.T("Gunakan agency, site, atau service.", "Use agency, site or service."));
            var filter = await ReadFilterAsync(read, from, to, agencyId, siteId, district, reads, catalog, db, time, ct);
            if (read.Failed) return read.Problem();
            var groups = await reads.BreakdownAsync(filter!, b, http.Caller(), ct);
            return groups.Succeeded ? Results.Ok(groups.Value!.Select(BreakdownRow.Of).ToList()) : Problems.From(groups);
        }).RequireAuthorization(Policies.Staff);
        insights.MapGet("/slowest", async (string? from, string? to, string? agencyId, string? siteId, string? district, InsightReads reads,
            CatalogCache catalog, SatuAtapDb db, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var filter = await ReadFilterAsync(read, from, to, agencyId, siteId, district, reads, catalog, db, time, ct);
            if (read.Failed) return read.Problem();
            var groups = await reads.SlowestAsync(filter!, http.Caller(), ct);
            return groups.Succeeded ? Results.Ok(groups.Value!.Select(BreakdownRow.Of).ToList()) : Problems.From(groups);
        }).RequireAuthorization(Policies.Staff);
        insights.MapGet("/staffing", async (string? from, string? to, string? agencyId, string? siteId, string? district, InsightReads reads,
            AdviseStaffing staffing, Microsoft.Extensions.Options.IOptions<InsightsOptions> options, CatalogCache catalog, SatuAtapDb db, MallTime time,
            HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var filter = await ReadFilterAsync(read, from, to, agencyId, siteId, district, reads, catalog, db, time, ct);
            if (read.Failed) return read.Problem();
            var rows = await staffing.HandleAsync(filter!, http.Caller(), ct);
            if (!rows.Succeeded) return Problems.From(rows);
            var snapshot = await catalog.GetAsync(ct);
            var target = options.Value.TargetWaitMinutes;
            return Results.Ok(rows.Value!.Select(r => StaffingApiRow.Of(r, snapshot.Agencies.FirstOrDefault(a => a.Id == r.AgencyId)?.Code ?? "", target)).ToList());
        }).RequireAuthorization(Policies.Staff);
        insights.MapGet("/export", async (string? view, string? format, string? from, string? to, string? agencyId, string? siteId, string? district,
            InsightReads reads, ExportInsights export, CatalogCache catalog, SatuAtapDb db, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var v = string.IsNullOrWhiteSpace(view) ? "summary" : view;
            if (!ExportInsights.Views.Contains(v)) read.Fail("view", Lang.T("Gunakan salah satu: ", "Use one of: ") + string.Join(", ", ExportInsights.Views));
            var f = string.IsNullOrWhiteSpace(format) ? "pdf" : format;
            if (!ExportInsights.Formats.Contains(f)) read.Fail("format", Lang.T("Gunakan csv, xlsx, atau pdf.", "Use csv, xlsx or pdf."));
            var filter = await ReadFilterAsync(read, from, to, agencyId, siteId, district, reads, catalog, db, time, ct);
            if (read.Failed) return read.Problem();
            var outcome = await export.HandleAsync(filter!, v, f, http.Caller(), ct);
            return outcome.Succeeded ? Downloads.Attachment(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName) : Problems.From(outcome);
        }).RequireAuthorization(Policies.Staff);
        insights.MapGet("/open-data", async (string? from, string? to, string? format, InsightReads reads, OpenData open, MallTime time, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var f = string.IsNullOrWhiteSpace(format) ? "json" : format;
            if (f is not ("json" or "csv")) read.Fail("format", Lang.T("Gunakan csv atau json.", "Use csv or json."));
            var (start, end) = ReadPeriod(read, from, to, reads, time, defaultFromYearStart: true);
            if (read.Failed) return read.Problem();
            var rows = await open.HandleAsync(start, end, ct);
            return f == "csv"
                ? Results.Text(OpenData.Csv(rows), "text/csv; charset=utf-8")
                : Results.Json(rows, OpenDataJson);
        }).RequireRateLimiting(InsightsModule.OpenDataPolicy);
        insights.MapPost("/rebuild", async (string? from, string? to, KeepInsights keeper, MallTime time, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var start = read.Date("from", from, true);
            var end = read.Date("to", to, false) ?? time.Today.AddDays(-1);
            if (read.Failed) return read.Problem();
            return Answers.Answer(await keeper.HandleAsync(start!.Value, end, http.Caller(), ct));
        }).RequireAuthorization(Policies.Manager);
    }

    /// <summary>The open data keeps every field, empty ones as null, so that its schema is the same in every row.</summary>
    private static readonly JsonSerializerOptions OpenDataJson = new(JsonSerializerDefaults.Web);

    internal static (DateOnly From, DateOnly To) ReadPeriod(QueryReader read, string? from, string? to, InsightReads reads, MallTime time, bool defaultFromYearStart = false)
    {
        var today = time.Today;
        var end = read.Date("to", to, false) ?? today;
        var start = read.Date("from", from, false) ?? (defaultFromYearStart ? new DateOnly(end.Year, 1, 1) : end.AddDays(1 - DefaultDays));
        if (!read.Failed && reads.CheckPeriod(start, end) is { } problem) read.Fail(problem.Field, problem.Message);
        return (start, end);
    }

    /// <summary>Reads the filter of a request the same way for the API and the pages.</summary>
    internal static async Task<InsightFilter?> ReadFilterAsync(QueryReader read, string? from, string? to, string? agencyId, string? siteId, string? district,
        InsightReads reads, CatalogCache catalog, SatuAtapDb db, MallTime time, CancellationToken ct)
    {
        var (start, end) = ReadPeriod(read, from, to, reads, time);
        Guid? agency = null, site = null;
        if (!string.IsNullOrWhiteSpace(agencyId))
        {
            agency = (await catalog.GetAsync(ct)).FindAgency(agencyId.Trim())?.Id;
            if (agency is null) read.Fail("agencyId", Lang.T("Instansi tidak ditemukan.", "Unknown agency."));
        }
        if (!string.IsNullOrWhiteSpace(siteId))
        {
            if (Guid.TryParse(siteId, out var s) && await db.QueueSites.AnyAsync(x => x.Id == s, ct)) site = s;
            else read.Fail("siteId", Lang.T("Lokasi tidak ditemukan.", "Unknown site."));
        }
        string? districtCode = null;
        if (!string.IsNullOrWhiteSpace(district))
        {
            districtCode = district.Trim();
            if (districtCode.Length > 16 || !await db.Districts.AnyAsync(d => d.Code == districtCode, ct))
                read.Fail("district", Lang.T("Kecamatan tidak ditemukan (gunakan kodenya).", "Unknown district (use its code)."));
        }
        return read.Failed ? null : new InsightFilter(start, end, agency, site, districtCode);
    }
}
