using System.Globalization;
using System.Text.Json;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

/// <summary>
/// The rule a field requirement's value must meet, recognised from the requirement's name: a single NIK is
/// checked as a NIK, a mobile number as one, a date as YYYY-MM-DD; anything else is free text.
/// </summary>
public static class FieldRules
{
    public const int MaxLength = 500;

    public enum Kind { Text, Nik, Phone, Date }

    public static Kind KindOf(string requirementName)
    {
        var n = requirementName.Trim().ToLowerInvariant();
        if ((n == "nik" || n.StartsWith("nik ", StringComparison.Ordinal))
            && !n.Contains(" dan ", StringComparison.Ordinal) && !n.Contains(" atau ", StringComparison.Ordinal)
            && !n.Contains("seluruh", StringComparison.Ordinal) && !n.Contains("kedua", StringComparison.Ordinal))
            return Kind.Nik;
        if (n is "nomor ponsel aktif" or "nomor ponsel" or "nomor telepon") return Kind.Phone;
        if (n is "tanggal lahir" or "tanggal perkawinan") return Kind.Date;
        return Kind.Text;
    }

    /// <summary>A stored value as people read it: a date as "14 Mei 2008" (in the reader's language), the rest as stored.</summary>
    public static string Display(string requirementName, string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        return KindOf(requirementName) == Kind.Date
               && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? Formats.Date(date)
            : value;
    }

    /// <summary>The value as stored (a phone number in national form), or the message saying what is wrong.</summary>
    public static (string? Value, string? Error) Check(string requirementName, string? raw)
    {
        var value = raw?.Trim() ?? "";
        if (value.Length == 0) return ("", null);
        if (value.Length > MaxLength) return (null, Lang.T($"Paling banyak {MaxLength} karakter.", $"At most {MaxLength} characters."));
        switch (KindOf(requirementName))
        {
            case Kind.Nik:
                var problem = Nik.Validate(value);
                return problem == Nik.Problem.None ? (value, null) : (null, Nik.Message(problem));
            case Kind.Phone:
                return PhoneNumber.Normalize(value) is { } phone ? (phone, null)
                    : (null, Lang.T("Nomor ponsel tidak valid (contoh 081234567890).", "Not a valid mobile number (for example 081234567890)."));
            case Kind.Date:
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? (value, null)
                    : (null, Lang.T("Tanggal harus berformat YYYY-MM-DD.", "The date must be YYYY-MM-DD."));
            default:
                return (value, null);
        }
    }

    /// <summary>
    /// Reads the submitted fields (keyed by requirement id or name) against the service's field requirements:
    /// unknown keys and values breaking their rule are errors named <c>fields.{name}</c>.
    /// </summary>
    public static Dictionary<Guid, string> Read(ServiceView service, IReadOnlyDictionary<string, string?>? input, FieldErrors errors)
    {
        var result = new Dictionary<Guid, string>();
        if (input is null) return result;
        var fields = service.Requirements.Where(r => r.Kind == RequirementKind.Field).ToList();
        foreach (var (key, raw) in input)
        {
            var req = Guid.TryParse(key, out var id) ? fields.FirstOrDefault(r => r.Id == id)
                : fields.FirstOrDefault(r => string.Equals(r.Name, key, StringComparison.OrdinalIgnoreCase) || string.Equals(r.NameEn, key, StringComparison.OrdinalIgnoreCase));
            if (req is null)
            {
                errors.Add($"fields.{key}", Lang.T("Bukan isian layanan ini.", "Not a field of this service."));
                continue;
            }
            var (value, error) = Check(req.Name, raw);
            if (error is not null) errors.Add($"fields.{req.Name}", error);
            else if (!string.IsNullOrEmpty(value)) result[req.Id] = value!;
        }
        return result;
    }

    /// <summary>Required fields without a value, as errors.</summary>
    public static void RequireComplete(ServiceView service, IReadOnlyDictionary<Guid, string> values, FieldErrors errors)
    {
        foreach (var r in service.Requirements.Where(r => r.Kind == RequirementKind.Field && r.Required))
            if (!values.TryGetValue(r.Id, out var v) || string.IsNullOrWhiteSpace(v))
                errors.Add($"fields.{r.Name}", Lang.T("Wajib diisi.", "Required."));
            else if (Check(r.Name, v).Error is { } e)
                errors.Add($"fields.{r.Name}", e);
    }

    public static Dictionary<Guid, string> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<Guid, string>>(string.IsNullOrWhiteSpace(json) ? "{}" : json) ?? [];

    public static string Serialize(IReadOnlyDictionary<Guid, string> values) => JsonSerializer.Serialize(values);

    /// <summary>The applicant's NIK and mobile number among the fields, for the tracking check.</summary>
    public static (string? Nik, string? Phone) Identity(ServiceView service, IReadOnlyDictionary<Guid, string> values)
    {
        string? nik = null, phone = null;
        foreach (var r in service.Requirements.Where(r => r.Kind == RequirementKind.Field))
        {
            if (!values.TryGetValue(r.Id, out var v)) continue;
            var kind = KindOf(r.Name);
            if (kind == Kind.Nik && nik is null) nik = v;
            if (kind == Kind.Phone && phone is null) phone = v;
        }
        return (nik, phone);
    }
}
