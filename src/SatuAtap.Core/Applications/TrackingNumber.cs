using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SatuAtap.Core.Applications;

/// <summary>
/// Tracking numbers like <c>DKP-26-7K3QX</c>: the agency part of the service code, the year, and five random
/// characters from an alphabet without look-alikes (no 0/O, 1/I/L). Short enough to read over the phone;
/// 31^5 ≈ 28.6 million per prefix and year, drawn by a cryptographic generator so they cannot be guessed in turn.
/// </summary>
public static partial class TrackingNumber
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int RandomLength = 5;

    /// <summary>The prefix from a service code: its first segment (<c>DKP-KTP</c> → <c>DKP</c>), letters only, at most five.</summary>
    public static string Prefix(string serviceCode)
    {
        var first = (serviceCode ?? "").Split('-', 2)[0];
        var letters = new string(first.Where(char.IsAsciiLetter).Select(char.ToUpperInvariant).Take(5).ToArray());
        return letters.Length >= 2 ? letters : "MPP";
    }

    public static string New(string serviceCode, int year, Func<int, int>? next = null) =>
        $"{Prefix(serviceCode)}-{year % 100:00}-{Random(RandomLength, next)}";

    /// <summary>Random characters from <see cref="Alphabet"/>; <paramref name="next"/> (max exclusive → value) replaces the generator in tests.</summary>
    public static string Random(int length, Func<int, int>? next = null)
    {
        next ??= RandomNumberGenerator.GetInt32;
        return string.Create(length, next, (span, n) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = Alphabet[n(Alphabet.Length)];
        });
    }

    /// <summary>What a person typed, trimmed and upper-cased.</summary>
    public static string Normalize(string? input) => (input ?? "").Trim().ToUpperInvariant();

    public static bool IsWellFormed(string? value) => value is not null && Shape().IsMatch(value);

    [GeneratedRegex("^[A-Z]{2,5}-[0-9]{2}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}$")]
    private static partial Regex Shape();
}

/// <summary>The code printed on an issued document and in its QR: ten characters of the same alphabet (≈ 8×10^14 values).</summary>
public static partial class VerificationCode
{
    public const int Length = 10;

    public static string New(Func<int, int>? next = null) => TrackingNumber.Random(Length, next);

    public static bool IsWellFormed(string? value) => value is not null && Shape().IsMatch(value);

    [GeneratedRegex("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$")]
    private static partial Regex Shape();
}
