using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>
/// Turns on TOTP two-factor sign-in (any authenticator app), required for staff when the setting says so. A staff
/// account's first authenticator needs the one-time enrolment code an administrator issued. Ten recovery codes are
/// shown once, when it is turned on.
/// </summary>
[Authorize]
public sealed class DuaLangkahModel(UserManager<User> users, SignInManager<User> signIn, RedeemEnrolmentCode enrolment, IOptions<SecurityOptions> security) : PageModel
{
    public const int RecoveryCodeCount = 10;

    public bool Enabled { get; private set; }
    public bool Required => security.Value.RequireTwoFactorForStaff == true && HttpContext.Caller().IsStaff;
    public bool NeedsEnrolmentCode => HttpContext.Caller().IsStaff;
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public string? Message { get; private set; }
    public string? EnrolmentMessage { get; private set; }
    /// <summary>The recovery codes, only in the answer that turned two-factor sign-in on.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public string Next => HttpContext.Caller().IsStaff ? "/kelola" : "/";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, string? pendaftaran, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return LocalRedirect(Next);
        var staff = (await users.GetRolesAsync(user)).Any(Roles.Staff.Contains);
        if (staff && !await enrolment.IsValidAsync(user.Id, pendaftaran, ct))
        {
            EnrolmentMessage = Lang.T("Kode pendaftaran salah, sudah dipakai, atau kedaluwarsa. Mintalah kode baru kepada administrator.",
                "The enrolment code is wrong, used or expired. Ask an administrator for a new one.");
            return await ShowAgainAsync(user);
        }
        var token = (code ?? "").Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, token))
        {
            Message = Lang.T("Kode tidak cocok. Periksa jam ponsel Anda lalu coba lagi.", "The code does not match. Check your phone's clock and try again.");
            return await ShowAgainAsync(user);
        }
        if (staff && !await enrolment.UseAsync(user.Id, pendaftaran, ct))
        {
            EnrolmentMessage = Lang.T("Kode pendaftaran sudah dipakai.", "The enrolment code has been used.");
            return await ShowAgainAsync(user);
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(user);
        Enabled = true;
        return Page();
    }

    private async Task<IActionResult> ShowAgainAsync(User user)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(user);
        return Page();
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
