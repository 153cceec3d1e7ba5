using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Outreach;

namespace SatuAtap.Web.Pages.Keliling;

/// <summary>The preview of a stop's poster for a month, with the link to its A4 PDF.</summary>
public sealed class PosterModel(OutreachReads reads, MallTime time, PublicLinks links) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "bulan")] public string? MonthText { get; set; }
    public StopView Stop { get; private set; } = null!;
    public DateOnly Month { get; private set; }
    public IReadOnlyList<VisitView> Visits { get; private set; } = [];
    public string StopUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string kode, CancellationToken ct)
    {
        var stop = await reads.StopByCodeAsync(kode, ct);
        if (stop is null) return NotFound();
        Stop = stop;
        Month = DateOnly.TryParseExact(MonthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) && SupportedDates.Contains(m)
            ? m : new DateOnly(time.Today.Year, time.Today.Month, 1);
        Visits = await reads.VisitsAsync(time.ToUtc(Month.ToDateTime(TimeOnly.MinValue)), time.ToUtc(Month.AddMonths(1).ToDateTime(TimeOnly.MinValue)),
            stop.Id, null, includeCancelled: true, ct);
        StopUrl = links.To(stop.PagePath);
        return Page();
    }
}
