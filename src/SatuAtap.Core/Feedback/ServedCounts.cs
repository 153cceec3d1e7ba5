using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// The survey index's population: the people a unit served in a period, i.e. finished tickets (by the ticket's day)
/// plus applications whose result was issued (by the local day of issue; none for a site alone).
/// Closed days (before today) are read from <see cref="ServedDayCount"/>: a closed day's finished tickets and issued
/// results no longer change, so its rows are written once, the first time a period asks for a day not yet marked in
/// <see cref="ServedDay"/>. Today (and any later day) is counted from its own records on every request. Records written
/// straight into closed days (the demo history, a restore, generated data) are counted after <see cref="RebuildAsync"/>
/// (the Insights rebuild runs it) or a restart (<see cref="ResetAsync"/>). Two requests writing the same day insert the
/// same rows in the same order with <c>ON CONFLICT DO NOTHING</c>: the second adds nothing and fails on nothing.
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
        long tickets = 0, applications = 0;
        if (f.From <= lastClosed)
        {
            await FillAsync(db, time, f.From, lastClosed, ct);
            var q = db.ServedDayCounts.AsNoTracking().Where(c => c.Day >= f.From && c.Day <= lastClosed);
            if (f.ServiceId is { } s) q = q.Where(c => c.ServiceId == s);
            if (f.AgencyId is { } a) q = q.Where(c => c.AgencyId == a);
            if (f.SiteId is { } site) q = q.Where(c => c.SiteKey == site);
            var sums = await q.GroupBy(c => 1).Select(g => new { T = g.Sum(c => c.Tickets), A = g.Sum(c => c.Applications) }).FirstOrDefaultAsync(ct);
            tickets += sums?.T ?? 0;
            applications += sums?.A ?? 0;
        }
        var liveFrom = f.From > today ? f.From : today;
        if (liveFrom <= f.To)
            foreach (var r in await ReadAsync(db, time, liveFrom, f.To, ct))
                if ((f.ServiceId is null || r.ServiceId == f.ServiceId) && (f.AgencyId is null || r.AgencyId == f.AgencyId)
                    && (f.SiteId is null || r.SiteKey == f.SiteId))
                {
                    tickets += r.Tickets;
                    applications += r.Applications;
                }
        // Applications are not served at a site: a site's population is its tickets.
        return tickets + (f.SiteId is null ? applications : 0);
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

    /// <summary>Writes anew the rows of the closed days in [from, to] (days from today on are left out), from their records.</summary>
    public static async Task RebuildAsync(SatuAtapDb db, MallTime time, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var yesterday = time.Today.AddDays(-1);
        var last = to < yesterday ? to : yesterday;
        if (last < from) return;
        var rows = await ReadAsync(db, time, from, last, ct);
        await DbRetry.RunAsync(db, async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            await db.ServedDayCounts.Where(r => r.Day >= from && r.Day <= last).ExecuteDeleteAsync(c);
            await db.ServedDays.Where(d => d.Day >= from && d.Day <= last).ExecuteDeleteAsync(c);
            await InsertAsync(db, rows, Days(from, last).ToList(), c);
            await tx.CommitAsync(c);
            return true;
        }, ct);
    }

    /// <summary>Forgets every kept row (run at start, so records written while the mall was stopped are counted); the days are written again when asked.</summary>
    public static async Task ResetAsync(SatuAtapDb db, CancellationToken ct)
    {
        await db.ServedDayCounts.ExecuteDeleteAsync(ct);
        await db.ServedDays.ExecuteDeleteAsync(ct);
    }

    /// <summary>The served counts per day, service, agency and site of [first, last], from the records.</summary>
    public static async Task<List<Row>> ReadAsync(SatuAtapDb db, MallTime time, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var tickets = await (from t in db.Tickets.AsNoTracking()
                             join s in db.Services on t.ServiceId equals s.Id
                             where t.Status == TicketStatus.Done && t.Day >= first && t.Day <= last
                             group t by new { t.Day, t.ServiceId, s.AgencyId, t.SiteId } into g
                             select new { g.Key.Day, g.Key.ServiceId, g.Key.AgencyId, g.Key.SiteId, N = g.LongCount() }).ToListAsync(ct);
        var rows = tickets.Select(t => new Row(t.Day, t.ServiceId, t.AgencyId, t.SiteId, t.N, 0)).ToList();

        // Issued results by the local day of issue (the zone's day is computed here, not in SQL).
        var fromUtc = time.ToUtc(first.ToDateTime(TimeOnly.MinValue));
        var toUtc = time.ToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var issued = new Dictionary<(DateOnly, Guid, Guid), long>();
        await foreach (var x in (from r in db.IssuedResults.AsNoTracking()
                                 join a in db.Applications on r.ApplicationId equals a.Id
                                 where Completed.Contains(a.Status) && r.IssuedAtUtc >= fromUtc && r.IssuedAtUtc < toUtc
                                 select new { a.ServiceId, a.AgencyId, r.IssuedAtUtc }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = (DateOnly.FromDateTime(time.ToLocal(x.IssuedAtUtc)), x.ServiceId, x.AgencyId);
            issued[key] = issued.GetValueOrDefault(key) + 1;
        }
        rows.AddRange(issued.Select(i => new Row(i.Key.Item1, i.Key.Item2, i.Key.Item3, Guid.Empty, 0, i.Value)));
        // A ticket's site is never Guid.Empty, so a ticket row and an application row never share a key.
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
