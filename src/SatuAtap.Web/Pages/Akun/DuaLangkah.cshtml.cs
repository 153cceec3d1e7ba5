using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>Turns on TOTP two-factor sign-in (any authenticator app), required for staff when the setting says so.</summary>
[Authorize]
public sealed class DuaLangkahModel(UserManager<User> users, SignInManager<User> signIn, IOptions<SecurityOptions> security) : PageModel
{
    public bool Enabled { get; private set; }
    public bool Required => security.Value.RequireTwoFactorForStaff == true && User.IsStaff();
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var token = (code ?? "").Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, token))
        {
            Message = Lang.T("Kode tidak cocok. Periksa jam ponsel Anda lalu coba lagi.", "The code does not match. Check your phone's clock and try again.");
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect(User.IsStaff() ? "/kelola" : "/");
    }

    private async Task LoadAsync(User user)
    {
        Enabled = user.TwoFactorEnabled;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = string.Join(" ", key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/SatuAtap:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=SatuAtap&digits=6";
    }
}
