using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>Citizen registration: the account exists at once, but applying needs the email verified by a code sent to it.</summary>
[EnableRateLimiting(RateLimiting.PublicWrites)]
public sealed class DaftarModel(UserManager<User> users, IOptions<IdentityOptions> identity) : PageModel
{
    public static string Purpose => AccountCodes.Verify.Purpose;

    [BindProperty(Name = "nama")] public string? Nama { get; set; }
    [BindProperty(Name = "email")] public string? Email { get; set; }
    [BindProperty(Name = "password")] public string? Password { get; set; }
    [BindProperty(Name = "bahasa")] public string? Bahasa { get; set; }
    public string? Message { get; private set; }
    public string PasswordRules => IdentityMessages.Rules(identity.Value.Password);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = Email?.Trim() ?? "";
        if (string.IsNullOrWhiteSpace(Nama) || !System.Net.Mail.MailAddress.TryCreate(email, out _) || string.IsNullOrEmpty(Password))
        {
            Message = Lang.T("Isi nama, email yang valid, dan kata sandi.", "Give your name, a valid email and a password.");
            return Page();
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            // Do not reveal whether the address is registered: send them to verification as if new.
            return Redirect("/akun/verifikasi?email=" + Uri.EscapeDataString(email));
        }
        var user = new User { UserName = email, Email = email, FullName = Nama.Trim(), PreferredLanguage = Bahasa == "en" ? Lang.English : Lang.Indonesian };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            Message = string.Join(" ", created.Errors.Select(e => e.Description));
            return Page();
        }
        await users.AddToRoleAsync(user, Roles.Citizen);
        await AccountCodes.SendAsync(AccountCodes.Verify, user, HttpContext, ct);
        return Redirect("/akun/verifikasi?email=" + Uri.EscapeDataString(email));
    }
}
