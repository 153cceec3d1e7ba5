using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;

namespace SatuAtap.Web.Pages;

public sealed class IndexModel(CatalogCache cache) : PageModel
{
    public CatalogSnapshot Catalog { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Catalog = await cache.GetAsync(ct);
}
