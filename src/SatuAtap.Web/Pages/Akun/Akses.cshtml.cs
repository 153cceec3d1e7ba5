using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Rights;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>The access log of the signed-in person's own records (UU 27/2022).</summary>
[Authorize]
public sealed class AksesModel(MyAccessLog accessLog, MallTime time) : PageModel
{
    public IReadOnlyList<AccessView> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } me) return Challenge();
        Entries = await accessLog.HandleAsync(me, ct);
        return Page();
    }

    public DateTime Local(DateTime utc) => time.ToLocal(utc);
}
