using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>
/// Sets a new password with the code sent by <c>/akun/lupa-sandi</c>. Like the email check it counts wrong codes
/// toward the account lockout and the address's failures (<see cref="SignInGuard"/>), and checks nothing for a locked
/// account. The new password changes the security stamp, so the code and every other session of the account end.
/// Staff keep their second factor: a new password does not sign anyone in.
/// </summary>
[EnableRateLimiting(RateLimiting.PublicWrites)]
public sealed class SandiBaruModel(UserManager<User> users, SignInGuard guard, IOptions<IdentityOptions> identity) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "email")] public string? Email { get; set; }
    [BindProperty(Name = "kode")] public string? Kode { get; set; }
    [BindProperty(Name = "password")] public string? Password { get; set; }
    public string? Message { get; private set; }
    public string PasswordRules => IdentityMessages.Rules(identity.Value.Password);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var address = RateLimiting.ClientKey(HttpContext);
        if (guard.RefusePage(HttpContext, account: null) is { } refusal)
        {
            Message = refusal;
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Kode) || string.IsNullOrEmpty(Password))
        {
            Message = Lang.T("Isi kode dan kata sandi baru.", "Enter the code and the new password.");
            return Page();
        }
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is not null && await users.IsLockedOutAsync(user))
        {
            Message = MasukModel.Locked();
            return Page();
        }
        if (user is null || !await AccountCodes.CheckAsync(users, AccountCodes.Reset, user, Kode))
        {
            guard.AddressFailed(address);
            if (user is not null) await users.AccessFailedAsync(user);
            Message = Lang.T("Kode salah atau kedaluwarsa.", "The code is wrong or has expired.");
            return Page();
        }
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Password);
        if (!reset.Succeeded)
        {
            // The code stays good until it expires, so the person can choose another password at once.
            Message = string.Join(" ", reset.Errors.Select(e => e.Description));
            return Page();
        }
        // The code reached the address, which proves it is theirs.
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        await users.ResetAccessFailedCountAsync(user);
        return Redirect("/akun/masuk?sandi=baru");
    }
}
