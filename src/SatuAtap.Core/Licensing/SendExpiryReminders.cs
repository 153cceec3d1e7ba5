using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Notifications;

namespace SatuAtap.Core.Licensing;

public sealed record ReminderRound(int Sent);

/// <summary>
/// Reminds the holders of permits issued in a bundle before they expire. A permit expires when its kind has a
/// validity (<c>Licensing:ValidityYears</c>), counted from the day its result was issued; the holder is reminded on the
/// first run on or after each of <c>Licensing:ReminderDays</c> before that day (when a run comes late and several are
/// due, one message, the nearest). Each is sent once; a revoked result is not reminded of.
/// </summary>
public sealed class SendExpiryReminders(SatuAtapDb db, CatalogCache catalogs, Notifier notifier, PublicLinks links, MallTime time, IOptions<LicensingOptions> options)
{
    /// <summary>The expiry of a permit issued on a day, for a validity in years.</summary>
    public static DateOnly ExpiresOn(DateOnly issuedOn, int years) => issuedOn.AddYears(years);

    /// <summary>The reminder days (of <paramref name="days"/>) that are due on <paramref name="today"/> for a permit expiring on <paramref name="expires"/>.</summary>
    public static IReadOnlyList<int> Due(DateOnly today, DateOnly expires, IReadOnlyList<int> days) =>
        today > expires ? [] : days.Where(d => today >= expires.AddDays(-d)).ToList();

    public async Task<ReminderRound> HandleAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var days = o.ReminderDayList();
        var today = time.Today;
        var issued = await (from r in db.IssuedResults.AsNoTracking()
                            join a in db.Applications.AsNoTracking() on r.ApplicationId equals a.Id
                            join b in db.LicensingBundles.AsNoTracking() on a.BundleId equals b.Id
                            where r.RevokedAtUtc == null
                            select new
                            {
                                a.Id, a.TrackingNumber, a.ServiceId, a.ApplicantName, a.ApplicantEmail, a.ApplicantPhone, a.Language, r.IssuedAtUtc, b.PlanJson,
                            }).ToListAsync(ct);
        if (issued.Count == 0) return new ReminderRound(0);
        var ids = issued.Select(i => i.Id).ToList();
        var sent = (await db.LicensingReminders.AsNoTracking().Where(x => ids.Contains(x.ApplicationId))
            .Select(x => new { x.ApplicationId, x.ExpiresOn, x.DaysBefore }).ToListAsync(ct))
            .Select(x => (x.ApplicationId, x.ExpiresOn, x.DaysBefore)).ToHashSet();
        var catalog = await catalogs.GetAsync(ct);
        var count = 0;
        foreach (var i in issued)
        {
            var service = catalog.ServicesById.GetValueOrDefault(i.ServiceId);
            if (service is null) continue;
            var permits = BundlePlan.Parse(i.PlanJson).Services.GetValueOrDefault(service.Code) ?? [];
            var years = permits.Select(p => o.ValidityYears.TryGetValue(p, out var y) ? y : (int?)null).Where(y => y is not null).Min();
            if (years is null) continue;
            var expires = ExpiresOn(DateOnly.FromDateTime(time.ToLocal(i.IssuedAtUtc)), years.Value);
            var due = Due(today, expires, days).Where(d => !sent.Contains((i.Id, expires, d))).ToList();
            if (due.Count == 0) continue;
            foreach (var d in due)
                db.LicensingReminders.Add(new LicensingReminder { ApplicationId = i.Id, ExpiresOn = expires, DaysBefore = d, SentAtUtc = time.UtcNow });
            var left = expires.DayNumber - today.DayNumber;
            var language = i.Language == Lang.English ? Lang.English : Lang.Indonesian;
            var culture = CultureInfo.GetCultureInfo(language == Lang.English ? "en-GB" : "id-ID");
            await notifier.EnqueueAsync(db, NotificationDefaults.PermitExpiring, new Notifier.Recipient(i.ApplicantEmail, i.ApplicantPhone, language),
                new Dictionary<string, string>
                {
                    ["name"] = i.ApplicantName, ["trackingNumber"] = i.TrackingNumber,
                    ["service"] = language == Lang.English ? service.NameEn ?? service.Name : service.Name,
                    ["status"] = "", ["note"] = "", ["dueDate"] = expires.ToString("d MMMM yyyy", culture),
                    ["days"] = left.ToString(CultureInfo.InvariantCulture),
                    ["url"] = links.To($"/layanan/{Uri.EscapeDataString(service.Code)}"),
                }, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                count++;
            }
            catch (DbUpdateException e) when (UniqueViolation.On<LicensingReminder>(db, e, nameof(LicensingReminder.ApplicationId), nameof(LicensingReminder.ExpiresOn), nameof(LicensingReminder.DaysBefore)))
            {
                // Another node sent it in the meantime.
                db.ChangeTracker.Clear();
            }
        }
        return new ReminderRound(count);
    }
}

/// <summary>Runs <see cref="SendExpiryReminders"/> every <c>Licensing:ReminderCheckMinutes</c>.</summary>
public sealed class ExpiryReminderJob(IServiceScopeFactory scopes, IOptions<LicensingOptions> options, ILogger<ExpiryReminderJob> log) : PeriodicJob(scopes, log)
{
    protected override TimeSpan? Every => options.Value.ReminderCheckMinutes > 0 ? TimeSpan.FromMinutes(options.Value.ReminderCheckMinutes) : null;
    protected override string What => "Expiry reminders";
    protected override Task RoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One round in its own scope (what the timer runs; tests call it directly).</summary>
    public async Task<ReminderRound> RunOnceAsync(CancellationToken ct = default)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendExpiryReminders>().HandleAsync(ct);
    }
}
