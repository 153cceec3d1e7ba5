using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Permohonan;

[Authorize]
public sealed class IndexModel(ListApplications list) : PageModel
{
    public ApplicationPage List { get; private set; } = new([], 0, 1, 100);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var outcome = await list.MineAsync(HttpContext.Caller(), 1, 100, ct);
        if (outcome.Succeeded) List = outcome.Value!;
    }
}
