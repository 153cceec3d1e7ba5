using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Rights;

/// <summary>What the deletion of an account removed and kept (counts only; this is what the audit log records).</summary>
public sealed record AccountDeletion(int DraftsDeleted, int ApplicationsKept, int DocumentsDeleted, int BookingsCleared, int MessagesDeleted, int CorrectionsDeleted);

/// <summary>
/// A citizen deletes their account. Refused while an application is in progress (submitted and not yet finished) or a
/// booking is still ahead. Otherwise: drafts go with their documents; finished applications stay as public records —
/// with the applicant's name and NIK on the application and its issued result — but are detached from the account, lose
/// the contact details (email, phone) and the uploaded documents; bookings lose name, phone and NIK; messages to the
/// account's email or phone and its correction requests are deleted; the account itself (with its roles, sign-in
/// tokens and keys) is deleted. One audit entry records the counts.
/// </summary>
public sealed class DeleteAccount(SatuAtapDb db, FileStore files, MallTime time)
{
    public const string AuditAction = "erased";

    private static readonly ApplicationStatus[] InProgress =
    [
        ApplicationStatus.Submitted, ApplicationStatus.InVerification, ApplicationStatus.ReturnedForCorrection,
        ApplicationStatus.Resubmitted, ApplicationStatus.InProcess, ApplicationStatus.Approved,
    ];

    public async Task<Outcome<AccountDeletion>> HandleAsync(Guid userId, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Outcome<AccountDeletion>.NotFound(Lang.T("Akun tidak ditemukan.", "Account not found."));
        var staff = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId && Roles.Staff.Contains(r.Name!) select r.Name).AnyAsync(ct);
        if (staff)
            return Outcome<AccountDeletion>.Forbidden(Lang.T("Akun petugas dihapus oleh administrator, bukan oleh pemiliknya.",
                "Staff accounts are removed by an administrator, not by their holder."));
        var open = await db.Applications.Where(a => a.ApplicantUserId == userId && InProgress.Contains(a.Status))
            .Select(a => a.TrackingNumber).ToListAsync(ct);
        if (open.Count > 0)
            return Outcome<AccountDeletion>.Conflict(Lang.T(
                $"Akun belum dapat dihapus: permohonan {string.Join(", ", open)} masih diproses. Tunggu sampai selesai.",
                $"The account cannot be deleted yet: application {string.Join(", ", open)} is still in progress. Wait until it is finished."));
        var today = time.Today;
        if (await db.Bookings.AnyAsync(b => b.UserId == userId && b.Status == BookingStatus.Active && b.Day >= today, ct))
            return Outcome<AccountDeletion>.Conflict(Lang.T(
                "Akun belum dapat dihapus: Anda masih memiliki pemesanan antrean yang aktif. Batalkan dulu atau tunggu sampai harinya lewat.",
                "The account cannot be deleted yet: you still have an active queue booking. Cancel it or wait until its day has passed."));

        var drafts = await db.Applications.Where(a => a.ApplicantUserId == userId && a.Status == ApplicationStatus.Draft).Select(a => a.Id).ToListAsync(ct);
        var kept = await db.Applications.Where(a => a.ApplicantUserId == userId && a.Status != ApplicationStatus.Draft).Select(a => a.Id).ToListAsync(ct);
        var mine = drafts.Concat(kept).ToList();
        var fileKeys = await db.ApplicationDocuments.Where(d => mine.Contains(d.ApplicationId)).Select(d => d.FileKey).ToListAsync(ct);
        var phone = PhoneNumber.Normalize(user.PhoneNumber);
        var email = user.Email;

        AccountDeletion counts;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var documents = await db.ApplicationDocuments.Where(d => mine.Contains(d.ApplicationId)).ExecuteDeleteAsync(ct);
            await db.ApplicationEvents.Where(e => drafts.Contains(e.ApplicationId)).ExecuteDeleteAsync(ct);
            var draftsDeleted = await db.Applications.Where(a => drafts.Contains(a.Id)).ExecuteDeleteAsync(ct);
            // The public record stays: name and NIK as applied; the link to the account and the contact details go.
            await db.Applications.Where(a => kept.Contains(a.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ApplicantUserId, (Guid?)null).SetProperty(a => a.ApplicantEmail, (string?)null)
                    .SetProperty(a => a.ApplicantPhone, (string?)null), ct);
            var bookings = await db.Bookings.Where(b => b.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.UserId, (Guid?)null).SetProperty(b => b.Name, "").SetProperty(b => b.Phone, "")
                    .SetProperty(b => b.Nik, (string?)null).SetProperty(b => b.PhoneKey, (string?)null).SetProperty(b => b.NikKey, (string?)null), ct);
            var messages = await db.OutboxMessages.Where(m => m.Recipient == email || (phone != null && m.Recipient == phone)).ExecuteDeleteAsync(ct);
            var corrections = await db.CorrectionRequests.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
            counts = new AccountDeletion(draftsDeleted, kept.Count, documents, bookings, messages, corrections);

            db.Users.Remove(user);
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = time.UtcNow, UserId = userId, UserName = "(akun dihapus)", EntityType = nameof(User), EntityKey = userId.ToString(),
                Action = AuditAction, After = JsonSerializer.Serialize(counts, JsonSerializerOptions.Web),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        // Files go after the rows are gone for good; issued results' files stay with their public record.
        foreach (var key in fileKeys) files.Delete(key);
        return Outcome<AccountDeletion>.Ok(counts);
    }
}
