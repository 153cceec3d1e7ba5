using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

/// <summary>
/// The rule a field requirement's value must meet, from the requirement's type (<see cref="FieldType"/>): a NIK is
/// checked as a NIK, an NPWP as 15 or 16 digits, a mobile number and an email address as such, a date as
/// YYYY-MM-DD, a number as digits, an address as more than a word; text is free.
/// </summary>
public static partial class FieldRules
{
    public const int MaxLength = 500;
    public const int MinAddressLength = 10;

    /// <summary>A stored value as people read it: a date as "14 Mei 2008" (in the reader's language), the rest as stored.</summary>
    public static string Display(FieldType type, string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        return type == FieldType.Date
               && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? Formats.Date(date)
            : value;
    }

    /// <summary>
    /// The value as stored (a phone number in national form, an NPWP as its digits, an email address trimmed), or
    /// the message saying what is wrong.
    /// </summary>
    public static (string? Value, string? Error) Check(FieldType type, string? raw)
    {
        var value = raw?.Trim() ?? "";
        if (value.Length == 0) return ("", null);
        if (value.Length > MaxLength) return (null, Lang.T($"Paling banyak {MaxLength} karakter.", $"At most {MaxLength} characters."));
        switch (type)
        {
            case FieldType.Nik:
                var problem = Nik.Validate(value);
                return problem == Nik.Problem.None ? (value, null) : (null, Nik.Message(problem));
            case FieldType.Npwp:
                var digits = NpwpSeparators().Replace(value, "");
                return digits.Length is 15 or 16 && digits.All(char.IsAsciiDigit) ? (digits, null)
                    : (null, Lang.T("NPWP harus 15 atau 16 angka (contoh 01.234.567.8-901.000 atau NIK Anda).",
                        "An NPWP has 15 or 16 digits (for example 01.234.567.8-901.000, or your NIK)."));
            case FieldType.Phone:
                return PhoneNumber.Normalize(value) is { } phone ? (phone, null)
                    : (null, Lang.T("Nomor ponsel tidak valid (contoh 081234567890).", "Not a valid mobile number (for example 081234567890)."));
            case FieldType.Email:
                return System.Net.Mail.MailAddress.TryCreate(value, out var mail) && mail.Address == value && mail.Host.Contains('.', StringComparison.Ordinal)
                    ? (value, null)
                    : (null, Lang.T("Alamat email tidak valid (contoh nama@contoh.id).", "Not a valid email address (for example name@example.id)."));
            case FieldType.Date:
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? (value, null)
                    : (null, Lang.T("Tanggal harus berformat YYYY-MM-DD.", "The date must be YYYY-MM-DD."));
            case FieldType.Number:
                return NumberPattern().IsMatch(value) ? (value, null)
                    : (null, Lang.T("Isi dengan angka (contoh 25 atau 1.500.000).", "Enter a number (for example 25 or 1,500,000)."));
            case FieldType.Address:
                return value.Length >= MinAddressLength && value.Any(char.IsLetter) ? (value, null)
                    : (null, Lang.T("Tulis alamat lengkap: jalan atau kampung, RT/RW, desa, kecamatan.",
                        "Write the full address: street or hamlet, RT/RW, village, district."));
            default:
                return (value, null);
        }
    }

    /// <summary>How a form asks for a value of the type: the input's type, the keyboard a phone shows, and what the browser may fill in.</summary>
    public static (string Type, string? InputMode, string? AutoComplete) Input(FieldType type) => type switch
    {
        FieldType.Nik or FieldType.Npwp => ("text", "numeric", "off"),
        FieldType.Phone => ("tel", "tel", "tel-national"),
        FieldType.Email => ("email", "email", "email"),
        FieldType.Date => ("date", null, null),
        FieldType.Number => ("text", "decimal", null),
        FieldType.Address => ("text", null, "street-address"),
        _ => ("text", null, null),
    };

    [GeneratedRegex(@"[\s.\-]")]
    private static partial Regex NpwpSeparators();

    // A whole or decimal number, written plainly (1500000), with Indonesian thousands (1.500.000) or English ones (1,500,000).
    [GeneratedRegex(@"^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+)([.,]\d+)?$")]
    private static partial Regex NumberPattern();

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
            var (value, error) = Check(req.Type, raw);
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
            else if (Check(r.Type, v).Error is { } e)
                errors.Add($"fields.{r.Name}", e);
    }

    public static Dictionary<Guid, string> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<Guid, string>>(string.IsNullOrWhiteSpace(json) ? "{}" : json) ?? [];

    public static string Serialize(IReadOnlyDictionary<Guid, string> values) => JsonSerializer.Serialize(values);

    /// <summary>The applicant's NIK, mobile number and email address: the first field of each type that has a value.</summary>
    public static (string? Nik, string? Phone, string? Email) Identity(ServiceView service, IReadOnlyDictionary<Guid, string> values)
    {
        string? Of(FieldType type) => service.Requirements
            .Where(r => r.Kind == RequirementKind.Field && r.Type == type && values.ContainsKey(r.Id))
            .Select(r => values[r.Id]).FirstOrDefault();
        return (Of(FieldType.Nik), Of(FieldType.Phone), Of(FieldType.Email));
    }
}
