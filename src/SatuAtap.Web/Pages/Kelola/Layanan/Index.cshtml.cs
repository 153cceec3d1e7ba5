using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Layanan;

/// <summary>The services this editor may change: all for a manager, their agency's for an agency head.</summary>
[Authorize(Policy = Policies.CatalogEditor)]
public sealed class IndexModel(CatalogCache cache) : PageModel
{
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var editor = HttpContext.Caller();
        CanCreate = editor.MayEditCatalog;
        Services = (await cache.GetAsync(ct)).Services.Where(s => editor.MayEditAgencyContent(s.Agency.Id)).ToList();
    }
}
