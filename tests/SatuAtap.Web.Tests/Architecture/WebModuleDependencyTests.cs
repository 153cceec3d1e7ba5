using SatuAtap.Core.Tests.Architecture;

namespace SatuAtap.Web.Tests.Architecture;

/// <summary>
/// A module's web folder (SatuAtap.Web.Queue, …) follows the direction of its Core module: it may use its own Core
/// module, the modules the table lets that module use (their Core code and their web folders), the kernel and the
/// host's infrastructure. The infrastructure names no module folder, and nothing but the pages and Program names a
/// page.
/// </summary>
public sealed class WebModuleDependencyTests
{
    private const string Pages = "Pages";
    private const string Infrastructure = "Web.Infrastructure";

    private static readonly Lazy<Dictionary<(string From, string To), SortedSet<string>>> Uses =
        new(() => AssemblyUses.Read(typeof(SatuAtap.Web.Infrastructure.Problems).Assembly.Location, PartOf));

    /// <summary>"Web.Queue", "Web.Infrastructure", "Core.Queue", "Pages", or null for what is not checked.</summary>
    private static string? PartOf(string ns)
    {
        if (ns == "AspNetCoreGeneratedDocument" || ns == "SatuAtap.Web.Pages" || ns.StartsWith("SatuAtap.Web.Pages.", StringComparison.Ordinal))
            return Pages;
        foreach (var root in new[] { "SatuAtap.Web.", "SatuAtap.Core." })
            if (ns.StartsWith(root, StringComparison.Ordinal))
                return root[9..^1] + "." + ns[root.Length..].Split('.')[0];
        return null;
    }

    private static string? WebModule(string part) =>
        part.StartsWith("Web.", StringComparison.Ordinal) && part != Infrastructure ? part[4..] : null;

    private static string? CoreModule(string part) =>
        part.StartsWith("Core.", StringComparison.Ordinal) ? part[5..] : null;

    [Fact]
    public void The_reader_sees_the_uses_it_must_see()
    {
        Assert.Contains(("Web.Queue", "Core.Queue"), Uses.Value.Keys);
        Assert.Contains(("Web.Queue", Infrastructure), Uses.Value.Keys);
        Assert.Contains((Pages, "Web.Applications"), Uses.Value.Keys);
    }

    [Fact]
    public void Every_web_module_folder_has_a_row_in_the_table()
    {
        var missing = Uses.Value.Keys.SelectMany(k => new[] { k.From, k.To }).Select(WebModule)
            .OfType<string>().Distinct().Where(m => !ModuleTable.Allowed.ContainsKey(m)).ToList();
        Assert.True(missing.Count == 0, "Web folders without a row in ModuleTable.Allowed: " + string.Join(", ", missing));
    }

    [Fact]
    public void Web_folders_use_only_what_their_module_may()
    {
        var wrong = new List<string>();
        foreach (var ((from, to), why) in Uses.Value)
        {
            var reason = Why(from, to);
            if (reason is not null) wrong.Add($"{from} -> {to} ({reason}): {string.Join(", ", why.Take(5))}");
        }
        Assert.True(wrong.Count == 0, "Uses the module table does not allow:\n" + string.Join("\n", wrong));
    }

    private static string? Why(string from, string to)
    {
        if (from == Pages || from.StartsWith("Core.", StringComparison.Ordinal)) return null;
        if (to == Pages) return "only pages name pages";
        if (from == Infrastructure)
            return WebModule(to) is not null ? "the infrastructure names no module folder" : null;
        var module = WebModule(from)!;
        var may = ModuleTable.Allowed.GetValueOrDefault(module) ?? [];
        if (WebModule(to) is { } other && !may.Contains(other)) return $"{module} may not use {other}";
        if (CoreModule(to) is { } core && core != module && !ModuleTable.Kernel.Contains(core) && !may.Contains(core))
            return $"{module} may not use {core}";
        return null;
    }
}
