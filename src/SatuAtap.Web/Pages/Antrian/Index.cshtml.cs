using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Queue;

namespace SatuAtap.Web.Pages.Antrian;

public sealed class IndexModel(QueueReads reads) : PageModel
{
    public IReadOnlyList<SiteView> Sites { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Sites = await reads.SitesAsync(ct);
}
