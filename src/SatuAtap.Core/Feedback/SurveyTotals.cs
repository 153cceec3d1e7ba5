using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// Keeps <see cref="SurveyDayTotal"/> and <see cref="SurveyMonthTotal"/>: <see cref="AddAsync"/> adds one response to
/// its day's row and to its month's row, each with a single upsert (<c>INSERT … ON CONFLICT DO UPDATE</c>, the same
/// statement on SQLite and PostgreSQL), so responses saved at the same moment never lose each other's counts; the
/// caller runs it in the transaction that saves the response. <see cref="RebuildAsync"/> recomputes both tables from
/// the responses (after responses were written another way, for example the demo history).
/// </summary>
public static class SurveyTotals
{
    public static async Task AddAsync(SatuAtapDb db, SurveyResponse r, CancellationToken ct)
    {
        object[] sums = [r.ServiceId, r.AgencyId, r.SiteId ?? Guid.Empty, (long)r.U1, (long)r.U2, (long)r.U3, (long)r.U4, (long)r.U5,
            (long)r.U6, (long)r.U7, (long)r.U8, (long)r.U9];
        await db.Database.ExecuteSqlRawAsync(DayUpsert, [r.Day, .. sums], ct);
        await db.Database.ExecuteSqlRawAsync(MonthUpsert, [PeriodMonths.StartOfMonth(r.Day), .. sums], ct);
    }

    private const string Upsert = """
        INSERT INTO "#table" ("#period", "ServiceId", "AgencyId", "SiteKey", "Respondents", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9")
        VALUES ({0}, {1}, {2}, {3}, 1, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12})
        ON CONFLICT ("#period", "ServiceId", "AgencyId", "SiteKey") DO UPDATE SET
            "Respondents" = "#table"."Respondents" + 1,
            "S1" = "#table"."S1" + excluded."S1", "S2" = "#table"."S2" + excluded."S2",
            "S3" = "#table"."S3" + excluded."S3", "S4" = "#table"."S4" + excluded."S4",
            "S5" = "#table"."S5" + excluded."S5", "S6" = "#table"."S6" + excluded."S6",
            "S7" = "#table"."S7" + excluded."S7", "S8" = "#table"."S8" + excluded."S8",
            "S9" = "#table"."S9" + excluded."S9"
        """;

    private static readonly string DayUpsert = Upsert.Replace("#table", "SurveyDayTotals", StringComparison.Ordinal).Replace("#period", "Day", StringComparison.Ordinal);
    private static readonly string MonthUpsert = Upsert.Replace("#table", "SurveyMonthTotals", StringComparison.Ordinal).Replace("#period", "Month", StringComparison.Ordinal);

    /// <summary>
    /// Builds the totals when there are responses but no totals yet (a database upgraded to the totals, or responses
    /// seeded as demo history), and the month rows when there are day rows but no month rows yet (a database upgraded
    /// to the month rows). Run at start; true when it built something.
    /// </summary>
    public static async Task<bool> EnsureAsync(SatuAtapDb db, CancellationToken ct)
    {
        if (!await db.SurveyDayTotals.AnyAsync(ct))
        {
            if (!await db.SurveyResponses.AnyAsync(ct)) return false;
            await RebuildAsync(db, ct);
            return true;
        }
        if (await db.SurveyMonthTotals.AnyAsync(ct)) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await RebuildMonthsAsync(db, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Replaces every day and month total with the sums of the responses, in one transaction.</summary>
    public static async Task RebuildAsync(SatuAtapDb db, CancellationToken ct)
    {
        var none = Guid.Empty;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "SurveyDayTotals" """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "SurveyDayTotals" ("Day", "ServiceId", "AgencyId", "SiteKey", "Respondents", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9")
            SELECT "Day", "ServiceId", "AgencyId", COALESCE("SiteId", {none}), COUNT(*), SUM("U1"), SUM("U2"), SUM("U3"), SUM("U4"), SUM("U5"),
                   SUM("U6"), SUM("U7"), SUM("U8"), SUM("U9")
            FROM "SurveyResponses"
            GROUP BY 1, 2, 3, 4
            """, ct);
        await RebuildMonthsAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Replaces every month total with the sums of the day totals (in the caller's transaction).</summary>
    private static async Task RebuildMonthsAsync(SatuAtapDb db, CancellationToken ct)
    {
        await db.SurveyMonthTotals.ExecuteDeleteAsync(ct);
        // Year and month are read in SQL by both providers; the month's first day is put together here.
        var months = await db.SurveyDayTotals.AsNoTracking()
            .GroupBy(t => new { t.Day.Year, t.Day.Month, t.ServiceId, t.AgencyId, t.SiteKey })
            .Select(g => new
            {
                g.Key.Year, g.Key.Month, g.Key.ServiceId, g.Key.AgencyId, g.Key.SiteKey, N = g.Sum(t => t.Respondents),
                S1 = g.Sum(t => t.S1), S2 = g.Sum(t => t.S2), S3 = g.Sum(t => t.S3),
                S4 = g.Sum(t => t.S4), S5 = g.Sum(t => t.S5), S6 = g.Sum(t => t.S6),
                S7 = g.Sum(t => t.S7), S8 = g.Sum(t => t.S8), S9 = g.Sum(t => t.S9),
            }).ToListAsync(ct);
        foreach (var chunk in months.Chunk(2_000))
        {
            db.SurveyMonthTotals.AddRange(chunk.Select(m => new SurveyMonthTotal
            {
                Month = new DateOnly(m.Year, m.Month, 1), ServiceId = m.ServiceId, AgencyId = m.AgencyId, SiteKey = m.SiteKey, Respondents = m.N,
                S1 = m.S1, S2 = m.S2, S3 = m.S3, S4 = m.S4, S5 = m.S5, S6 = m.S6, S7 = m.S7, S8 = m.S8, S9 = m.S9,
            }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
