using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Identity;

/// <summary>
/// An administrator issues a one-time enrolment code for a staff account (replacing any earlier one). The code is
/// returned once and stored hashed; the issue is written to the audit log without the code.
/// </summary>
public sealed class IssueEnrolmentCode(SatuAtapDb db, TimeProvider clock)
{
    public sealed record Issued(Guid UserId, string Email, string Code, DateTime ExpiresAtUtc);

    public async Task<Outcome<Issued>> HandleAsync(Guid userId, Caller actor, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(ct);
        if (user is null) return Outcome<Issued>.NotFound(Lang.T("Akun tidak ditemukan.", "Account not found."));
        var isStaff = await (from link in db.UserRoles
                             join role in db.Roles on link.RoleId equals role.Id
                             where link.UserId == userId && Roles.Staff.Contains(role.Name!)
                             select link.RoleId).AnyAsync(ct);
        if (!isStaff)
            return new(OutcomeKind.Unprocessable, Message: Lang.T("Kode pendaftaran hanya untuk akun petugas.", "Enrolment codes are for staff accounts only."));

        var now = clock.GetUtcNow().UtcDateTime;
        var code = EnrolmentCode.Generate();
        var expires = now + EnrolmentCode.Lifetime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == EnrolmentCode.LoginProvider && t.Name == EnrolmentCode.TokenName)
            .ExecuteDeleteAsync(ct);
        db.UserTokens.Add(new IdentityUserToken<Guid>
        {
            UserId = userId, LoginProvider = EnrolmentCode.LoginProvider, Name = EnrolmentCode.TokenName, Value = EnrolmentCode.Stored(code, expires),
        });
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = now, UserId = actor.UserId, UserName = actor.Account, EntityType = "StaffEnrolmentCode", EntityKey = userId.ToString(),
            Action = "issued", After = JsonSerializer.Serialize(new { ExpiresAtUtc = expires }),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<Issued>.Created(new Issued(userId, user.Email ?? "", code, expires));
    }
}
