using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SatuAtap.Core.Licensing;

/// <summary>What a confirmation code typed for a bundle made on an owner's behalf turned out to be.</summary>
public enum ConfirmationCheck
{
    /// <summary>The code is the one sent, in time: the owner agrees.</summary>
    Confirmed,
    /// <summary>Not the code sent; counted.</summary>
    Wrong,
    /// <summary>Too many wrong codes: this code is void, a new one must be sent.</summary>
    Spent,
    /// <summary>The code's time has passed: a new one must be sent.</summary>
    Expired,
    /// <summary>No code is waiting (none sent, or already used).</summary>
    NoCode,
}

/// <summary>
/// The code by which a business owner agrees to a bundle an officer made on their behalf: six digits sent to the owner's
/// phone or email, kept only as a hash bound to the bundle, valid for <c>Licensing:ConfirmationCodeMinutes</c>. Like the
/// account codes of the mall, wrong codes are counted: after <see cref="MaxWrongCodes"/> the code is void, and at most
/// <see cref="MaxCodes"/> codes are sent for one bundle, so at most 25 guesses ever reach a bundle.
/// </summary>
public static class BundleConfirmation
{
    public const int MaxWrongCodes = 5;
    public const int MaxCodes = 5;
    public const int Digits = 6;

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>What was typed, without spaces or dashes.</summary>
    public static string Normalize(string? code) => new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>The stored form of a code: its SHA-256 with the bundle's id, so a code fits one bundle only.</summary>
    public static string Hash(Guid bundleId, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bundleId.ToString("N") + ":" + Normalize(code))));

    public static ConfirmationCheck Verify(string? storedHash, DateTime? expiresAtUtc, int wrongCodes, Guid bundleId, string? code, DateTime nowUtc)
    {
        if (string.IsNullOrEmpty(storedHash) || expiresAtUtc is null) return ConfirmationCheck.NoCode;
        if (wrongCodes >= MaxWrongCodes) return ConfirmationCheck.Spent;
        if (nowUtc >= expiresAtUtc.Value) return ConfirmationCheck.Expired;
        var typed = Normalize(code);
        if (typed.Length != Digits || !typed.All(char.IsAsciiDigit)) return ConfirmationCheck.Wrong;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(bundleId, typed)), Encoding.ASCII.GetBytes(storedHash))
            ? ConfirmationCheck.Confirmed : ConfirmationCheck.Wrong;
    }

    /// <summary>Whether another code may be sent for a bundle that has had <paramref name="sent"/>.</summary>
    public static bool MaySend(int sent) => sent < MaxCodes;

    /// <summary>An email or phone number shown with most of it hidden (<c>w***@d***.id</c>, <c>0812****7890</c>).</summary>
    public static string MaskContact(string contact)
    {
        var s = contact.Trim();
        var at = s.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            var domain = s[(at + 1)..];
            var dot = domain.LastIndexOf('.');
            return s[0] + "***@" + (domain.Length > 0 ? domain[0] + "***" : "") + (dot >= 0 ? domain[dot..] : "");
        }
        return s.Length <= 8 ? new string('*', s.Length) : s[..4] + new string('*', s.Length - 8) + s[^4..];
    }
}
