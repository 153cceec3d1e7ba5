using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Applications;

/// <summary>
/// What proves, with the tracking number, that someone may follow an application without signing in: the
/// application's 6-character check code (<see cref="TrackingNumber.Alphabet"/>, no look-alikes; 31^6 ≈ 887 million
/// values, drawn by a cryptographic generator), printed on the receipt and sent in the confirmation message, or the
/// applicant's full NIK. Both are compared in constant time; the code is case-insensitive. The last digits of a NIK or
/// phone number are not accepted: NIK serials mostly start at 0001, so four digits are about two digits of guessing.
/// </summary>
public static class TrackingCheck
{
    public const int Length = 6;

    public static string New(Func<int, int>? next = null) => TrackingNumber.Random(Length, next);

    /// <summary>True when <paramref name="check"/> is the application's check code or its applicant's full NIK.</summary>
    public static bool Matches(string? checkCode, string? nik, string? check)
    {
        var given = (check ?? "").Trim();
        if (given.Length == 0) return false;
        var codeMatches = checkCode is { Length: Length } && SameText(checkCode, given.ToUpperInvariant());
        var nikMatches = Identity.Nik.Matches(nik, given.Replace(" ", "", StringComparison.Ordinal));
        return codeMatches | nikMatches;
    }

    private static bool SameText(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    /// <summary>
    /// The application's check code, drawn and stored now when it has none (applications made before codes
    /// existed). Written only where still empty, so two readers at once end with the same code.
    /// </summary>
    public static async Task<string> EnsureAsync(SatuAtapDb db, Application app, CancellationToken ct)
    {
        if (app.CheckCode is { } code) return code;
        var fresh = New();
        await db.Applications.Where(a => a.Id == app.Id && a.CheckCode == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckCode, fresh), ct);
        app.CheckCode = await db.Applications.Where(a => a.Id == app.Id).Select(a => a.CheckCode).FirstAsync(ct);
        return app.CheckCode!;
    }
}
