using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// The survey index's population: the people a unit served in a period, i.e. finished tickets (by the ticket's day and
/// site) plus applications whose result was issued (by the local day of issue, and the site where an officer took the
/// application; online applications have no site).
/// Closed days (before today) are read from <see cref="ServedDayCount"/>: a closed day's finished tickets and issued
/// results no longer change, so its rows are written once, the first time a period asks for a day not yet marked in
/// <see cref="ServedDay"/>. A period's whole closed months are read from <see cref="ServedMonthCount"/>, the sums of
/// their day rows, written once every day of the month is kept and marked in <see cref="ServedMonth"/>; only the days
/// at the period's edges are read per day, and a long partial closed month at an edge is its month's rows less the
/// day rows of its days outside the period (<see cref="PeriodMonths.Plan"/>). Today is counted from its own records on
/// every request (with one day the index (Day, Status) is searched by equality on both: with a range of days SQLite
/// scanned every ticket of the day, 27 ms with the 70,000 tickets of a bench run); a later day has no records yet. Records written straight into closed days (the demo history, a restore, generated
/// data) are counted after <see cref="RebuildAsync"/> (the Insights rebuild runs it, and its daily round for the last
/// days). Two requests writing the same day or month insert the same rows in the same order with
/// <c>ON CONFLICT DO NOTHING</c>: the second adds nothing and fails on nothing.
/// </summary>
public static class ServedCounts
{
    private const int RowsPerInsert = 400;

    private static readonly ApplicationStatus[] Completed = [ApplicationStatus.Issued, ApplicationStatus.ReadyForPickup];

    /// <summary>One key's served count, as kept and as counted live.</summary>
    public sealed record Row(DateOnly Day, Guid ServiceId, Guid AgencyId, Guid SiteKey, long Tickets, long Applications);

    /// <summary>The population of the unit and period of <paramref name="f"/>.</summary>
    public static async Task<long> PopulationAsync(SatuAtapDb db, MallTime time, IndexFilter f, CancellationToken ct)
    {
        var today = time.Today;
        var lastClosed = f.To < today ? f.To : today.AddDays(-1);
        long served = 0;
        if (f.From <= lastClosed)
        {
            // Month rows are written for closed months only: a partial month is read from its row only when it is closed.
            var plan = PeriodMonths.Plan(f.From, lastClosed, PeriodMonths.StartOfMonth(today).AddMonths(-1));
            foreach (var range in plan.DaysRead) await FillAsync(db, time, range.From, range.To, ct);
            if (plan.HasMonths)
            {
                DateOnly first = plan.FirstMonth!.Value, last = plan.LastMonth!.Value;
                await FillMonthsAsync(db, time, first, last, ct);
                var months = db.ServedMonthCounts.AsNoTracking().Where(c => c.Month >= first && c.Month <= last);
                if (f.ServiceId is { } s) months = months.Where(c => c.ServiceId == s);
                if (f.AgencyId is { } a) months = months.Where(c => c.AgencyId == a);
                if (f.SiteId is { } site) months = months.Where(c => c.SiteKey == site);
                served += await months.GroupBy(c => 1).Select(g => g.Sum(c => c.Tickets + c.Applications)).FirstOrDefaultAsync(ct);
            }
            if (plan.DaysRead.Count > 0)
            {
                // One query for the (at most two) day ranges: days inside the period added, days outside it subtracted
                // from their month's row.
                DateOnly from = f.From, aFrom = plan.DaysRead[0].From, aTo = plan.DaysRead[0].To, bFrom = plan.DaysRead[^1].From, bTo = plan.DaysRead[^1].To;
                var days = Filter(db.ServedDayCounts.AsNoTracking().Where(c => (c.Day >= aFrom && c.Day <= aTo) || (c.Day >= bFrom && c.Day <= bTo)), f);
                served += await days.GroupBy(c => 1).Select(g => g.Sum(c => c.Day >= from && c.Day <= lastClosed
                    ? c.Tickets + c.Applications : -(c.Tickets + c.Applications))).FirstOrDefaultAsync(ct);
            }
        }
        // Today is counted from its records. A later day has none yet (a ticket is finished and a result issued only on
        // the day they happen), so only today is read, with the index's equality on the day rather than a range.
        if (f.From <= today && today <= f.To)
            foreach (var r in await ReadAsync(db, time, today, today, ct))
                if ((f.ServiceId is null || r.ServiceId == f.ServiceId) && (f.AgencyId is null || r.AgencyId == f.AgencyId)
                    && (f.SiteId is null || r.SiteKey == f.SiteId))
                    served += r.Tickets + r.Applications;
        return served;
    }

    private static IQueryable<ServedDayCount> Filter(IQueryable<ServedDayCount> q, IndexFilter f)
    {
        if (f.ServiceId is { } s) q = q.Where(c => c.ServiceId == s);
        if (f.AgencyId is { } a) q = q.Where(c => c.AgencyId == a);
        if (f.SiteId is { } site) q = q.Where(c => c.SiteKey == site);
        return q;
    }

