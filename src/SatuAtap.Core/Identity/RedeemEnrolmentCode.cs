using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Identity;

/// <summary>Checks and uses a staff account's enrolment code: valid for 24 hours, used at most once.</summary>
public sealed class RedeemEnrolmentCode(SatuAtapDb db, TimeProvider clock)
{
    /// <summary>Whether the code is the account's current one and has not expired (it stays usable).</summary>
    public async Task<bool> IsValidAsync(Guid userId, string? code, CancellationToken ct) =>
        EnrolmentCode.Matches(await StoredAsync(userId, ct), code, clock.GetUtcNow().UtcDateTime);

    /// <summary>Uses the code: true for exactly one caller, even when two try at once.</summary>
    public async Task<bool> UseAsync(Guid userId, string? code, CancellationToken ct)
    {
        var stored = await StoredAsync(userId, ct);
        if (!EnrolmentCode.Matches(stored, code, clock.GetUtcNow().UtcDateTime)) return false;
        var removed = await db.UserTokens
            .Where(t => t.UserId == userId && t.LoginProvider == EnrolmentCode.LoginProvider && t.Name == EnrolmentCode.TokenName && t.Value == stored)
            .ExecuteDeleteAsync(ct);
        return removed == 1;
    }

    private Task<string?> StoredAsync(Guid userId, CancellationToken ct) =>
        db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.LoginProvider == EnrolmentCode.LoginProvider && t.Name == EnrolmentCode.TokenName)
            .Select(t => t.Value).FirstOrDefaultAsync(ct);
}
