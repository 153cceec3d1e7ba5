using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SatuAtap.Core.Identity;

/// <summary>
/// The one-time code an administrator issues so that a staff account may enrol its first authenticator: 16 characters
/// from an alphabet without look-alikes (about 80 bits), shown once, stored only as a SHA-256 hash with its expiry.
/// </summary>
public static class EnrolmentCode
{
    /// <summary>Where the code is kept: Identity's token table, one row per account (a new code replaces the old).</summary>
    public const string LoginProvider = "SatuAtap";
    public const string TokenName = "StaffEnrolmentCode";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Length = 16;

    /// <summary>A fresh code, in groups of four: <c>ABCD-EFGH-JKLM-NPQR</c>.</summary>
    public static string Generate()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return string.Join("-", chars.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>What the person typed, without spaces or dashes, upper case.</summary>
    public static string Normalize(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));

    /// <summary>The stored form: the hash and the expiry (UTC ticks).</summary>
    public static string Stored(string code, DateTime expiresAtUtc) =>
        Hash(code) + "|" + expiresAtUtc.Ticks.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="code"/> is the stored one and has not expired at <paramref name="nowUtc"/>.</summary>
    public static bool Matches(string? stored, string? code, DateTime nowUtc)
    {
        var parts = (stored ?? "").Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return false;
        var typed = Normalize(code);
        if (typed.Length != Length || nowUtc.Ticks >= ticks) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(typed)), Encoding.ASCII.GetBytes(parts[0]));
    }
}
