using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Licensing;

public sealed record UnconfirmedRound(int BundlesRemoved, int ApplicationsRemoved, int DocumentsRemoved);

/// <summary>
/// Removes the bundles an officer made on a business owner's behalf that the owner never confirmed: once the last code's
/// window (<c>Licensing:ConfirmationCodeMinutes</c>, from the bundle's making or the last code sent) and a grace of
/// <c>Licensing:UnconfirmedBundleHours</c> have passed, the bundle goes with its draft applications, their timelines and
/// their documents (the rows and the files in the <see cref="FileStore"/>). A confirmed bundle, one the owner made
/// themselves, and one with an application that is no longer a draft are never touched. Each removal is audited.
/// </summary>
public sealed class RemoveUnconfirmedBundles(SatuAtapDb db, FileStore files, MallTime time, IOptions<LicensingOptions> options)
{
    public const string AuditType = "LicensingBundle";
    public const string AuditAction = "purged"; // the audit log's actions hold 16 characters
    private const int Batch = 100;

    /// <summary>
    /// When an unconfirmed bundle made on <paramref name="createdAtUtc"/> may be removed: after the window of the code sent
    /// with it, or of the last code sent (<paramref name="codeExpiresAtUtc"/>) when that ends later, plus the grace.
    /// </summary>
    public static DateTime RemovableAfter(DateTime createdAtUtc, DateTime? codeExpiresAtUtc, int codeMinutes, int graceHours)
    {
        var window = createdAtUtc.AddMinutes(codeMinutes);
        if (codeExpiresAtUtc is { } last && last > window) window = last;
        return window.AddHours(graceHours);
    }

    public async Task<UnconfirmedRound> HandleAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var now = time.UtcNow;
        var grace = TimeSpan.FromHours(o.UnconfirmedBundleHours);
        var madeBefore = now - grace - TimeSpan.FromMinutes(o.ConfirmationCodeMinutes);
        var codeEndedBefore = now - grace;
        var round = new UnconfirmedRound(0, 0, 0);
        var skipped = new List<Guid>();
        while (true)
        {
            var due = await db.LicensingBundles.AsNoTracking()
                .Where(b => b.CapturedByUserId != null && b.ConfirmedAtUtc == null && b.CreatedAtUtc < madeBefore
                    && (b.ConfirmationExpiresAtUtc == null || b.ConfirmationExpiresAtUtc < codeEndedBefore) && !skipped.Contains(b.Id))
                .OrderBy(b => b.CreatedAtUtc).Select(b => new { b.Id, b.TrackingNumber, b.CreatedAtUtc, b.ConfirmationExpiresAtUtc })
                .Take(Batch).ToListAsync(ct);
            if (due.Count == 0) return round;
            foreach (var b in due)
            {
                if (now <= RemovableAfter(b.CreatedAtUtc, b.ConfirmationExpiresAtUtc, o.ConfirmationCodeMinutes, o.UnconfirmedBundleHours)
                    || await RemoveAsync(b.Id, b.TrackingNumber, b.ConfirmationExpiresAtUtc, now, ct) is not { } removed)
                {
                    skipped.Add(b.Id);
                    continue;
                }
                round = new UnconfirmedRound(round.BundlesRemoved + 1, round.ApplicationsRemoved + removed.Applications,
                    round.DocumentsRemoved + removed.Documents);
            }
        }
    }

    /// <summary>Removes one bundle and its drafts in one transaction; null (nothing removed) when it changed meanwhile.</summary>
    private async Task<(int Applications, int Documents)?> RemoveAsync(Guid id, string trackingNumber, DateTime? codeExpiresAtUtc, DateTime now,
        CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var children = await db.Applications.Where(a => a.BundleId == id).Select(a => new { a.Id, a.Status }).ToListAsync(ct);
        if (children.Any(a => a.Status != ApplicationStatus.Draft)) return null;
        var ids = children.Select(a => a.Id).ToList();
        var keys = await db.ApplicationDocuments.Where(d => ids.Contains(d.ApplicationId)).Select(d => d.FileKey).ToListAsync(ct);
        int applications;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.ApplicationDocuments.Where(d => ids.Contains(d.ApplicationId)).ExecuteDeleteAsync(ct);
            await db.ApplicationEvents.Where(e => ids.Contains(e.ApplicationId)).ExecuteDeleteAsync(ct);
            applications = await db.Applications.Where(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Draft).ExecuteDeleteAsync(ct);
            // Gone only if it is still unconfirmed with the same code: a confirmation or a new code meanwhile keeps it.
            var gone = await db.LicensingBundles.Where(b => b.Id == id && b.ConfirmedAtUtc == null && b.ConfirmationExpiresAtUtc == codeExpiresAtUtc)
                .ExecuteDeleteAsync(ct);
            if (gone == 0)
            {
                await tx.RollbackAsync(ct);
                return null;
            }
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = now, UserName = Caller.System.Account, EntityType = AuditType, EntityKey = trackingNumber, Action = AuditAction,
                After = string.Create(CultureInfo.InvariantCulture, $"{{\"applications\":{applications},\"documents\":{keys.Count}}}"),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        foreach (var key in keys) files.Delete(key);
        return (applications, keys.Count);
    }
}

/// <summary>Runs <see cref="RemoveUnconfirmedBundles"/> every <c>Licensing:ReminderCheckMinutes</c> (the module's jobs' interval).</summary>
public sealed class UnconfirmedBundleJob(IServiceScopeFactory scopes, IOptions<LicensingOptions> options, ILogger<UnconfirmedBundleJob> log) : PeriodicJob(scopes, log)
{
    protected override TimeSpan? Every => options.Value.ReminderCheckMinutes > 0 ? TimeSpan.FromMinutes(options.Value.ReminderCheckMinutes) : null;
    protected override string What => "Unconfirmed bundles";
    protected override Task RoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One round in its own scope (what the timer runs; tests call it directly).</summary>
    public async Task<UnconfirmedRound> RunOnceAsync(CancellationToken ct = default)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RemoveUnconfirmedBundles>().HandleAsync(ct);
    }
}
