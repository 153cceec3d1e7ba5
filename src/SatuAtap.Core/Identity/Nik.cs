using System.Globalization;
namespace SatuAtap.Core.Identity;

/// <summary>
/// The national identity number (NIK): 16 digits = province (2) + regency (2) + district (2) of first
/// registration + birth date DDMMYY (day + 40 for women) + serial (4, from 0001).
/// The structure is an error when wrong; a birth date that does not match what the person says is only a
/// warning, because a NIK never changes.
/// </summary>
public static class Nik
{
    public enum Problem { None, Empty, NotSixteenDigits, BadRegion, BadBirthDate, BadSerial }

    public sealed record Parsed(string Province, string Regency, string District, int Day, int Month, int YearTwoDigits, bool Female, string Serial);

    public static Problem Validate(string? nik) => TryParse(nik, out _);

    public static Problem TryParse(string? nik, out Parsed? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(nik)) return Problem.Empty;
        if (nik.Length != 16 || !nik.All(char.IsAsciiDigit)) return Problem.NotSixteenDigits;
        var province = nik[..2];
        var regency = nik[2..4];
        var district = nik[4..6];
        if (int.Parse(province, CultureInfo.InvariantCulture) < 11 || regency == "00" || district == "00") return Problem.BadRegion;
        var day = int.Parse(nik[6..8], CultureInfo.InvariantCulture);
        var month = int.Parse(nik[8..10], CultureInfo.InvariantCulture);
        var year = int.Parse(nik[10..12], CultureInfo.InvariantCulture);
        var female = day > 40;
        if (female) day -= 40;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000 + year, month)) return Problem.BadBirthDate;
        var serial = nik[12..];
        if (serial == "0000") return Problem.BadSerial;
        parsed = new Parsed(province, regency, district, day, month, year, female, serial);
        return Problem.None;
    }

    /// <summary>True when the NIK's birth date agrees with <paramref name="birthDate"/> (a mismatch is a warning only).</summary>
    public static bool BirthDateMatches(Parsed nik, DateOnly birthDate) =>
        nik.Day == birthDate.Day && nik.Month == birthDate.Month && nik.YearTwoDigits == birthDate.Year % 100;

    /// <summary>
    /// True when <paramref name="given"/> is the NIK <paramref name="stored"/> (the clear value the model reads from its
    /// encrypted column), compared in constant time so that the time taken tells nothing about how much matched.
    /// </summary>
    public static bool Matches(string? stored, string? given)
    {
        var g = given?.Trim();
        if (stored is null || g is null || stored.Length != 16 || g.Length != 16) return false;
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(stored), System.Text.Encoding.ASCII.GetBytes(g));
    }

    public static string Message(Problem problem) => problem switch
    {
        Problem.Empty => Common.Lang.T("NIK wajib diisi.", "NIK is required."),
        Problem.NotSixteenDigits => Common.Lang.T("NIK harus 16 angka.", "NIK must be 16 digits."),
        Problem.BadRegion => Common.Lang.T("Kode wilayah pada NIK tidak valid.", "The region code in the NIK is not valid."),
        Problem.BadBirthDate => Common.Lang.T("Tanggal lahir pada NIK tidak valid.", "The birth date in the NIK is not valid."),
        Problem.BadSerial => Common.Lang.T("Nomor urut pada NIK tidak boleh 0000.", "The serial in the NIK cannot be 0000."),
        _ => string.Empty,
    };
}
