using SatuAtap.Core.Common;

namespace SatuAtap.Core.Licensing;

/// <summary>
/// The village (desa or kelurahan) where a business runs, as the owner writes it: free text, since the repository has
/// the regency's districts but no list of villages to check it against. One rule for the API, the navigator and the
/// bundle forms.
/// </summary>
public static class VillageName
{
    /// <summary>The village as stored: trimmed, inner runs of spaces made one; null when blank.</summary>
    public static string? Normalize(string? village) =>
        string.IsNullOrWhiteSpace(village) ? null : string.Join(' ', village.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Why the village cannot be taken, or null: optional, at most <see cref="LicensingBundle.MaxVillage"/> characters
    /// of letters, digits, spaces and <c>. , ' - / ( )</c> (names such as "Cibadak", "Sukaraja II", "Kel. Gunung Puyuh").
    /// </summary>
    public static string? Error(string? village)
    {
        var v = Normalize(village);
        if (v is null) return null;
        if (v.Length < 2 || v.Length > LicensingBundle.MaxVillage)
            return Lang.T($"Nama desa/kelurahan 2–{LicensingBundle.MaxVillage} karakter.", $"The village name must be 2–{LicensingBundle.MaxVillage} characters.");
        if (!v.All(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or ',' or '\'' or '-' or '/' or '(' or ')'))
            return Lang.T("Nama desa/kelurahan hanya boleh berisi huruf, angka, spasi dan . , ' - / ( ).",
                "The village name may contain only letters, digits, spaces and . , ' - / ( ).");
        return null;
    }
}
