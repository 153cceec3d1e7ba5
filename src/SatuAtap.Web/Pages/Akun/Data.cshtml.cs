using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Web.Rights;

namespace SatuAtap.Web.Pages.Akun;

/// <summary><c>GET /akun/data</c>: the ZIP of everything the mall holds about the signed-in person (the same as <c>GET /api/v1/me/export</c>).</summary>
[Authorize]
public sealed class DataModel : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await (await RightsEndpoints.ExportAsync(HttpContext, ct)).ExecuteAsync(HttpContext);
        return new EmptyResult();
    }
}
