using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Rights;

/// <summary>What one retention run removed (counts only; this is what the audit log records).</summary>
public sealed record RetentionRound(int DraftsDeleted, int DocumentsDeleted, int MessagesCleared, int BookingsCleared);

/// <summary>
/// Removes personal data the mall no longer needs (<c>Retention:*</c>): drafts never submitted, after
/// <c>DraftDays</c> from their start, with their documents; the uploaded documents (rows and files) of finished
/// applications whose last activity is more than <c>DocumentDays</c> old — the application, its timeline and its issued
/// result stay; the bodies of messages sent more than <c>MessageDays</c> ago (the delivery record stays); names, phone
/// numbers and NIKs of bookings whose day is more than <c>BookingDays</c> past. Writes one audit entry with the counts.
/// </summary>
public sealed class ApplyRetention(SatuAtapDb db, FileStore files, MallTime time, IOptions<RetentionOptions> options)
{
    public const string AuditType = "Retention";
    public const string AuditAction = "purged";
    private const int Batch = 500;

    private static readonly ApplicationStatus[] Finished = [ApplicationStatus.Rejected, ApplicationStatus.Issued, ApplicationStatus.ReadyForPickup];

    public async Task<RetentionRound> HandleAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var now = time.UtcNow;
        var round = new RetentionRound(
            await DeleteDraftsAsync(now.AddDays(-o.DraftDays), ct),
            await DeleteFinishedDocumentsAsync(now.AddDays(-o.DocumentDays), ct),
            await ClearMessagesAsync(now.AddDays(-o.MessageDays), ct),
            await ClearBookingsAsync(time.Today.AddDays(-o.BookingDays), ct));
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = now, UserName = Caller.System.Account, EntityType = AuditType,
            EntityKey = time.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Action = AuditAction, After = JsonSerializer.Serialize(round, JsonSerializerOptions.Web),
        });
        await db.SaveChangesAsync(ct);
        return round;
    }

    private async Task<int> DeleteDraftsAsync(DateTime startedBefore, CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            var ids = await db.Applications.Where(a => a.Status == ApplicationStatus.Draft && a.CreatedAtUtc < startedBefore)
                .OrderBy(a => a.CreatedAtUtc).Select(a => a.Id).Take(Batch).ToListAsync(ct);
            if (ids.Count == 0) return deleted;
            var keys = await db.ApplicationDocuments.Where(d => ids.Contains(d.ApplicationId)).Select(d => d.FileKey).ToListAsync(ct);
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await db.ApplicationDocuments.Where(d => ids.Contains(d.ApplicationId)).ExecuteDeleteAsync(ct);
                await db.ApplicationEvents.Where(e => ids.Contains(e.ApplicationId)).ExecuteDeleteAsync(ct);
                deleted += await db.Applications.Where(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Draft).ExecuteDeleteAsync(ct);
                await tx.CommitAsync(ct);
            }
            foreach (var key in keys) files.Delete(key);
        }
    }

    private async Task<int> DeleteFinishedDocumentsAsync(DateTime lastActivityBefore, CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            var docs = await db.ApplicationDocuments
                .Where(d => db.Applications.Any(a => a.Id == d.ApplicationId && Finished.Contains(a.Status)
                    && !db.ApplicationEvents.Any(e => e.ApplicationId == a.Id && e.AtUtc >= lastActivityBefore)))
                .OrderBy(d => d.Id).Select(d => new { d.Id, d.FileKey }).Take(Batch).ToListAsync(ct);
            if (docs.Count == 0) return deleted;
            var ids = docs.Select(d => d.Id).ToList();
            deleted += await db.ApplicationDocuments.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(ct);
            foreach (var d in docs) files.Delete(d.FileKey);
        }
    }

    private Task<int> ClearMessagesAsync(DateTime sentBefore, CancellationToken ct) =>
        db.OutboxMessages.Where(m => m.SentAtUtc != null && m.SentAtUtc < sentBefore && m.Body != "")
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Body, ""), ct);

    private Task<int> ClearBookingsAsync(DateOnly dayBefore, CancellationToken ct) =>
        db.Bookings.Where(b => b.Day < dayBefore && (b.Name != "" || b.Phone != "" || b.Nik != null))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Name, "").SetProperty(b => b.Phone, "").SetProperty(b => b.Nik, (string?)null)
                .SetProperty(b => b.PhoneKey, (string?)null).SetProperty(b => b.NikKey, (string?)null), ct);
}

/// <summary>Runs <see cref="ApplyRetention"/> every <c>Retention:RunHours</c> while <c>Retention:Enabled</c>.</summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, ILogger<RetentionJob> log) : PeriodicJob(scopes, log)
{
    protected override TimeSpan? Every => options.Value.Enabled ? TimeSpan.FromHours(options.Value.RunHours) : null;
    protected override string What => "Retention run";

    protected override async Task RoundAsync(CancellationToken ct)
    {
        var round = await RunOnceAsync(ct);
        if (log.IsEnabled(LogLevel.Information))
            log.LogInformation("Retention: {Drafts} drafts, {Documents} documents deleted; {Messages} message bodies, {Bookings} bookings cleared.",
                round.DraftsDeleted, round.DocumentsDeleted, round.MessagesCleared, round.BookingsCleared);
    }

    /// <summary>One run in its own scope.</summary>
    public async Task<RetentionRound> RunOnceAsync(CancellationToken ct = default)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplyRetention>().HandleAsync(ct);
    }
}
