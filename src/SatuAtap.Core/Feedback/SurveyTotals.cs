using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// Keeps <see cref="SurveyDayTotal"/>: <see cref="AddAsync"/> adds one response to its day's row with a single upsert
/// (<c>INSERT … ON CONFLICT DO UPDATE</c>, the same statement on SQLite and PostgreSQL), so responses saved at the same
/// moment never lose each other's counts; the caller runs it in the transaction that saves the response.
/// <see cref="RebuildAsync"/> recomputes the whole table from the responses (after responses were written another way,
/// for example the demo history).
/// </summary>
public static class SurveyTotals
{
    public static Task AddAsync(SatuAtapDb db, SurveyResponse r, CancellationToken ct)
    {
        var siteKey = r.SiteId ?? Guid.Empty;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "SurveyDayTotals" ("Day", "ServiceId", "AgencyId", "SiteKey", "Respondents", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9")
            VALUES ({r.Day}, {r.ServiceId}, {r.AgencyId}, {siteKey}, 1, {(long)r.U1}, {(long)r.U2}, {(long)r.U3}, {(long)r.U4}, {(long)r.U5},
                    {(long)r.U6}, {(long)r.U7}, {(long)r.U8}, {(long)r.U9})
            ON CONFLICT ("Day", "ServiceId", "AgencyId", "SiteKey") DO UPDATE SET
                "Respondents" = "SurveyDayTotals"."Respondents" + 1,
                "S1" = "SurveyDayTotals"."S1" + excluded."S1", "S2" = "SurveyDayTotals"."S2" + excluded."S2",
                "S3" = "SurveyDayTotals"."S3" + excluded."S3", "S4" = "SurveyDayTotals"."S4" + excluded."S4",
                "S5" = "SurveyDayTotals"."S5" + excluded."S5", "S6" = "SurveyDayTotals"."S6" + excluded."S6",
                "S7" = "SurveyDayTotals"."S7" + excluded."S7", "S8" = "SurveyDayTotals"."S8" + excluded."S8",
                "S9" = "SurveyDayTotals"."S9" + excluded."S9"
            """, ct);
    }

    /// <summary>
    /// Builds the totals when there are responses but no totals yet: a database upgraded to the totals, or responses
    /// seeded as demo history. Run at start; true when it built them.
    /// </summary>
    public static async Task<bool> EnsureAsync(SatuAtapDb db, CancellationToken ct)
    {
        if (await db.SurveyDayTotals.AnyAsync(ct) || !await db.SurveyResponses.AnyAsync(ct)) return false;
        await RebuildAsync(db, ct);
        return true;
    }

    /// <summary>Replaces every total with the sums of the responses, in one transaction.</summary>
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
        await tx.CommitAsync(ct);
    }
}
