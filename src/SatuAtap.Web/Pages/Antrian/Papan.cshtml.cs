using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Queue;

namespace SatuAtap.Web.Pages.Antrian;

/// <summary>The site's board for a TV: live through SignalR with a chime and a spoken call; a timed refresh without JavaScript.</summary>
public sealed class PapanModel(QueueReads reads) : PageModel
{
    public Site Site { get; private set; } = null!;
    public BoardView Board { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid siteId, CancellationToken ct)
    {
        var site = await reads.SiteAsync(siteId, ct);
        if (site is null) return NotFound();
        Site = site;
        Board = await reads.BoardAsync(site, 8, ct);
        return Page();
    }
}
