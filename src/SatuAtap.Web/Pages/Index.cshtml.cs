using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;

namespace SatuAtap.Web.Pages;

public sealed class IndexModel(CatalogCache cache, SatuAtap.Core.Outreach.OutreachReads outreach) : PageModel
{
    public CatalogSnapshot Catalog { get; private set; } = null!;
    /// <summary>The mobile unit's next visits, one per stop.</summary>
    public IReadOnlyList<SatuAtap.Core.Outreach.VisitView> NextVisits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Catalog = await cache.GetAsync(ct);
        NextVisits = (await outreach.ComingAsync(null, null, ct)).GroupBy(v => v.Stop.Id).Select(g => g.First()).OrderBy(v => v.Start).ToList();
    }
}
