using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>Sign-in with email and password, then the TOTP code when the account has two-factor sign-in on.</summary>
public sealed class MasukModel(SignInManager<User> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kembali")] public string? ReturnUrl { get; set; }
    [BindProperty(Name = "email")] public string? Email { get; set; }
    [BindProperty(Name = "password")] public string? Password { get; set; }
    [BindProperty(Name = "code")] public string? Code { get; set; }
    [BindProperty(SupportsGet = true, Name = "ReturnUrl")] public string? FrameworkReturnUrl { get; set; }

    public bool NeedsCode { get; private set; }
    public string? Message { get; private set; }

    public void OnGet() => ReturnUrl ??= FrameworkReturnUrl;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(Code))
        {
            var twoFactor = await signIn.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", ""), isPersistent: false, rememberClient: false);
            if (twoFactor.Succeeded) return Back();
            NeedsCode = true;
            Message = twoFactor.IsLockedOut ? Locked() : Lang.T("Kode verifikasi salah atau kedaluwarsa.", "The code is wrong or has expired.");
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrWhiteSpace(Password))
        {
            Message = Lang.T("Isi email dan kata sandi.", "Enter your email and password.");
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return Back();
        if (result.RequiresTwoFactor)
        {
            NeedsCode = true;
            return Page();
        }
        Message = result.IsLockedOut ? Locked() : Lang.T("Email atau kata sandi salah.", "Wrong email or password.");
        return Page();
    }

    private static string Locked() => Lang.T("Akun dikunci sementara karena terlalu banyak percobaan. Coba lagi 15 menit lagi.",
        "The account is locked for a while after too many attempts. Try again in 15 minutes.");

    private IActionResult Back()
    {
        var url = ReturnUrl ?? FrameworkReturnUrl;
        return LocalRedirect(Infrastructure.ReturnAddress.LocalOr(url));
    }
}
