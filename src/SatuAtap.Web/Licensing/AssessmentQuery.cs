using System.Globalization;
using Microsoft.Extensions.Primitives;
using SatuAtap.Core.Common;
using SatuAtap.Core.Licensing;

namespace SatuAtap.Web.Licensing;

/// <summary>
/// The navigator's answers read from a query string (the checklist link and the navigator page, which work without
/// script): <c>kbli</c> (repeated or comma-separated), <c>capitalRupiah</c>, <c>district</c>, <c>usesBuilding</c>,
/// <c>homeFood</c> (<c>true</c>/<c>false</c>), <c>employees</c>, <c>investmentRupiah</c>, <c>village</c>, and a parameter of an
/// activity as <c>{kbli}.{parameter}</c> (<c>56102.seats=60</c>). A value that is not a number is a field error.
/// </summary>
public static class AssessmentQuery
{
    public static (AssessmentRequest Request, Dictionary<string, string[]> Errors) Read(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var kblis = query["kbli"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().ToList();
        var activities = new List<ActivityRequest?>();
        foreach (var kbli in kblis)
        {
            var parameters = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (key, value) in query.Where(q => q.Key.StartsWith(kbli + ".", StringComparison.Ordinal)))
            {
                var name = key[(kbli.Length + 1)..];
                var text = value.ToString();
                if (string.IsNullOrWhiteSpace(text)) continue;
                if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) parameters[name] = n;
                else errors[key] = [Lang.T("Harus berupa angka.", "Must be a number.")];
            }
            activities.Add(new ActivityRequest(kbli, parameters.Count == 0 ? null : parameters));
        }
        var request = new AssessmentRequest(activities, Long(query, "capitalRupiah", errors), Text(query["district"]),
            Bool(query, "usesBuilding", errors), Bool(query, "homeFood", errors), (int?)Long(query, "employees", errors, int.MaxValue),
            Long(query, "investmentRupiah", errors), Text(query["village"]));
        return (request, errors);
    }

    private static string? Text(StringValues v) => StringValues.IsNullOrEmpty(v) ? null : v.ToString();

    private static long? Long(IQueryCollection query, string name, Dictionary<string, string[]> errors, long max = long.MaxValue)
    {
        var text = query[name].ToString().Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (text.Length == 0) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n <= max) return n;
        errors[name] = [Lang.T("Harus berupa bilangan bulat.", "Must be a whole number.")];
        return null;
    }

    private static bool? Bool(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        switch (query[name].ToString())
        {
            case "": return null;
            case "true" or "on" or "ya": return true;
            case "false" or "off" or "tidak": return false;
            default:
                errors[name] = [Lang.T("Harus true atau false.", "Must be true or false.")];
                return null;
        }
    }
}
