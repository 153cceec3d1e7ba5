using System.Text.Json;

namespace SatuAtap.Core.Licensing;

/// <summary>
/// What a bundle was made of: the permit codes each catalog service carries (one child application per service) and
/// the items that cannot be applied for online and are done at a counter. Stored as JSON on the bundle.
/// </summary>
public sealed record BundlePlan(Dictionary<string, List<string>> Services, List<string> AtCounter)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BundlePlan Parse(string? json)
    {
        try
        {
            return JsonSerializer.Deserialize<BundlePlan>(json ?? "", Json) ?? Empty;
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    private static BundlePlan Empty => new([], []);

    /// <summary>
    /// The services of an assessment's permits, in the order the permits come (business permits first), each with the
    /// permit codes it carries.
    /// </summary>
    public static Dictionary<string, List<string>> ServicesOf(Assessment assessment)
    {
        var services = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var code in assessment.AllPermits)
        {
            var kind = PermitKinds.Get(code);
            if (!services.TryGetValue(kind.ServiceCode, out var list)) services[kind.ServiceCode] = list = [];
            list.Add(code);
        }
        return services;
    }
}
