using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Outreach;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Insights;

public sealed record RebuildResult(DateOnly? From, DateOnly? To, int Days, int Rows);

/// <summary>
/// Keeps the figures of closed days (<see cref="InsightDay"/>): reads the records of those days, builds their rows with
/// <see cref="DayBuilder"/> and replaces what was kept. The job runs it for the last days; managers run it for any
/// period (POST /api/v1/insights/rebuild). Today is never kept: it is built live when asked.
/// </summary>
public sealed class KeepInsights(SatuAtapDb db, CatalogCache catalog, MallTime time, IOptions<InsightsOptions> options, IOptions<OutreachOptions> outreach,
    InsightsCache cache, Feedback.SurveyIndexCache surveyIndex)
{
    /// <summary>
    /// Days whose records the rebuild reads and builds together. A whole month of the bench's generated history (about
    /// 28,000 tickets, 14,000 decided applications and 28,000 survey responses) read at once outlived the young
    /// generation and was left as old garbage, month after month (docs/benchmarks/2026-12-02-threads-and-rebuild.md).
    /// </summary>
    private const int BuildDays = 7;

    /// <summary>
    /// A rebuild of more days than this (a manager's rebuild of years, the job's first round over a mall's history) is
    /// one-off work and ends with <see cref="OneOffWork"/>'s collection. The job's round of the last few days never does:
    /// on a busy node, what the requests served meanwhile allocated would otherwise pass the threshold and stop every
    /// thread for a full collection that the round itself did not need.
    /// </summary>
    public const int OneOffDays = 31;

    /// <summary>Whether a rebuild of <paramref name="days"/> days ends with the one-off collection.</summary>
    public static bool IsOneOff(int days) => days > OneOffDays;

    private static readonly ApplicationStatus[] Permits = [ApplicationStatus.Approved, ApplicationStatus.Issued, ApplicationStatus.ReadyForPickup];

    /// <summary>The job's round: every closed day not kept yet (from the first record), and the last <c>RefreshDays</c> again.</summary>
    public async Task<RebuildResult> HandleAsync(CancellationToken ct)
    {
        var yesterday = time.Today.AddDays(-1);
        var lastKept = await db.InsightDays.MaxAsync(d => (DateOnly?)d.Day, ct);
        var from = lastKept is { } k ? Min(k.AddDays(1), yesterday.AddDays(1 - options.Value.RefreshDays)) : await FirstRecordDayAsync(ct);
        if (from is null) return new RebuildResult(null, null, 0, 0);
        return await RebuildAsync(from.Value, yesterday, ct);
    }

    /// <summary>Rebuilds the kept rows of the closed days in [from, to] (days from today on are left out).</summary>
    public async Task<Outcome<RebuildResult>> HandleAsync(DateOnly from, DateOnly to, Caller caller, CancellationToken ct)
    {
        if (!caller.IsManager) return Outcome<RebuildResult>.Forbidden();
        if (to < from) return Outcome<RebuildResult>.Invalid("to", Lang.T("Tanggal akhir sebelum tanggal awal.", "The end is before the start."));
        if (to.DayNumber - from.DayNumber >= options.Value.MaxRangeDays)
            return Outcome<RebuildResult>.Invalid("to", Lang.T($"Periode paling lama {options.Value.MaxRangeDays} hari.", $"The period may be at most {options.Value.MaxRangeDays} days."));
        return Outcome<RebuildResult>.Ok(await RebuildAsync(from, to, ct));
    }

    public async Task<RebuildResult> RebuildAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var last = Min(to, time.Today.AddDays(-1))!.Value;
        if (last < from) return new RebuildResult(from, to, 0, 0);
        var started = OneOffWork.Start();
        var context = await ContextAsync(ct);
        var rows = 0;
        // One calendar month (or the part of it in the period) at a time, and within it a few days at a time: their
        // records are read, their day rows built and kept, then the month's row is added up again from all its kept days.
        for (var start = from; start <= last; start = PeriodMonths.StartOfMonth(start).AddMonths(1))
        {
            var monthEnd = Min(PeriodMonths.EndOfMonth(start), last)!.Value;
            for (var first = start; first <= monthEnd; first = first.AddDays(BuildDays))
                rows += await KeepDaysAsync(first, Min(first.AddDays(BuildDays - 1), monthEnd)!.Value, context, ct);
            await KeepMonthAsync(PeriodMonths.StartOfMonth(start), ct);
        }
        // The survey index's population keeps per-day served counts of the same records.
        await Feedback.ServedCounts.RebuildAsync(db, time, from, last, ct);
        cache.Clear();
        surveyIndex.Forget();
        var days = last.DayNumber - from.DayNumber + 1;
        if (IsOneOff(days)) OneOffWork.Ended(started);
        return new RebuildResult(from, last, days, rows);
    }

    /// <summary>Replaces the kept rows of the days [first, last] (and their waits) by rows built from their records.</summary>
    private async Task<int> KeepDaysAsync(DateOnly first, DateOnly last, BuildContext context, CancellationToken ct)
    {
        var built = DayBuilder.Build(await RecordsAsync(first, last, closed: true, ct), context);
        var waits = InsightWait.Of(built).ToList();
        // Written with InsertRows, not the change tracker. Measured on PostgreSQL (docs/benchmarks/2026-12-02-rebuild-rows.md):
        // saved through SaveChangesAsync 500 rows at a time, the rebuild of the bench's three years allocated about
        // 250 MB/s for 93 s, two thirds of it in EF Core's update pipeline (a modification command, its column
        // modifications, parameters and SQL for each of ~800,000 day and wait rows), and took the mall from 222 to
        // 317 MB resident. The old rows go and the new ones come in one transaction: a reader finds either.
        await ReplaceAsync(db.InsightDays.Where(d => d.Day >= first && d.Day <= last), built,
            db.InsightWaits.Where(w => w.Day >= first && w.Day <= last), waits, ct);
        return built.Count;
    }

    /// <summary>Replaces the month rows of the month starting <paramref name="month"/> by the sums of its kept day rows
    /// (and its waits per minute by the sums of the kept day waits), added up by the database.</summary>
    private async Task KeepMonthAsync(DateOnly month, CancellationToken ct)
    {
        var end = month.AddMonths(1).AddDays(-1);
        var days = db.InsightDays.AsNoTracking().Where(d => d.Day >= month && d.Day <= end);
        var sums = await InsightSums.Of(days.GroupBy(d => new { d.AgencyId, d.SiteId, d.ServiceId, d.District })).ToListAsync(ct);
        var waits = await db.InsightWaits.AsNoTracking().Where(w => w.Day >= month && w.Day <= end)
            .GroupBy(w => new { w.AgencyId, w.SiteId, w.ServiceId, w.District, w.Minute })
            .Select(g => new InsightMonthWait
            {
                Day = month, AgencyId = g.Key.AgencyId, SiteId = g.Key.SiteId, ServiceId = g.Key.ServiceId, District = g.Key.District,
                Minute = g.Key.Minute, Count = g.Sum(w => w.Count),
            }).ToListAsync(ct);
        var rows = sums.Select(x => InsightMonth.Of(month, x.Key.AgencyId, x.Key.SiteId, x.Key.ServiceId, x.Key.District, x.Row)).ToList();
        await ReplaceAsync(db.InsightMonths.Where(m => m.Day == month), rows, db.InsightMonthWaits.Where(m => m.Day == month), waits, ct);
    }

    /// <summary>Deletes the kept rows and waits found by <paramref name="oldRows"/> and <paramref name="oldWaits"/> and
    /// writes <paramref name="rows"/> and <paramref name="waits"/> in their place, in one transaction.</summary>
    private async Task ReplaceAsync<TRow, TWait>(IQueryable<TRow> oldRows, List<TRow> rows, IQueryable<TWait> oldWaits, List<TWait> waits, CancellationToken ct)
        where TRow : class where TWait : class =>
        await DbRetry.RunAsync(db, async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            await oldRows.ExecuteDeleteAsync(c);
            await oldWaits.ExecuteDeleteAsync(c);
            await InsertRows.InsertAsync(db, rows, c);
            await InsertRows.InsertAsync(db, waits, c);
            await tx.CommitAsync(c);
            return true;
        }, ct);

    /// <summary>The rows of days not kept (today), built from the records as the rebuild would, without saving them.</summary>
    public async Task<List<InsightDay>> LiveAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        DayBuilder.Build(await RecordsAsync(from, to, closed: false, ct), await ContextAsync(ct));

    public async Task<BuildContext> ContextAsync(CancellationToken ct)
    {
        var snapshot = await catalog.GetAsync(ct);
        var services = snapshot.Services.ToDictionary(s => s.Id, s => new ServiceFacts(s.Agency.Id, s.Standard.CostRupiah == 0));
        var stops = await db.MobileStops.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var sites = (await db.QueueSites.AsNoTracking().Select(s => new { s.Id, s.Kind, s.MobileStopId }).ToListAsync(ct))
            .ToDictionary(s => s.Id, s => s.MobileStopId is { } stopId && stops.TryGetValue(stopId, out var stop)
                ? new SiteFacts(stop.DistrictCode, s.Kind == SiteKind.Mobile, stop.RoadDistanceKm, stop.TravelMinutes)
                : new SiteFacts("", s.Kind == SiteKind.Mobile, 0, 0));
        return new BuildContext(services, sites, outreach.Value.CostPerKmRupiah);
    }

    /// <summary>The records of the days [from, to] that the figures count (docs/insights.md names them). On a day
    /// still open a booking still active is not a no-show yet, so only a closed day counts them.</summary>
    public async Task<DayRecords> RecordsAsync(DateOnly from, DateOnly to, bool closed, CancellationToken ct)
    {
        var fromUtc = time.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var toUtc = time.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.Day >= from && t.Day <= to)
            .Select(t => new TicketRecord(t.SiteId, t.ServiceId, t.Day, t.Hop, t.Status, t.ArrivedUtc, t.CalledUtc, t.StartedUtc, t.FinishedUtc)).ToListAsync(ct);
        var bookingQuery = db.Bookings.AsNoTracking().Where(b => b.Day >= from && b.Day <= to && b.Status != BookingStatus.Cancelled);
        if (!closed) bookingQuery = bookingQuery.Where(b => b.Status == BookingStatus.CheckedIn);
        var bookings = await bookingQuery.Select(b => new BookingRecord(b.SiteId, b.ServiceId, b.Day, b.Status == BookingStatus.CheckedIn)).ToListAsync(ct);
        var decided = await db.Applications.AsNoTracking().Where(a => a.DecidedAtUtc != null && a.DecidedAtUtc >= fromUtc && a.DecidedAtUtc < toUtc)
            .Select(a => new { a.AgencyId, a.ServiceId, a.DecidedAtUtc, a.DueDate, a.CapturedByUserId, a.BundleId, a.Status }).ToListAsync(ct);
        var applications = decided.Select(a => new ApplicationRecord(a.AgencyId, a.ServiceId, DateOnly.FromDateTime(time.ToLocal(a.DecidedAtUtc!.Value)), a.DueDate,
            a.CapturedByUserId is null, a.BundleId is not null && Permits.Contains(a.Status))).ToList();
        var returned = await db.ApplicationEvents.AsNoTracking().Where(e => e.Action == ApplicationAction.Return && e.AtUtc >= fromUtc && e.AtUtc < toUtc)
            .Join(db.Applications, e => e.ApplicationId, a => a.Id, (e, a) => new { a.AgencyId, a.ServiceId, e.AtUtc }).ToListAsync(ct);
        var returns = returned.Select(r => new ReturnRecord(r.AgencyId, r.ServiceId, DateOnly.FromDateTime(time.ToLocal(r.AtUtc)))).ToList();
        var surveys = await db.SurveyResponses.AsNoTracking().Where(r => r.Day >= from && r.Day <= to)
            .Select(r => new { r.AgencyId, r.ServiceId, r.SiteId, r.Day, r.U1, r.U2, r.U3, r.U4, r.U5, r.U6, r.U7, r.U8, r.U9 }).ToListAsync(ct);
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.AnsweredOn != null && c.AnsweredOn >= from && c.AnsweredOn <= to)
            .Select(c => new ComplaintRecord(c.AgencyId, c.ServiceId, c.SiteId, c.AnsweredOn!.Value, c.AnswerDue)).ToListAsync(ct);
        var bundles = await db.LicensingBundles.AsNoTracking().Where(b => b.CreatedOn >= from && b.CreatedOn <= to)
            .Select(b => new BundleRecord(b.CreatedOn, b.DistrictCode, b.InvestmentRupiah ?? 0, b.Employees ?? 0)).ToListAsync(ct);
        return new DayRecords(tickets, bookings, applications, returns,
            surveys.Select(s => new SurveyRecord(s.AgencyId, s.ServiceId, s.SiteId, s.Day, [s.U1, s.U2, s.U3, s.U4, s.U5, s.U6, s.U7, s.U8, s.U9])).ToList(),
            complaints, bundles);
    }

    private async Task<DateOnly?> FirstRecordDayAsync(CancellationToken ct)
    {
        var days = new List<DateOnly?>
        {
            await db.Tickets.MinAsync(t => (DateOnly?)t.Day, ct),
            await db.Bookings.MinAsync(b => (DateOnly?)b.Day, ct),
            await db.SurveyResponses.MinAsync(r => (DateOnly?)r.Day, ct),
            await db.Complaints.MinAsync(c => c.AnsweredOn, ct),
            await db.LicensingBundles.MinAsync(b => (DateOnly?)b.CreatedOn, ct),
        };
        var decided = await db.Applications.MinAsync(a => a.DecidedAtUtc, ct);
        if (decided is { } d) days.Add(DateOnly.FromDateTime(time.ToLocal(d)));
        var returned = await db.ApplicationEvents.Where(e => e.Action == ApplicationAction.Return).MinAsync(e => (DateTime?)e.AtUtc, ct);
        if (returned is { } r) days.Add(DateOnly.FromDateTime(time.ToLocal(r)));
        return days.Where(x => x is not null).Min();
    }

    private static DateOnly? Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>Keeps the closed days' figures every <c>Insights:RefreshMinutes</c>.</summary>
public sealed class InsightsJob(IServiceScopeFactory scopes, IOptions<InsightsOptions> options, ILogger<InsightsJob> log) : PeriodicJob(scopes, log)
{
    protected override TimeSpan? Every => options.Value.RefreshMinutes > 0 ? TimeSpan.FromMinutes(options.Value.RefreshMinutes) : null;
    protected override string What => "Insights rebuild";

    protected override async Task RoundAsync(CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<KeepInsights>().HandleAsync(ct);
        if (run.Days > 0 && log.IsEnabled(LogLevel.Information))
            log.LogInformation("Insights: {Days} closed days kept ({Rows} rows).", run.Days, run.Rows);
    }
}
