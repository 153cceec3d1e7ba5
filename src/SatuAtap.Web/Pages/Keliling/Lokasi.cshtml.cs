using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Outreach;

namespace SatuAtap.Web.Pages.Keliling;

/// <summary>A stop's page: when the unit comes next, where exactly, with which services, and how to book.</summary>
public sealed class LokasiModel(OutreachReads reads, MallTime time) : PageModel
{
    public StopView Stop { get; private set; } = null!;
    public IReadOnlyList<VisitView> Visits { get; private set; } = [];
    public DateOnly Month { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kode, CancellationToken ct)
    {
        var stop = await reads.StopByCodeAsync(kode, ct);
        if (stop is null) return NotFound();
        Stop = stop;
        Visits = await reads.ComingAsync(stop.Id, null, ct);
        Month = new DateOnly(time.Today.Year, time.Today.Month, 1);
        return Page();
    }
}
