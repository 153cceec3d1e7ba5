using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Insights;
using SatuAtap.Web.Infrastructure;
using SatuAtap.Web.Insights;

namespace SatuAtap.Web.Pages.Kelola.Kinerja;

/// <summary>
/// The performance dashboard for executives, managers and agency heads (own agency only): the five promises as the
/// summary API computes them, a trend of one metric, and the staffing advice per agency, weekday and hour. The filter
/// is read by the same code as the API, so its query string is also the export's.
/// </summary>
public sealed class IndexModel(InsightReads reads, AdviseStaffing staffing, CatalogCache catalog, SatuAtapDb db, MallTime time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "agencyId")] public string? AgencyId { get; set; }
    [BindProperty(SupportsGet = true, Name = "siteId")] public string? SiteId { get; set; }
    [BindProperty(SupportsGet = true, Name = "district")] public string? District { get; set; }
    [BindProperty(SupportsGet = true, Name = "metric")] public string? Metric { get; set; }
    [BindProperty(SupportsGet = true, Name = "by")] public string? By { get; set; }

    public InsightSummary? Summary { get; private set; }
    public IReadOnlyList<SeriesPoint> Series { get; private set; } = [];
    public IReadOnlyList<StaffingRow> Staffing { get; private set; } = [];
    public InsightComparison? Comparison { get; private set; }
    public IReadOnlyList<GroupFigures> ByAgency { get; private set; } = [];
    public IReadOnlyList<GroupFigures> BySite { get; private set; } = [];
    public IReadOnlyList<GroupFigures> ByService { get; private set; } = [];
    public IReadOnlyList<GroupFigures> Slowest { get; private set; } = [];
    public IReadOnlyList<AgencyView> Agencies { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Sites { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Districts { get; private set; } = [];
    public bool AllAgencies { get; private set; }
    public List<string> Errors { get; } = [];
    public string FilterQuery { get; private set; } = "";

    public static readonly string[] ChartMetrics = ["served", "waitP50", "waitP90", "serviceMinutes", "onTimeShare", "onlineShare", "ikm", "bookingNoShows", "returns", "tripsSavedKm", "bundles", "investmentRupiah"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = HttpContext.Caller();
        if (!InsightReads.MaySee(caller)) return Forbid();
        AllAgencies = caller.SeesWholeMall;
        var snapshot = await catalog.GetAsync(ct);
        Agencies = AllAgencies ? snapshot.Agencies : snapshot.Agencies.Where(a => a.Id == caller.AgencyId).ToList();
        Sites = (await db.QueueSites.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id, s.Name)).OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
        Districts = (await db.Districts.AsNoTracking().Select(d => new { d.Code, d.Name }).ToListAsync(ct))
            .Select(d => (d.Code, d.Name)).OrderBy(d => d.Name, StringComparer.CurrentCulture).ToList();
        Metric = string.IsNullOrWhiteSpace(Metric) ? "served" : Metric;
        By = string.IsNullOrWhiteSpace(By) ? "week" : By;

        var read = new QueryReader();
        if (!InsightReads.Metrics.ContainsKey(Metric)) read.Fail("metric", Lang.T("Ukuran tidak dikenal.", "Unknown metric."));
        if (!InsightReads.Buckets.Contains(By)) read.Fail("by", Lang.T("Gunakan hari, minggu, atau bulan.", "Use day, week or month."));
        var filter = await InsightsEndpoints.ReadFilterAsync(read, From, To, AgencyId, SiteId, District, reads, catalog, db, time, ct);
        if (!read.Failed && By == "day" && filter!.To.DayNumber - filter.From.DayNumber >= InsightReads.MaxDailyPoints)
            read.Fail("by", Lang.T($"Deret harian paling lama {InsightReads.MaxDailyPoints} hari; pilih minggu atau bulan.",
                $"A daily series covers at most {InsightReads.MaxDailyPoints} days; choose week or month."));
        if (read.Failed)
        {
            Errors.AddRange(read.Errors.Values.SelectMany(v => v));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var summary = await reads.SummaryAsync(filter!, caller, ct);
        if (summary.Kind == OutcomeKind.Forbidden) return Forbid();
        Summary = summary.Value;
        From = filter!.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Series = (await reads.SeriesAsync(filter, Metric, By, caller, ct)).Value ?? [];
        Staffing = (await staffing.HandleAsync(filter, caller, ct)).Value ?? [];
        Comparison = (await reads.CompareAsync(filter, caller, ct)).Value;
        ByAgency = (await reads.BreakdownAsync(filter, "agency", caller, ct)).Value ?? [];
        BySite = (await reads.BreakdownAsync(filter, "site", caller, ct)).Value ?? [];
        ByService = (await reads.BreakdownAsync(filter, "service", caller, ct)).Value ?? [];
        Slowest = Comparisons.Slowest(ByService);
        FilterQuery = string.Join("&amp;", new[] { ("from", From), ("to", To), ("agencyId", AgencyId), ("siteId", SiteId), ("district", District) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!.Trim())));
        return Page();
    }

    public string AgencyName(Guid id) => Agencies.FirstOrDefault(a => a.Id == id)?.DisplayName ?? Lang.T("Lintas instansi", "Mall-wide");

    public static string MetricLabel(string metric) => metric switch
    {
        "served" => Lang.T("Layanan diberikan", "Services delivered"),
        "waitP50" => Lang.T("Waktu tunggu median (menit)", "Median wait (minutes)"),
        "waitP90" => Lang.T("Waktu tunggu persentil 90 (menit)", "90th percentile wait (minutes)"),
        "serviceMinutes" => Lang.T("Lama layanan rata-rata (menit)", "Average service time (minutes)"),
        "onTimeShare" => Lang.T("Selesai sesuai standar waktu", "Completed within the standard"),
        "onlineShare" => Lang.T("Permohonan daring", "Applications online"),
        "ikm" => Lang.T("Indeks kepuasan masyarakat (IKM)", "Satisfaction index (IKM)"),
        "bookingNoShows" => Lang.T("Pemesanan tidak hadir", "Booking no-shows"),
        "returns" => Lang.T("Dikembalikan untuk perbaikan", "Returned for correction"),
        "tripsSavedKm" => Lang.T("Perjalanan dihemat (km)", "Trips saved (km)"),
        "bundles" => Lang.T("Paket Link-Satu", "Link-Satu bundles"),
        "investmentRupiah" => Lang.T("Rencana investasi (Rp)", "Planned investment (Rp)"),
        _ => metric,
    };

    public static string Share(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %" : "–";
    public static string Number(double? v) => v is { } x ? x.ToString("#,0.##", CultureInfo.CurrentCulture) : "–";
    /// <summary>The value of the chosen metric for a group; none when the small-group rule hides the group.</summary>
    public double? GroupValue(GroupFigures g) => g.Hidden ? null : InsightReads.Metrics[Metric!](g.Figures);

    /// <summary>A change with its sign (a share's change in percentage points).</summary>
    public static string Change(string metric, double? v) => v is not { } x ? "–"
        : (x > 0 ? "+" : "") + (metric.EndsWith("Share", StringComparison.Ordinal)
            ? (x * 100).ToString("0.0", CultureInfo.CurrentCulture) + Lang.T(" poin", " points") : Number(x));

    public static string Value(string metric, double? v) => metric.EndsWith("Share", StringComparison.Ordinal) ? Share(v) : Number(v);
}
