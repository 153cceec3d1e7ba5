using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>
/// Confirms an email address with the code that was sent to it. It never signs anyone in: it accepts a code only for a
/// citizen account whose address is not yet confirmed, counts wrong codes toward the account lockout and the address's
/// failures (<see cref="SignInGuard"/>), and checks nothing for a locked account. Then the person signs in as usual.
/// </summary>
[EnableRateLimiting(RateLimiting.PublicWrites)]
public sealed class VerifikasiModel(UserManager<User> users, SignInGuard guard) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "email")] public string? Email { get; set; }
    [BindProperty(Name = "kode")] public string? Kode { get; set; }
    public string? Message { get; private set; }
    public string? Sent { get; private set; }

    public void OnGet() { }

    /// <summary>Sends a new code to an unconfirmed citizen account; the answer is the same for any address.</summary>
    public async Task<IActionResult> OnPostKirimUlangAsync(CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is { EmailConfirmed: false } && !await users.IsLockedOutAsync(user)
            && !(await users.GetRolesAsync(user)).Any(Roles.Staff.Contains))
            await AccountCodes.SendAsync(AccountCodes.Verify, user, HttpContext, ct);
        Sent = Lang.T("Bila alamat itu terdaftar dan belum terverifikasi, kode baru sudah kami kirim.",
            "If that address is registered and not yet confirmed, a new code is on its way.");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var address = RateLimiting.ClientKey(HttpContext);
        if (guard.RefusePage(HttpContext, account: null) is { } refusal)
        {
            Message = refusal;
            return Page();
        }
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is not null && await users.IsLockedOutAsync(user))
        {
            Message = MasukModel.Locked();
            return Page();
        }
        // Confirmed and staff accounts have nothing to verify here: refused like a wrong code, so nothing is revealed.
        var open = user is { EmailConfirmed: false } && !(await users.GetRolesAsync(user)).Any(Roles.Staff.Contains);
        if (!open || string.IsNullOrWhiteSpace(Kode)
            || !await users.VerifyUserTokenAsync(user!, TokenOptions.DefaultEmailProvider, AccountCodes.Verify.Purpose, Kode.Trim()))
        {
            guard.AddressFailed(address);
            if (open) await users.AccessFailedAsync(user!);
            Message = Lang.T("Kode salah atau kedaluwarsa.", "The code is wrong or has expired.");
            return Page();
        }
        user!.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return Redirect("/akun/masuk?terverifikasi=true");
    }
}
