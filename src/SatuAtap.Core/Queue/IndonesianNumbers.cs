using System.Text;
using System.Text.RegularExpressions;

namespace SatuAtap.Core.Queue;

/// <summary>
/// Numbers in Indonesian words, for the board's spoken call: "Nomor antrian A dua belas, silakan ke loket tiga".
/// </summary>
public static partial class IndonesianNumbers
{
    private static readonly string[] Units =
        ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];

    public static string Words(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0) return "nol";
        var sb = new StringBuilder();
        Append(sb, n);
        return sb.ToString().Trim();
    }

    private static void Append(StringBuilder sb, long n)
    {
        if (n == 0) return;
        if (n < 12) Add(sb, Units[n]);
        else if (n < 20) { Add(sb, Units[n - 10]); Add(sb, "belas"); }
        else if (n < 100) { Add(sb, Units[n / 10]); Add(sb, "puluh"); Append(sb, n % 10); }
        else if (n < 200) { Add(sb, "seratus"); Append(sb, n - 100); }
        else if (n < 1000) { Add(sb, Units[n / 100]); Add(sb, "ratus"); Append(sb, n % 100); }
        else if (n < 2000) { Add(sb, "seribu"); Append(sb, n - 1000); }
        else if (n < 1_000_000) { Append(sb, n / 1000); Add(sb, "ribu"); Append(sb, n % 1000); }
        else if (n < 1_000_000_000) { Append(sb, n / 1_000_000); Add(sb, "juta"); Append(sb, n % 1_000_000); }
        else { Append(sb, n / 1_000_000_000); Add(sb, "miliar"); Append(sb, n % 1_000_000_000); }
    }

    private static void Add(StringBuilder sb, string word)
    {
        if (sb.Length > 0) sb.Append(' ');
        sb.Append(word);
    }

    /// <summary>Text with every number spoken in words, in lower case: "Loket 03" → "loket tiga".</summary>
    public static string Spoken(string text) =>
        Digits().Replace(text, m => long.TryParse(m.Value, out var n) ? Words(n) : m.Value).ToLowerInvariant();

    /// <summary>The board's announcement of a call.</summary>
    public static string Announcement(string series, int number, string counterName) =>
        $"Nomor antrian {series} {Words(number)}, silakan ke {Spoken(counterName)}";

    [GeneratedRegex("[0-9]{1,15}")]
    private static partial Regex Digits();
}
