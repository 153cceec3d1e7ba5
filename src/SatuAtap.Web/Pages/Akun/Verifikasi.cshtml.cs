using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>Confirms the email with the code that was sent to it, then signs the citizen in.</summary>
[EnableRateLimiting(RateLimiting.PublicWrites)]
public sealed class VerifikasiModel(UserManager<User> users, SignInManager<User> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "email")] public string? Email { get; set; }
    [BindProperty(Name = "kode")] public string? Kode { get; set; }
    public string? Message { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is null || string.IsNullOrWhiteSpace(Kode)
            || !await users.VerifyUserTokenAsync(user, TokenOptions.DefaultEmailProvider, DaftarModel.Purpose, Kode.Trim()))
        {
            if (user is not null) await users.AccessFailedAsync(user);
            Message = Lang.T("Kode salah atau kedaluwarsa.", "The code is wrong or has expired.");
            return Page();
        }
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/permohonan");
    }
}
