namespace SatuAtap.Core.Identity;

/// <summary>Indonesian mobile numbers: <c>08…</c>, <c>628…</c> or <c>+628…</c>, 10 to 13 digits in the national form.</summary>
public static class PhoneNumber
{
    /// <summary>The number in national form (<c>08…</c>), or null when it is not a valid mobile number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var digits = new string(input.Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '.' and not '(' and not ')').ToArray());
        if (digits.StartsWith("+62", StringComparison.Ordinal)) digits = "0" + digits[3..];
        else if (digits.StartsWith("62", StringComparison.Ordinal)) digits = "0" + digits[2..];
        if (!digits.All(char.IsAsciiDigit) || !digits.StartsWith("08", StringComparison.Ordinal)) return null;
        return digits.Length is >= 10 and <= 13 ? digits : null;
    }
}
