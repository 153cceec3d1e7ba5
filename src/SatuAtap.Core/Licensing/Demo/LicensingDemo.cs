using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Licensing.Demo;

/// <summary>
/// The demo activity table (<c>activities-demo.csv</c>: common micro-business activities with KBLI 2020 codes and
/// titles, risks and permits written for the demo, not an official table), seeded, marked as demo, when the mall has
/// no table yet. It goes through the same checks as a manager's import.
/// </summary>
public static class LicensingDemo
{
    public static async Task<bool> SeedAsync(SatuAtapDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.LicensingTables.AnyAsync(ct)) return false;
        using var reader = OpenTable();
        var parsed = ActivityCsv.Parse(reader);
        if (!parsed.Ok) throw new InvalidOperationException("The demo activity table is invalid: " + string.Join(" ", parsed.Errors.Select(e => e.Message)));
        await ImportActivityTable.ReplaceAsync(db, parsed.Rows, demo: true, "Demo", clock.GetUtcNow().UtcDateTime, ct);
        return true;
    }

    /// <summary>The demo table as shipped.</summary>
    public static StreamReader OpenTable()
    {
        var assembly = typeof(LicensingDemo).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".activities-demo.csv", StringComparison.Ordinal));
        return new StreamReader(assembly.GetManifestResourceStream(name)!);
    }
}
