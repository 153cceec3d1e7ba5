namespace SatuAtap.Core.Common;

/// <summary>
/// How personal data is shown to someone who may not see it in full (every public view uses these):
/// a name <c>Budi Santoso</c> → <c>B*** S******</c>, a NIK <c>3202011505900003</c> → <c>3202********0003</c>,
/// a phone number <c>081234567890</c> → <c>0812****7890</c>.
/// </summary>
public static class NameMask
{
    public static string Mask(string? name) =>
        string.Join(' ', (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length <= 1 ? w : w[0] + new string('*', w.Length - 1)));

    /// <summary>First four and last four digits kept, every digit between starred (null stays null).</summary>
    public static string? Nik(string? nik)
    {
        if (nik is null) return null;
        var n = nik.Trim();
        return n.Length <= 8 ? new string('*', n.Length) : n[..4] + new string('*', n.Length - 8) + n[^4..];
    }

    /// <summary>First four and last four digits kept with four stars between, whatever the length (null stays null).</summary>
    public static string? Phone(string? phone)
    {
        if (phone is null) return null;
        var p = phone.Trim();
        return p.Length <= 8 ? new string('*', p.Length) : p[..4] + "****" + p[^4..];
    }
}
