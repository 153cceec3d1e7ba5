using Mono.Cecil;
using Mono.Cecil.Cil;

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

    /// <summary>The kernel: every module may use it. Data is the one DbContext that maps every module's entities, so it
    /// is the only place that may name any module; Common names none.</summary>
    private static readonly string[] Kernel = ["Common", "Data"];

    /// <summary>Which module may use which (besides the kernel). A new module adds its row here.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Common"] = [],
        ["Identity"] = [],
        ["Catalog"] = ["Identity"],
        ["Queue"] = ["Identity", "Catalog"],
        ["Notifications"] = ["Identity", "Catalog"],
        ["Applications"] = ["Identity", "Catalog", "Notifications"],
        ["Rights"] = ["Identity", "Catalog", "Queue", "Notifications", "Applications"],
        ["Licensing"] = ["Identity", "Catalog", "Notifications", "Applications"],
    };

    /// <summary>Uses that go both ways and are known to: none. Nothing may be added here.</summary>
    private static readonly (string From, string To)[] Tolerated = [];

    private static readonly Lazy<Dictionary<(string From, string To), SortedSet<string>>> Uses =
        new(() => ReadUses(typeof(SatuAtap.Core.Common.Lang).Assembly.Location));

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
            .Where(u => u.Key.From != "Data" && !Kernel.Contains(u.Key.To)
                        && !(Allowed.TryGetValue(u.Key.From, out var may) && may.Contains(u.Key.To)))
            .Select(u => $"{u.Key.From} -> {u.Key.To}: {string.Join(", ", u.Value.Take(5))}")
            .ToList();
        Assert.True(wrong.Count == 0, "Uses the dependency table does not allow:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void No_module_uses_a_module_that_uses_it_back()
    {
        var graph = Uses.Value.Keys
            .Where(k => k.From != "Data" && !Kernel.Contains(k.To) && !Tolerated.Contains(k))
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

    /// <summary>Module → module → the types that make the use (for the failure message).</summary>
    private static Dictionary<(string From, string To), SortedSet<string>> ReadUses(string path)
    {
        var uses = new Dictionary<(string, string), SortedSet<string>>();
        using var assembly = AssemblyDefinition.ReadAssembly(path);
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var owner = Outermost(type);
            if (ModuleOf(owner.Namespace) is not { } from) continue;
            foreach (var used in Referenced(type))
            {
                var target = Outermost(used);
                if (ModuleOf(target.Namespace) is not { } to || to == from) continue;
                if (!uses.TryGetValue((from, to), out var why)) uses[(from, to)] = why = new(StringComparer.Ordinal);
                why.Add($"{owner.Name} uses {target.Name}");
            }
        }
        return uses;
    }

    private static string? ModuleOf(string ns) =>
        ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;

    private static TypeReference Outermost(TypeReference t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    private static List<TypeReference> Referenced(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType g:
                    Add(g.ElementType);
                    foreach (var a in g.GenericArguments) Add(a);
                    return;
                case TypeSpecification s:
                    Add(s.ElementType);
                    return;
                default:
                    found.Add(t);
                    return;
            }
        }
        void AddMethod(MethodReference m)
        {
            Add(m.DeclaringType);
            Add(m.ReturnType);
            foreach (var p in m.Parameters) Add(p.ParameterType);
            if (m is GenericInstanceMethod gm) foreach (var a in gm.GenericArguments) Add(a);
        }
        void AddAttributes(ICustomAttributeProvider p)
        {
            foreach (var a in p.CustomAttributes)
            {
                Add(a.AttributeType);
                foreach (var arg in a.ConstructorArguments) if (arg.Value is TypeReference tr) Add(tr);
            }
        }

        Add(type.BaseType);
        foreach (var i in type.Interfaces) Add(i.InterfaceType);
        foreach (var gp in type.GenericParameters) foreach (var c in gp.Constraints) Add(c.ConstraintType);
        AddAttributes(type);
        foreach (var f in type.Fields) { Add(f.FieldType); AddAttributes(f); }
        foreach (var p in type.Properties) { Add(p.PropertyType); AddAttributes(p); }
        foreach (var e in type.Events) Add(e.EventType);
        foreach (var m in type.Methods)
        {
            AddMethod(m);
            AddAttributes(m);
            foreach (var p in m.Parameters) AddAttributes(p);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Add(v.VariableType);
            foreach (var h in m.Body.ExceptionHandlers) Add(h.CatchType);
            foreach (var ins in m.Body.Instructions)
            {
                switch (ins.Operand)
                {
                    case TypeReference t: Add(t); break;
                    case MethodReference mr: AddMethod(mr); break;
                    case FieldReference fr: Add(fr.DeclaringType); Add(fr.FieldType); break;
                }
            }
        }
        return found;
    }
}
