using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Licensing;

public sealed record TableImported(int Activities, string Source, DateOnly SourceDate, bool Demo, string TableVersion);

/// <summary>
/// Replaces the activity table with a CSV (<see cref="ActivityCsv"/>), as a whole: a file with any bad line is refused
/// with every bad line listed, and the table in force stays as it was. Managers only.
/// </summary>
public sealed class ImportActivityTable(SatuAtapDb db, ActivityTableCache cache, MallTime time)
{
    public async Task<Outcome<TableImported>> HandleAsync(TextReader csv, Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsManager) return Outcome<TableImported>.Forbidden();
        var parsed = ActivityCsv.Parse(csv);
        if (!parsed.Ok)
            return new Outcome<TableImported>(OutcomeKind.Unprocessable,
                Message: Lang.T($"Tabel ditolak: {parsed.Errors.Count} baris bermasalah. Tabel yang berlaku tidak berubah.",
                    $"The table is refused: {parsed.Errors.Count} bad lines. The table in force is unchanged."),
                Errors: parsed.Errors.GroupBy(e => e.Line).ToDictionary(g => $"line {g.Key}", g => g.Select(e => e.Message).ToArray()));
        var table = await ReplaceAsync(db, parsed.Rows, demo: false, caller.Name, time.UtcNow, ct);
        cache.Invalidate();
        return Outcome<TableImported>.Ok(new TableImported(table.ActivityCount, table.Source, table.SourceDate, table.IsDemo, table.Version));
    }

    /// <summary>Writes the rows as the table in force, in one transaction.</summary>
    internal static async Task<LicensingTable> ReplaceAsync(SatuAtapDb db, IReadOnlyList<ActivityDefinition> rows, bool demo, string by, DateTime nowUtc, CancellationToken ct)
    {
        var table = new LicensingTable
        {
            Source = Truncate(string.Join("; ", rows.Select(r => r.Source).Distinct()), 400),
            SourceDate = rows.Max(r => r.SourceDate), IsDemo = demo, ActivityCount = rows.Count,
            ImportedAtUtc = nowUtc, ImportedByName = Truncate(by, 200),
        };
        await DbRetry.RunAsync(db, async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            await db.LicensingActivities.ExecuteDeleteAsync(c);
            await db.LicensingTables.ExecuteDeleteAsync(c);
            db.LicensingTables.Add(table);
            await db.SaveChangesAsync(c);
            // The activities (1,800 in the bench's table) past the change tracker, which held an entry, a snapshot and a
            // modification command for each until the save ended: through it an import lifted the mall's anonymous
            // memory by 21-31 MB within a second on PostgreSQL, written here by 6-9 MB (docs/benchmarks/2026-12-03-midday.md).
            await InsertRows.InsertAsync(db, rows.Select(LicensingActivity.From).ToList(), c);
            await tx.CommitAsync(c);
            return true;
        }, ct);
        db.ChangeTracker.Clear();
        return table;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
