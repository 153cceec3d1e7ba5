using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Notifications;

namespace SatuAtap.Core.Applications;

/// <summary>What one round of the overdue check did.</summary>
public sealed record OverdueRound(int Notified, int Escalated, int DeemedApproved);

/// <summary>
/// Runs the overdue behaviour of workflow steps: an open application whose current step is past its step due
/// date (working days, WIB) is handled once per step — <c>notify</c> tells the acting agency (the officer who
/// claimed it, else the agency head), <c>escalate</c> marks it escalated and tells the agency head, and
/// <c>deemedApproval</c> approves it in the name of the system where the service's legal basis provides for it
/// (otherwise it falls back to notify). The step handled is stored on the application, whose concurrency
/// token keeps two nodes from handling it twice.
/// </summary>
public sealed class HandleOverdueApplications(SatuAtapDb db, CatalogCache cache, WorkflowCache workflows, MallTime time, Notifier notifier, ApplicationJournal journal,
    ILogger<HandleOverdueApplications> log)
{
    public const string DeemedApprovalNote = "Disetujui karena lewat batas waktu (fiktif positif)";
    public const string OverdueEvent = NotificationDefaults.ApplicationOverdue;
    public const string EscalatedEvent = NotificationDefaults.ApplicationEscalated;

    private static readonly ApplicationStatus[] Running =
        [ApplicationStatus.Submitted, ApplicationStatus.Resubmitted, ApplicationStatus.InVerification, ApplicationStatus.InProcess];

    public async Task<OverdueRound> HandleAsync(int batchSize = 200, CancellationToken ct = default)
    {
        var today = time.Today;
        var catalog = await cache.GetAsync(ct);
        var due = await db.Applications
            .Where(a => a.IsOpen && Running.Contains(a.Status) && a.StepDueDate != null && a.StepDueDate < today
                        && (a.OverdueHandledStep == null || a.OverdueHandledStep != a.StepIndex))
            .OrderBy(a => a.StepDueDate).Take(Math.Max(1, batchSize)).ToListAsync(ct);
        int notified = 0, escalated = 0, approved = 0;
        foreach (var app in due)
        {
            if (!catalog.ServicesById.TryGetValue(app.ServiceId, out var service)) continue;
            var steps = WorkflowSource.Steps(await workflows.GetAsync(ct), service);
            var step = WorkflowSource.At(steps, app.StepIndex);
            var behaviour = step.Overdue;
            if (behaviour == OverdueBehaviour.DeemedApproval && !WorkflowRules.LegalBasisAllowsDeemedApproval(service.Standard.LegalBasis))
                behaviour = OverdueBehaviour.Notify;
            app.OverdueHandledStep = app.StepIndex;
            switch (behaviour)
            {
                case OverdueBehaviour.DeemedApproval:
                    var from = app.Status;
                    app.Status = ApplicationStatus.Approved;
                    app.DecidedAtUtc = time.UtcNow;
                    app.IsOpen = ApplicationStateMachine.IsOpen(app.Status);
                    await journal.RecordAsync(db, app, service, ApplicationAction.Approve, from, Caller.System, DeemedApprovalNote, ct);
                    break;
                case OverdueBehaviour.Escalate:
                    app.EscalatedAtUtc = time.UtcNow;
                    await journal.RecordAsync(db, app, service, ApplicationAction.Overdue, app.Status, Caller.System,
                        "Melewati batas waktu tahap; diteruskan ke kepala instansi.", ct);
                    await TellStaffAsync(app, service, step, EscalatedEvent, toHead: true, ct);
                    break;
                default:
                    await journal.RecordAsync(db, app, service, ApplicationAction.Overdue, app.Status, Caller.System,
                        "Melewati batas waktu tahap; petugas diingatkan.", ct);
                    await TellStaffAsync(app, service, step, OverdueEvent, toHead: false, ct);
                    break;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                switch (behaviour)
                {
                    case OverdueBehaviour.DeemedApproval: approved++; break;
                    case OverdueBehaviour.Escalate: escalated++; break;
                    default: notified++; break;
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed meanwhile (an officer acted, or another node handled it): the next round looks again.
                if (log.IsEnabled(LogLevel.Information))
                    log.LogInformation("Application {Id} changed while its overdue step was handled; left for the next round.", app.Id);
                db.ChangeTracker.Clear();
            }
        }
        return new OverdueRound(notified, escalated, approved);
    }

    /// <summary>One message to the acting agency: the claiming officer (notify) or the agency head (escalate, or nobody claimed it).</summary>
    private async Task TellStaffAsync(Application app, ServiceView service, StepView step, string eventCode, bool toHead, CancellationToken ct)
    {
        User? recipient = null;
        if (!toHead && app.AssignedToUserId is { } assignee)
            recipient = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == assignee && u.Email != null, ct);
        recipient ??= await StaffAsync(step.AgencyId, Roles.AgencyHead, ct);
        recipient ??= toHead ? null : await StaffAsync(step.AgencyId, Roles.Officer, ct);
        if (recipient is null) return;
        var language = recipient.PreferredLanguage == Lang.English ? Lang.English : Lang.Indonesian;
        var values = new Dictionary<string, string>
        {
            ["name"] = recipient.FullName,
            ["trackingNumber"] = app.TrackingNumber,
            ["service"] = language == Lang.English ? service.NameEn ?? service.Name : service.Name,
            ["status"] = ApplicationCodes.StatusLabel(app.Status, language),
            ["step"] = language == Lang.English ? step.NameEn ?? step.Name : step.Name,
            ["note"] = "",
            ["dueDate"] = app.StepDueDate is { } d ? ApplicationCodes.WithLanguage(language, () => Formats.Date(d)) : "-",
            ["url"] = journal.PublicUrl("/kelola/permohonan/" + app.Id),
        };
        await notifier.EnqueueAsync(db, eventCode, new Notifier.Recipient(recipient.Email, null, language), values, ct);
    }

    private Task<User?> StaffAsync(Guid agencyId, string role, CancellationToken ct) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where u.AgencyId == agencyId && r.Name == role && u.Email != null
         orderby u.Email
         select u).AsNoTracking().FirstOrDefaultAsync(ct);
}

/// <summary>Runs <see cref="HandleOverdueApplications"/> every <c>Applications:OverdueCheckMinutes</c>.</summary>
public sealed class OverdueChecker(IServiceScopeFactory scopes, IOptions<ApplicationsOptions> options, ILogger<OverdueChecker> log) : PeriodicJob(scopes, log)
{
    protected override TimeSpan? Every => options.Value.OverdueCheckMinutes > 0 ? TimeSpan.FromMinutes(options.Value.OverdueCheckMinutes) : null;
    protected override string What => "Overdue check";
    protected override Task RoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One round in its own scope (what the timer runs; tests call it directly).</summary>
    public async Task<OverdueRound> RunOnceAsync(CancellationToken ct = default)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HandleOverdueApplications>().HandleAsync(ct: ct);
    }
}
