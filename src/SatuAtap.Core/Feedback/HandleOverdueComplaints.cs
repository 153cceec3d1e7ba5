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

namespace SatuAtap.Core.Feedback;

public sealed record OverdueComplaintsRun(int Escalated, int Closed);

/// <summary>
/// The complaint desk's clock, run by a background job: a complaint the desk has not forwarded by its forward date, or
/// the agency has not answered by its answer date, is escalated to the agency head (once per step: an escalation event,
/// shown in the inbox, and an email through the outbox to every head of the complaint's agency, when it names one);
/// an answered complaint whose reporter stayed silent past its close date is closed.
/// </summary>
public sealed class HandleOverdueComplaints(SatuAtapDb db, MallTime time, Notifier notifier, PublicLinks links)
{
    public async Task<OverdueComplaintsRun> HandleAsync(CancellationToken ct = default)
    {
        var today = time.Today;
        var now = time.UtcNow;
        var late = await db.Set<Complaint>()
            .Where(c => c.EscalatedAtUtc == null
                        && ((c.Status == ComplaintStatus.Submitted || c.Status == ComplaintStatus.Verified) && c.ForwardDue < today
                            || c.Status == ComplaintStatus.Forwarded && c.AnswerDue < today))
            .OrderBy(c => c.ForwardDue).ThenBy(c => c.Id) // by the forwarding deadline, the earliest first, a batch at a time
            .Take(500).ToListAsync(ct);
        foreach (var c in late)
        {
            c.EscalatedAtUtc = now;
            c.UpdatedAtUtc = now;
            db.Set<ComplaintEvent>().Add(new ComplaintEvent
            {
                ComplaintId = c.Id, AtUtc = now, Action = ComplaintAction.Escalate, FromStatus = c.Status, ToStatus = c.Status,
                ActorName = "Sistem", Public = false,
                Text = c.Status == ComplaintStatus.Forwarded
                    ? $"Melewati batas jawaban {IndonesianDate(c.AnswerDue ?? c.ForwardDue)}; dieskalasi ke kepala instansi."
                    : $"Melewati batas penerusan {IndonesianDate(c.ForwardDue)}; dieskalasi ke kepala instansi.",
            });
            await TellHeadsAsync(c, ct);
        }
        var silent = await db.Set<Complaint>().Where(c => c.Status == ComplaintStatus.Answered && c.CloseOn < today)
            .OrderBy(c => c.CloseOn).ThenBy(c => c.Id).Take(500).ToListAsync(ct);
        foreach (var c in silent)
        {
            c.Status = ComplaintStatus.Closed;
            c.ClosedAtUtc = now;
            c.UpdatedAtUtc = now;
            db.Set<ComplaintEvent>().Add(new ComplaintEvent
            {
                ComplaintId = c.Id, AtUtc = now, Action = ComplaintAction.AutoClose, FromStatus = ComplaintStatus.Answered, ToStatus = ComplaintStatus.Closed,
                ActorName = "Sistem", Public = true,
            });
        }
        if (late.Count + silent.Count > 0) await db.SaveChangesAsync(ct);
        return new OverdueComplaintsRun(late.Count, silent.Count);
    }

    /// <summary>One email to each head of the complaint's agency (in the head's language), saved with the escalation.</summary>
    private async Task TellHeadsAsync(Complaint c, CancellationToken ct)
    {
        if (c.AgencyId is not { } agencyId) return;
        var heads = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where u.AgencyId == agencyId && r.Name == Roles.AgencyHead && u.Email != null
                           orderby u.Email
                           select new { u.FullName, u.Email, u.PreferredLanguage }).AsNoTracking().ToListAsync(ct);
        var answering = c.Status == ComplaintStatus.Forwarded;
        foreach (var head in heads)
        {
            var english = head.PreferredLanguage == Lang.English;
            var values = new Dictionary<string, string>
            {
                ["name"] = head.FullName,
                ["trackingNumber"] = c.Number,
                ["step"] = answering ? (english ? "answered" : "dijawab") : (english ? "forwarded" : "diteruskan"),
                ["dueDate"] = (answering ? c.AnswerDue ?? c.ForwardDue : c.ForwardDue).ToString("d MMMM yyyy",
                    System.Globalization.CultureInfo.GetCultureInfo(english ? "en-GB" : "id-ID")),
                ["url"] = links.To("/kelola/pengaduan"),
            };
            await notifier.EnqueueAsync(db, NotificationDefaults.ComplaintEscalated,
                new Notifier.Recipient(head.Email, null, english ? Lang.English : Lang.Indonesian), values, ct);
        }
    }

    /// <summary>A date as the complaint's history reads it (its text is Indonesian): <c>3 Desember 2026</c>.</summary>
    private static string IndonesianDate(DateOnly day) =>
        day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("id-ID"));
}

/// <summary>Runs <see cref="HandleOverdueComplaints"/> every <c>Feedback:OverdueCheckMinutes</c> (0: not in this process).</summary>
public sealed class OverdueComplaintsJob(IServiceScopeFactory scopes, IOptions<FeedbackOptions> options, ILogger<OverdueComplaintsJob> log) : PeriodicJob(scopes, log)
{
    protected override TimeSpan? Every => options.Value.OverdueCheckMinutes > 0 ? TimeSpan.FromMinutes(options.Value.OverdueCheckMinutes) : null;
    protected override string What => "Complaint deadline check";

    protected override async Task RoundAsync(CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<HandleOverdueComplaints>().HandleAsync(ct);
        if (run.Escalated + run.Closed > 0 && log.IsEnabled(LogLevel.Information))
            log.LogInformation("Complaints: {Escalated} escalated, {Closed} closed after the reporter's silence.", run.Escalated, run.Closed);
    }
}
