namespace SatuAtap.Core.Tests.Architecture;

/// <summary>
/// The modules of SatuAtap.Core (one namespace each: SatuAtap.Core.Catalog, …) use each other in one direction only.
/// The compiled assembly is read, so every type a module's code names counts: a using line, a fully-qualified name
/// (<c>Applications.StepView</c>), a generic argument, a call, a field, a base type, a lambda's or an async method's
/// generated class.
/// </summary>
public sealed class ModuleDependencyTests
{
    private const string Root = "SatuAtap.Core";

    /// <summary>Uses that go both ways and are known to: none. Nothing may be added here.</summary>
    private static readonly (string From, string To)[] Tolerated = [];

    private static string? ModuleOf(string ns) =>
        ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;

    private static readonly Lazy<Dictionary<(string From, string To), SortedSet<string>>> Uses =
        new(() => AssemblyUses.Read(typeof(SatuAtap.Core.Common.Lang).Assembly.Location, ModuleOf));

    [Fact]
    public void The_reader_sees_the_uses_it_must_see()
    {
        // The queue books slots of catalog services; Data maps the queue's entities.
        Assert.Contains(("Queue", "Catalog"), Uses.Value.Keys);
        Assert.Contains(("Data", "Queue"), Uses.Value.Keys);
    }

    [Fact]
    public void Every_module_uses_only_the_modules_it_may()
    {
        var wrong = Uses.Value
            .Where(u => u.Key.From != "Data" && !ModuleTable.Kernel.Contains(u.Key.To)
                        && !(ModuleTable.Allowed.TryGetValue(u.Key.From, out var may) && may.Contains(u.Key.To)))
            .Select(u => $"{u.Key.From} -> {u.Key.To}: {string.Join(", ", u.Value.Take(5))}")
            .ToList();
        Assert.True(wrong.Count == 0, "Uses the dependency table does not allow:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void No_module_uses_a_module_that_uses_it_back()
    {
        var graph = Uses.Value.Keys
            .Where(k => k.From != "Data" && !ModuleTable.Kernel.Contains(k.To) && !Tolerated.Contains(k))
            .GroupBy(k => k.From)
            .ToDictionary(g => g.Key, g => g.Select(k => k.To).ToList());
        var cycles = new List<string>();
        foreach (var start in graph.Keys)
        {
            var path = new List<string> { start };
            Walk(start);

            void Walk(string at)
            {
                foreach (var next in graph.GetValueOrDefault(at) ?? [])
                {
                    if (next == start)
                    {
                        var cycle = string.Join(" -> ", path.Append(start));
                        var detail = string.Join("; ", path.Zip(path.Skip(1).Append(start))
                            .Select(p => $"{p.First} -> {p.Second}: {string.Join(", ", Uses.Value[(p.First, p.Second)].Take(3))}"));
                        cycles.Add(cycle + "  (" + detail + ")");
                    }
                    else if (!path.Contains(next))
                    {
                        path.Add(next);
                        Walk(next);
                        path.RemoveAt(path.Count - 1);
                    }
                }
            }
        }
        Assert.True(cycles.Count == 0, "Modules that use each other:\n" + string.Join("\n", cycles.Distinct()));
    }

    [Fact]
    public void The_tolerated_uses_are_still_needed()
    {
        // When a tolerated use is gone, its entry must go too, so that it cannot come back unnoticed.
        foreach (var t in Tolerated) Assert.Contains(t, Uses.Value.Keys);
    }
}
