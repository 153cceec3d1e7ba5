using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;

namespace SatuAtap.Web.Pages.Layanan;

/// <summary>A service page: the six published components of its standard, its legal basis, and where it can be done.</summary>
public sealed class DetailModel(CatalogCache cache, SatuAtap.Core.Outreach.OutreachReads outreach) : PageModel
{
    public ServiceView Service { get; private set; } = null!;
    /// <summary>The mobile unit's coming visits that offer this service.</summary>
    public IReadOnlyList<SatuAtap.Core.Outreach.VisitView> Visits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var service = (await cache.GetAsync(ct)).FindService(code);
        if (service is null) return NotFound();
        Service = service;
        if (service.Channels.HasFlag(ServiceChannels.Mobile)) Visits = await outreach.ComingAsync(null, service.Id, ct);
        return Page();
    }
}
