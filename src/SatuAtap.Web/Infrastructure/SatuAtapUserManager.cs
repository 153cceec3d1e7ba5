using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Identity;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Identity's user manager with the mall's account rules: failed sign-ins are counted by <see cref="SignInGuard"/> (a
/// sliding 15 minutes, so that one address cannot lock an account), and a new password or a role change ends the
/// account's sessions (a new security stamp, forgotten at once by <see cref="SessionStamps"/>).
/// </summary>
public sealed class SatuAtapUserManager(
    IUserStore<User> store, IOptions<IdentityOptions> options, IPasswordHasher<User> hasher, IEnumerable<IUserValidator<User>> userValidators,
    IEnumerable<IPasswordValidator<User>> passwordValidators, ILookupNormalizer normalizer, IdentityErrorDescriber errors,
    IServiceProvider services, ILogger<UserManager<User>> logger, SignInGuard guard, SessionStamps sessions)
    : UserManager<User>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    private string AccountKey(User user) => user.NormalizedUserName ?? NormalizeName(user.UserName) ?? user.Id.ToString();

    /// <summary>Counts the failure in the guard instead of the stored counter; locks the account when the guard says so.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(User user)
    {
        if (!guard.AccountFailed(AccountKey(user))) return IdentityResult.Success;
        // Identity compares the lockout end with the system clock.
        return await SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow + SignInGuard.LockoutTime);
    }

    public override Task<IdentityResult> ResetAccessFailedCountAsync(User user)
    {
        guard.AccountSucceeded(AccountKey(user));
        return base.ResetAccessFailedCountAsync(user);
    }

    public override async Task<IdentityResult> UpdateSecurityStampAsync(User user)
    {
        var result = await base.UpdateSecurityStampAsync(user);
        sessions.Forget(user.Id);
        return result;
    }

    public override async Task<IdentityResult> ChangePasswordAsync(User user, string currentPassword, string newPassword) =>
        Forgetting(user, await base.ChangePasswordAsync(user, currentPassword, newPassword));

    public override async Task<IdentityResult> ResetPasswordAsync(User user, string token, string newPassword) =>
        Forgetting(user, await base.ResetPasswordAsync(user, token, newPassword));

    public override async Task<IdentityResult> AddToRoleAsync(User user, string role) =>
        await NewStampAfter(user, await base.AddToRoleAsync(user, role));

    public override async Task<IdentityResult> AddToRolesAsync(User user, IEnumerable<string> roles) =>
        await NewStampAfter(user, await base.AddToRolesAsync(user, roles));

    public override async Task<IdentityResult> RemoveFromRoleAsync(User user, string role) =>
        await NewStampAfter(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(User user, IEnumerable<string> roles) =>
        await NewStampAfter(user, await base.RemoveFromRolesAsync(user, roles));

    private IdentityResult Forgetting(User user, IdentityResult result)
    {
        if (result.Succeeded) sessions.Forget(user.Id);
        return result;
    }

    private async Task<IdentityResult> NewStampAfter(User user, IdentityResult result) =>
        result.Succeeded ? await UpdateSecurityStampAsync(user) : result;
}
