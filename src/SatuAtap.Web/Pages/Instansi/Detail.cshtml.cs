using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;

namespace SatuAtap.Web.Pages.Instansi;

public sealed class DetailModel(CatalogCache cache) : PageModel
{
    public AgencyView Agency { get; private set; } = null!;
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var catalog = await cache.GetAsync(ct);
        if (catalog.FindAgency(code) is not { } agency) return NotFound();
        Agency = agency;
        Services = catalog.Services.Where(s => s.Agency.Id == agency.Id).ToList();
        return Page();
    }
}
