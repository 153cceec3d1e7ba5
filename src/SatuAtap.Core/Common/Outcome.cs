namespace SatuAtap.Core.Common;

public enum OutcomeKind { Ok, Created, NotFound, Forbidden, Invalid, Conflict, Unprocessable, TooMany }

/// <summary>What a use case answers: a value, or why not (errors keyed by field for invalid input).</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value = default, string? Message = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Kind is OutcomeKind.Ok or OutcomeKind.Created;

    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value);
    public static Outcome<T> Created(T value) => new(OutcomeKind.Created, value);
    public static Outcome<T> NotFound(string? message = null) => new(OutcomeKind.NotFound, Message: message ?? Lang.T("Data tidak ditemukan.", "Not found."));
    public static Outcome<T> Forbidden(string? message = null) => new(OutcomeKind.Forbidden, Message: message ?? Lang.T("Anda tidak berwenang melakukan ini.", "You are not allowed to do this."));
    public static Outcome<T> Conflict(string message) => new(OutcomeKind.Conflict, Message: message);
    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(OutcomeKind.Invalid, Errors: errors, Message: Lang.T("Isian tidak valid.", "The input is not valid."));
    public static Outcome<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Outcome<T> StaleVersion() => Conflict(Lang.T(
        "Data ini sudah diubah orang lain sejak Anda membukanya. Muat ulang, periksa perubahannya, lalu simpan lagi.",
        "Someone else changed this since you opened it. Reload, check their change, then save again."));
}

/// <summary>Collects field errors in the order they are found.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>A value (or a list item) that must be there and is not, e.g. <c>null</c> inside a JSON array.</summary>
    public void Missing(string field) => Add(field, Lang.T("Wajib diisi.", "Required."));

    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, Lang.T("Wajib diisi.", "Required."));
        else if (value.Length > maxLength) Add(field, Lang.T($"Paling banyak {maxLength} karakter.", $"At most {maxLength} characters."));
    }

    public void Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength) Add(field, Lang.T($"Paling banyak {maxLength} karakter.", $"At most {maxLength} characters."));
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
