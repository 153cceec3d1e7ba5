using System.Globalization;
using System.Text.Json;

namespace SatuAtap.Core.Identity;

/// <summary>How an audit entry reads for a person: what changed (field, before, after) and what the record is called.</summary>
public static class AuditChanges
{
    public sealed record Change(string Field, string? Before, string? After);

    /// <summary>Fields whose value tells what a record is, in the order they are tried.</summary>
    private static readonly string[] NameFields = ["Name", "Title", "Number", "Term", "Code", "EventCode", "Date"];

    /// <summary>
    /// The fields that differ between the snapshots (a created record lists every field it was given, a deleted one
    /// every field it had), in field order. Empty values are left out of created and deleted records.
    /// </summary>
    public static IReadOnlyList<Change> Diff(string? before, string? after)
    {
        var old = Read(before);
        var now = Read(after);
        var changes = new List<Change>();
        foreach (var field in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            old.TryGetValue(field, out var b);
            now.TryGetValue(field, out var a);
            if (b == a) continue;
            if (before is null && string.IsNullOrEmpty(a)) continue;
            if (after is null && string.IsNullOrEmpty(b)) continue;
            changes.Add(new Change(field, b, a));
        }
        return changes;
    }

    /// <summary>What the record is called, from its snapshot (its name, title, number, …), or null.</summary>
    public static string? NameOf(string? before, string? after)
    {
        var values = Read(after ?? before);
        foreach (var field in NameFields)
            if (values.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v)) return v;
        return null;
    }

    /// <summary>The snapshot's fields and their values as text (empty for no snapshot).</summary>
    public static IReadOnlyDictionary<string, string?> Fields(string? json) => Read(json);

    private static Dictionary<string, string?> Read(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return values;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return values;
            foreach (var p in doc.RootElement.EnumerateObject())
                values[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Number => p.Value.GetRawText(),
                    _ => p.Value.GetRawText(),
                };
        }
        catch (JsonException)
        {
            // An entry written by an older version in another shape: shown whole, as one field.
            values["(data)"] = json.ToString(CultureInfo.InvariantCulture);
        }
        return values;
    }
}
