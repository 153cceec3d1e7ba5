using Mono.Cecil;
using Mono.Cecil.Cil;

namespace SatuAtap.Core.Tests.Architecture;

/// <summary>
/// Reads a compiled assembly and lists which of its parts use which, so every type the code names counts: a using
/// line, a fully-qualified name, a generic argument, a call, a field, a base type, a lambda's or an async method's
/// generated class.
/// </summary>
internal static class AssemblyUses
{
    /// <summary>Part → part → the types that make the use (for the failure message). <paramref name="partOf"/> names
    /// the part a namespace belongs to, or null for a namespace that is not checked.</summary>
    public static Dictionary<(string From, string To), SortedSet<string>> Read(string path, Func<string, string?> partOf)
    {
        var uses = new Dictionary<(string, string), SortedSet<string>>();
        using var assembly = AssemblyDefinition.ReadAssembly(path);
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var owner = Outermost(type);
            if (partOf(owner.Namespace) is not { } from) continue;
            foreach (var used in Referenced(type))
            {
                var target = Outermost(used);
                if (partOf(target.Namespace) is not { } to || to == from) continue;
                if (!uses.TryGetValue((from, to), out var why)) uses[(from, to)] = why = new(StringComparer.Ordinal);
                why.Add($"{owner.Name} uses {target.Name}");
            }
        }
        return uses;
    }

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