    /// <summary>
    /// Writes the rows of the closed months from <paramref name="first"/> to <paramref name="last"/> (first days) not
    /// marked yet: their days are kept first (<see cref="FillAsync"/>), then each month's rows are summed from them.
    /// </summary>
    public static async Task FillMonthsAsync(SatuAtapDb db, MallTime time, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var kept = (await db.ServedMonths.AsNoTracking().Where(m => m.Month >= first && m.Month <= last).Select(m => m.Month).ToListAsync(ct)).ToHashSet();
        var missing = PeriodMonths.Months(first, last).Where(m => !kept.Contains(m)).ToList();
        if (missing.Count == 0) return;
        await FillAsync(db, time, missing[0], PeriodMonths.EndOfMonth(missing[^1]), ct);
        await DbRetry.RunAsync(db, async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            foreach (var month in missing) await WriteMonthAsync(db, month, c);
            await tx.CommitAsync(c);
            return true;
        }, ct);
    }

    /// <summary>Inserts a month's rows as the sums of its kept day rows, in key order, then marks the month; what is there already is left as it is.</summary>
    private static async Task WriteMonthAsync(SatuAtapDb db, DateOnly month, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "ServedMonthCounts" ("Month", "ServiceId", "AgencyId", "SiteKey", "Tickets", "Applications")
            SELECT {0}, "ServiceId", "AgencyId", "SiteKey", SUM("Tickets"), SUM("Applications")
            FROM "ServedDayCounts"
            WHERE "Day" >= {0} AND "Day" <= {1}
            GROUP BY "ServiceId", "AgencyId", "SiteKey"
            ORDER BY "ServiceId", "AgencyId", "SiteKey"
            ON CONFLICT ("Month", "ServiceId", "AgencyId", "SiteKey") DO NOTHING
            """, [month, PeriodMonths.EndOfMonth(month)], ct);
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO "ServedMonths" ("Month") VALUES ({0}) ON CONFLICT ("Month") DO NOTHING""", [month], ct);
    }

    /// <summary>Writes the rows of the closed days in [from, to] not marked yet (from their records).</summary>
    public static async Task FillAsync(SatuAtapDb db, MallTime time, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var kept = (await db.ServedDays.AsNoTracking().Where(d => d.Day >= from && d.Day <= to).Select(d => d.Day).ToListAsync(ct)).ToHashSet();
        if (kept.Count == to.DayNumber - from.DayNumber + 1) return;
        var missing = Days(from, to).Where(d => !kept.Contains(d)).ToList();
        var rows = (await ReadAsync(db, time, missing[0], missing[^1], ct)).Where(r => !kept.Contains(r.Day)).ToList();
        await DbRetry.RunAsync(db, async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            await InsertAsync(db, rows, missing, c);
            await tx.CommitAsync(c);
            return true;
        }, ct);
    }

    /// <summary>
    /// Writes anew the rows of the closed days in [from, to] (days from today on are left out), from their records, and
    /// the rows of the closed months that hold any of those days (their other days are kept first if they were not).
    /// One month at a time, each in its own transaction: the rows of the bench's three generated years read at once
    /// were held together until the last was written (docs/benchmarks/2026-12-02-threads-and-rebuild.md). A reader between
    /// two months finds every day either with its old rows or its new ones, and a month without its row sums it again.
    /// </summary>
    public static async Task RebuildAsync(SatuAtapDb db, MallTime time, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var yesterday = time.Today.AddDays(-1);
        var last = to < yesterday ? to : yesterday;
        if (last < from) return;
        for (var start = from; start <= last; start = PeriodMonths.StartOfMonth(start).AddMonths(1))
        {
            var month = PeriodMonths.StartOfMonth(start);
            var end = PeriodMonths.EndOfMonth(start) < last ? PeriodMonths.EndOfMonth(start) : last;
            var rows = await ReadAsync(db, time, start, end, ct);
            await DbRetry.RunAsync(db, async c =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(c);
                await db.ServedDayCounts.Where(r => r.Day >= start && r.Day <= end).ExecuteDeleteAsync(c);
                await db.ServedDays.Where(d => d.Day >= start && d.Day <= end).ExecuteDeleteAsync(c);
                await db.ServedMonthCounts.Where(r => r.Month == month).ExecuteDeleteAsync(c);
                await db.ServedMonths.Where(m => m.Month == month).ExecuteDeleteAsync(c);
                await InsertAsync(db, rows, Days(start, end).ToList(), c);
                await tx.CommitAsync(c);
                return true;
            }, ct);
        }
        // A month is closed when its last day is.
        DateOnly firstMonth = PeriodMonths.StartOfMonth(from), lastMonth = PeriodMonths.StartOfMonth(last);
        var lastClosedMonth = PeriodMonths.EndOfMonth(lastMonth) <= yesterday ? lastMonth : lastMonth.AddMonths(-1);
        if (firstMonth <= lastClosedMonth) await FillMonthsAsync(db, time, firstMonth, lastClosedMonth, ct);
    }

    /// <summary>Forgets every kept row; the days and months are written again from their records when asked.</summary>
    public static async Task ResetAsync(SatuAtapDb db, CancellationToken ct)
    {
        await db.ServedMonthCounts.ExecuteDeleteAsync(ct);
        await db.ServedMonths.ExecuteDeleteAsync(ct);
        await db.ServedDayCounts.ExecuteDeleteAsync(ct);
        await db.ServedDays.ExecuteDeleteAsync(ct);
    }

    /// <summary>The served counts per day, service, agency and site of [first, last], from the records.</summary>
    public static async Task<List<Row>> ReadAsync(SatuAtapDb db, MallTime time, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var done = db.Tickets.AsNoTracking().Where(t => t.Status == TicketStatus.Done);
        done = first == last ? done.Where(t => t.Day == first) : done.Where(t => t.Day >= first && t.Day <= last);
        var tickets = await (from t in done
                             join s in db.Services on t.ServiceId equals s.Id
                             group t by new { t.Day, t.ServiceId, s.AgencyId, t.SiteId } into g
                             select new { g.Key.Day, g.Key.ServiceId, g.Key.AgencyId, g.Key.SiteId, N = g.LongCount() }).ToListAsync(ct);
        var rows = tickets.Select(t => new Row(t.Day, t.ServiceId, t.AgencyId, t.SiteId, t.N, 0)).ToList();

        // Issued results by the local day of issue (the zone's day is computed here, not in SQL) and the application's site.
        var fromUtc = time.ToUtc(first.ToDateTime(TimeOnly.MinValue));
        var toUtc = time.ToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var issued = new Dictionary<(DateOnly Day, Guid ServiceId, Guid AgencyId, Guid SiteKey), long>();
        await foreach (var x in (from r in db.IssuedResults.AsNoTracking()
                                 join a in db.Applications on r.ApplicationId equals a.Id
                                 where Completed.Contains(a.Status) && r.IssuedAtUtc >= fromUtc && r.IssuedAtUtc < toUtc
                                 select new { a.ServiceId, a.AgencyId, a.SiteId, r.IssuedAtUtc }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = (DateOnly.FromDateTime(time.ToLocal(x.IssuedAtUtc)), x.ServiceId, x.AgencyId, x.SiteId ?? Guid.Empty);
            issued[key] = issued.GetValueOrDefault(key) + 1;
        }
        // An application taken at a site shares its key with that day's tickets of the service there: one row holds both.
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (issued.Remove((r.Day, r.ServiceId, r.AgencyId, r.SiteKey), out var applications)) rows[i] = r with { Applications = applications };
        }
        rows.AddRange(issued.Select(i => new Row(i.Key.Day, i.Key.ServiceId, i.Key.AgencyId, i.Key.SiteKey, 0, i.Value)));
        return rows;
    }

    /// <summary>
    /// Inserts the rows, then marks the days, in key order (so that two writers of the same days wait on each other
    /// instead of deadlocking); a row or day already there is left as it is.
    /// </summary>
    private static async Task InsertAsync(SatuAtapDb db, List<Row> rows, List<DateOnly> days, CancellationToken ct)
    {
        var ordered = rows.OrderBy(r => r.Day).ThenBy(r => r.ServiceId).ThenBy(r => r.AgencyId).ThenBy(r => r.SiteKey).ToList();
        foreach (var chunk in ordered.Chunk(RowsPerInsert))
        {
            var sql = new StringBuilder("""INSERT INTO "ServedDayCounts" ("Day", "ServiceId", "AgencyId", "SiteKey", "Tickets", "Applications") VALUES """);
            var values = new List<object>(chunk.Length * 6);
            foreach (var r in chunk)
            {
                if (values.Count > 0) sql.Append(", ");
                var i = values.Count;
                sql.Append(CultureInfo.InvariantCulture, $"({{{i}}}, {{{i + 1}}}, {{{i + 2}}}, {{{i + 3}}}, {{{i + 4}}}, {{{i + 5}}})");
                values.AddRange([r.Day, r.ServiceId, r.AgencyId, r.SiteKey, r.Tickets, r.Applications]);
            }
            sql.Append(""" ON CONFLICT ("Day", "ServiceId", "AgencyId", "SiteKey") DO NOTHING""");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
        }
        foreach (var chunk in days.Order().Chunk(RowsPerInsert))
        {
            var sql = new StringBuilder("""INSERT INTO "ServedDays" ("Day") VALUES """);
            sql.AppendJoin(", ", chunk.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"({{{i}}})")));
            sql.Append(""" ON CONFLICT ("Day") DO NOTHING""");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), chunk.Cast<object>(), ct);
        }
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }
}
