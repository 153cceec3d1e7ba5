using System.Globalization;

namespace SatuAtap.Core.Common;

/// <summary>
/// Bilingual text: Indonesian is the default language of every screen and message, English the second.
/// The two versions are written side by side where the text is used, so a translation is never missing.
/// </summary>
public static class Lang
{
    public const string Indonesian = "id";
    public const string English = "en";
    public static readonly string[] Supported = [Indonesian, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English;

    public static string Code => IsEnglish ? English : Indonesian;

    /// <summary>The text in the current UI language.</summary>
    public static string T(string id, string en) => IsEnglish ? en : id;

    /// <summary>Catalog content: the English version where one exists, else the Indonesian.</summary>
    public static string Pick(string id, string? en) => IsEnglish && !string.IsNullOrWhiteSpace(en) ? en : id;
}
