using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Insights;
using SatuAtap.Web.Infrastructure;
using SatuAtap.Web.Insights;

namespace SatuAtap.Web.Pages.Kinerja;

/// <summary>
/// The public performance page (no sign-in): the whole mall's figures of the period and of each month, and each
/// agency's per month as the open data gives them (small groups folded and hidden). The same functions as the API.
/// Kept whole for anonymous visitors by <see cref="PublicPageCache"/>.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class IndexModel(InsightReads reads, OpenData open, MallTime time, InsightsCache cache) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }

    public InsightSummary? Summary { get; private set; }
    public IReadOnlyList<(string Month, Figures Figures)> Months { get; private set; } = [];
    public IReadOnlyList<OpenDataRow> Agencies { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public string Query { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var read = new QueryReader();
        var (from, to) = InsightsEndpoints.ReadPeriod(read, From, To, reads, time, defaultFromYearStart: true);
        if (read.Failed)
        {
            Errors.AddRange(read.Errors.Values.SelectMany(v => v));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        From = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Query = $"from={From}&amp;to={To}";
        // The page's figures are remembered for Insights:CacheSeconds (InsightsCache), so a busy public page does not
        // add up the whole period's kept rows on every view.
        var (figures, freshUntil) = await cache.GetOrAddWithExpiryAsync(("public", from, to, time.Today), async () =>
        {
            var filter = new InsightFilter(from, to);
            var summary = InsightSummary.Of(filter, InsightFigures.Of(await reads.RowsAsync(filter, InsightGrain.Agency, ct)));
            return (summary, await reads.BucketsAsync(filter, "month", ct), await open.HandleAsync(from, to, ct));
        });
        (Summary, Months, Agencies) = figures;
        PublicPageCache.LimitTo(HttpContext, freshUntil);
        return Page();
    }

    public static string Share(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %" : "–";
    public static string Number(double? v) => v is { } x ? x.ToString("#,0.#", CultureInfo.CurrentCulture) : "–";
    public static string Ikm(decimal? ikm, string? grade) => ikm is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + (grade is null ? "" : $" ({grade})") : "–";
}
