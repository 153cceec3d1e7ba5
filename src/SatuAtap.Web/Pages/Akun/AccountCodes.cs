using Microsoft.AspNetCore.Identity;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Notifications;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>
/// The short codes the account pages send by email: to confirm an address (<see cref="Verify"/>) and to set a new
/// password (<see cref="Reset"/>). A code is a time-based one of the account's security stamp, so it expires within
/// minutes and is void once the password changes.
/// </summary>
internal static class AccountCodes
{
    public sealed record Kind(string Purpose, string EventCode, string Page);

    public static readonly Kind Verify = new("verify-email", NotificationDefaults.AccountVerify, "/akun/verifikasi");
    public static readonly Kind Reset = new("reset-password", NotificationDefaults.AccountPasswordReset, "/akun/sandi-baru");

    public static async Task SendAsync(Kind kind, User user, HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        var users = services.GetRequiredService<UserManager<User>>();
        var db = services.GetRequiredService<SatuAtapDb>();
        var code = await users.GenerateUserTokenAsync(user, TokenOptions.DefaultEmailProvider, kind.Purpose);
        await services.GetRequiredService<Notifier>().EnqueueAsync(db, kind.EventCode, new Notifier.Recipient(user.Email, null, user.PreferredLanguage),
            new Dictionary<string, string>
            {
                ["name"] = user.FullName, ["code"] = code,
                ["url"] = services.GetRequiredService<PublicLinks>().To(kind.Page + "?email=" + Uri.EscapeDataString(user.Email!)),
            }, ct);
        await db.SaveChangesAsync(ct);
    }

    public static Task<bool> CheckAsync(UserManager<User> users, Kind kind, User user, string code) =>
        users.VerifyUserTokenAsync(user, TokenOptions.DefaultEmailProvider, kind.Purpose, code.Trim());
}
