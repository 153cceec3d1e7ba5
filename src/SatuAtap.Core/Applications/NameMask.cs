namespace SatuAtap.Core.Applications;

/// <summary>
/// How personal data is shown to someone who may not see it whole: a name <c>Budi Santoso</c> → <c>B*** S******</c>,
/// a NIK <c>3202011505900003</c> → <c>3202********0003</c>, a mobile number <c>081234567890</c> → <c>0812******90</c>.
/// </summary>
public static class NameMask
{
    public static string Mask(string? name) =>
        string.Join(' ', (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length <= 1 ? w : w[0] + new string('*', w.Length - 1)));

    /// <summary>The region code (4 digits) and the last 4 digits stay; null stays null. Anything shorter than 9 characters is hidden whole.</summary>
    public static string? Nik(string? nik) =>
        nik is null ? null : nik.Length < 9 ? new string('*', nik.Length) : nik[..4] + new string('*', nik.Length - 8) + nik[^4..];

    /// <summary>The operator prefix (4 digits) and the last 2 digits stay; null stays null.</summary>
    public static string? Phone(string? phone) =>
        phone is null ? null : phone.Length < 7 ? new string('*', phone.Length) : phone[..4] + new string('*', phone.Length - 6) + phone[^2..];
}
