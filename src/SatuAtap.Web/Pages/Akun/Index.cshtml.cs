using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Rights;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>The signed-in person's account: their details, their data to download, correction requests, deleting the account.</summary>
[Authorize]
public sealed class IndexModel(UserManager<User> users, Corrections corrections, MallTime time) : PageModel
{
    public User Account { get; private set; } = null!;
    public IReadOnlyList<CorrectionView> Requests { get; private set; } = [];
    public bool Deletable { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Account = user;
        Requests = await corrections.MineAsync(user.Id, ct);
        Deletable = !HttpContext.Caller().IsStaff;
        return Page();
    }

    public DateTime Local(DateTime utc) => time.ToLocal(utc);
}
