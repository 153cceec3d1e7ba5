using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>
/// The first step of a forgotten password: a code goes to the account's address. Whether the address has an account
/// is never revealed: every valid address gets the same answer and goes on to <c>/akun/sandi-baru</c>.
/// </summary>
[EnableRateLimiting(RateLimiting.PublicWrites)]
public sealed class LupaSandiModel(UserManager<User> users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "email")] public string? Email { get; set; }
    public string? Message { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = Email?.Trim() ?? "";
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            Message = Lang.T("Tulis alamat email yang valid.", "Enter a valid email address.");
            return Page();
        }
        if (await users.FindByEmailAsync(email) is { } user && !await users.IsLockedOutAsync(user))
            await AccountCodes.SendAsync(AccountCodes.Reset, user, HttpContext, ct);
        return Redirect("/akun/sandi-baru?email=" + Uri.EscapeDataString(email));
    }
}
