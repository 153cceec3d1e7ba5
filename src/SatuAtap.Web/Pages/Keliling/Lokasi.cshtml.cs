using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Outreach;

namespace SatuAtap.Web.Pages.Keliling;

/// <summary>
/// A stop's page: when the unit comes next, where exactly, with which services, and how to book. The page's texts come
/// ready from <see cref="OutreachReads.StopPageAsync"/>, kept per stop and language while nothing changed.
/// </summary>
public sealed class LokasiModel(OutreachReads reads, MallTime time) : PageModel
{
    public StopPage View { get; private set; } = null!;
    public DateOnly Month { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kode, CancellationToken ct)
    {
        var stop = await reads.StopByCodeAsync(kode, ct);
        if (stop is null) return NotFound();
        View = await reads.StopPageAsync(stop, ct);
        Month = new DateOnly(time.Today.Year, time.Today.Month, 1);
        return Page();
    }
}
