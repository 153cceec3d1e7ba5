using System.Text.Json;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>
/// The runtime settings the mall is built with (its runtimeconfig.json), each measured on the mall's small server
/// (docs/benchmarks.md): Workstation GC, concurrent, and a gen0 budget capped instead of sized from the largest CPU
/// cache the runtime sees (on a small virtual server of a large host that is the host's whole L3, and the heap then
/// commits several times what it holds); a GC that conserves memory at its highest setting (gen2 collected before it
/// grows much past what is alive in it, and compacted when it is fragmented); and no dynamic PGO.
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static JsonElement RuntimeProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "SatuAtap.Web.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void TheMall_RunsWorkstationConcurrentGc_WithTheGen0BudgetCapped()
    {
        var properties = RuntimeProperties();
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.True(properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget), "System.GC.Gen0MaxBudget is not set.");
        Assert.InRange(budget.GetInt64(), 4L << 20, 16L << 20);
    }

    [Fact]
    public void TheMall_RunsAGcThatConservesMemory()
    {
        Assert.True(RuntimeProperties().TryGetProperty("System.GC.ConserveMemory", out var setting), "System.GC.ConserveMemory is not set.");
        Assert.Equal(9, setting.GetInt32());
    }

    [Fact]
    public void TheMall_CompilesWithoutDynamicPgo() =>
        Assert.False(RuntimeProperties().GetProperty("System.Runtime.TieredPGO").GetBoolean());
}
