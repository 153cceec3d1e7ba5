using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Queue;

namespace SatuAtap.Web.Pages.Antrian;

/// <summary>The site's board for a TV: live through SignalR with a chime and a spoken call; a timed refresh without JavaScript.</summary>
public sealed class PapanModel(QueueReads reads, SatuAtap.Core.Outreach.OutreachReads outreach, Microsoft.Extensions.Options.IOptions<QueueOptions> options) : PageModel
{
    /// <summary>How often the board reads its calls besides the pushes (<c>Queue:BoardRefreshSeconds</c>).</summary>
    public int RefreshSeconds => options.Value.BoardRefreshSeconds;
    public Site Site { get; private set; } = null!;
    public BoardView Board { get; private set; } = null!;
    /// <summary>For a mobile-unit site on a day without a visit: its coming visits, to say when the next one is.</summary>
    public IReadOnlyList<SatuAtap.Core.Outreach.VisitView>? Visits { get; private set; }
    /// <summary>Hall display mode (<c>?aula=1</c>): the whole screen of a TV, no site menu, no scrolling.</summary>
    [BindProperty(SupportsGet = true, Name = "aula")] public int? HallFlag { get; set; }
    public bool Hall => HallFlag == 1;
    /// <summary>Now in the site's zone, for the hall's date and clock (JavaScript keeps the clock going).</summary>
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid siteId, CancellationToken ct)
    {
        var site = await reads.SiteAsync(siteId, ct);
        if (site is null) return NotFound();
        Site = site;
        Board = await reads.BoardAsync(site, 8, ct);
        Now = SiteClock.Offset(outreach.UtcNow, site.Zone);
        if (site.Kind == SiteKind.Mobile)
        {
            var today = SiteClock.Today(outreach.UtcNow, site.Zone);
            var visits = await outreach.AtSiteAsync(siteId, ct);
            if (!visits.Any(v => DateOnly.FromDateTime(v.Start.DateTime) == today)) Visits = visits;
        }
        return Page();
    }
}
