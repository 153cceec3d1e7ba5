using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>
/// Sign-in with email and password, then the TOTP code (or a recovery code) when the account has two-factor sign-in on.
/// Every attempt goes through <see cref="SignInGuard"/>, the same budget as the API's.
/// </summary>
public sealed class MasukModel(SignInManager<User> signIn, SignInGuard guard) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kembali")] public string? ReturnUrl { get; set; }
    [BindProperty(Name = "email")] public string? Email { get; set; }
    [BindProperty(Name = "password")] public string? Password { get; set; }
    [BindProperty(Name = "code")] public string? Code { get; set; }
    [BindProperty(Name = "pemulihan")] public string? RecoveryCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "ReturnUrl")] public string? FrameworkReturnUrl { get; set; }
    /// <summary>Set when the person arrives from confirming their email address.</summary>
    [BindProperty(SupportsGet = true, Name = "terverifikasi")] public bool Verified { get; set; }
    /// <summary>Set when the person arrives from setting a new password.</summary>
    [BindProperty(SupportsGet = true, Name = "sandi")] public string? PasswordState { get; set; }

    public bool NeedsCode { get; private set; }
    public string? Message { get; private set; }

    public void OnGet() => ReturnUrl ??= FrameworkReturnUrl;

    public async Task<IActionResult> OnPostAsync()
    {
        var secondStep = !string.IsNullOrWhiteSpace(Code) || !string.IsNullOrWhiteSpace(RecoveryCode);
        var address = RateLimiting.ClientKey(HttpContext);
        if (guard.RefusePage(HttpContext, string.IsNullOrWhiteSpace(Email) ? null : signIn.UserManager.NormalizeName(Email.Trim())) is { } refusal)
        {
            NeedsCode = secondStep;
            Message = refusal;
            return Page();
        }
        if (secondStep)
        {
            var twoFactor = !string.IsNullOrWhiteSpace(Code)
                ? await signIn.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", ""), isPersistent: false, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode!.Trim().ToUpperInvariant());
            if (twoFactor.Succeeded) return await BackAsync();
            guard.AddressFailed(address);
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
        if (result.Succeeded) return await BackAsync();
        if (result.RequiresTwoFactor)
        {
            NeedsCode = true;
            return Page();
        }
        guard.AddressFailed(address);
        Message = result.IsLockedOut ? Locked() : Lang.T("Email atau kata sandi salah.", "Wrong email or password.");
        return Page();
    }

    internal static string Locked() => Lang.T("Akun dikunci sementara karena terlalu banyak percobaan. Coba lagi 15 menit lagi.",
        "The account is locked for a while after too many attempts. Try again in 15 minutes.");

    /// <summary>Back where the person came from; without a return address, staff land on their own home, /kelola.</summary>
    private async Task<LocalRedirectResult> BackAsync()
    {
        var url = ReturnUrl ?? FrameworkReturnUrl;
        if (string.IsNullOrEmpty(url) && Email is { } email && await signIn.UserManager.FindByEmailAsync(email.Trim()) is { } user
            && (await signIn.UserManager.GetRolesAsync(user)).Any(Roles.Staff.Contains))
            url = "/kelola";
        return LocalRedirect(Infrastructure.ReturnAddress.LocalOr(url));
    }
}
