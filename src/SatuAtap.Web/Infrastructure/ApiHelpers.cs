using System.Globalization;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>Query parameters are read as text and parsed here, so a malformed value is a 400 that names it.</summary>
internal sealed class QueryReader
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Failed => _errors.Count > 0;

    /// <summary>The messages so far, per parameter (a page shows them beside its form).</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    public IResult Problem() => Problems.Invalid(_errors);

    public int Int(string name, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        _errors[name] = [Lang.T($"Harus bilangan bulat {min} sampai {max}.", $"Must be a whole number from {min} to {max}.")];
        return fallback;
    }

    public int? RequiredInt(string name, string? value, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors[name] = [Lang.T("Wajib diisi.", "Required.")];
            return null;
        }
        var n = Int(name, value, int.MinValue, min, max);
        return n == int.MinValue ? null : n;
    }

    public DateOnly? Date(string name, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) _errors[name] = [Lang.T("Wajib diisi (YYYY-MM-DD).", "Required (YYYY-MM-DD).")];
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            _errors[name] = [Lang.T("Tanggal harus berformat YYYY-MM-DD.", "The date must be YYYY-MM-DD.")];
            return null;
        }
        if (SupportedDates.Contains(d)) return d;
        _errors[name] = [SupportedDates.Message];
        return null;
    }

    public void Fail(string name, string message) => _errors[name] = [message];
}

internal static class Created
{
    public static IResult At<T>(string location, T body) => TypedResults.Created(location, body);
}

public static class PublicAddress
{
    /// <summary>The mall's public address (<c>Mall:PublicBaseUrl</c>), never the request's Host header.</summary>
    public static string BaseUrl(this HttpContext http) => http.RequestServices.GetRequiredService<PublicLinks>().Base;
}

internal static class Answers
{
    /// <summary>200 with the value, or the outcome's problem.</summary>
    public static IResult Answer<T>(Outcome<T> outcome) => outcome.Succeeded ? Results.Ok(outcome.Value) : Problems.From(outcome);
}
