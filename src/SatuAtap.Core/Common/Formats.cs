using System.Globalization;

namespace SatuAtap.Core.Common;

/// <summary>How amounts and dates are written for Indonesian readers: <c>Rp 1.500.000</c>, <c>20 Juni 2024</c>.</summary>
public static class Formats
{
    private static readonly CultureInfo IdCulture = CultureInfo.GetCultureInfo("id-ID");
    private static readonly CultureInfo EnCulture = CultureInfo.GetCultureInfo("en-GB");

    public static string Rupiah(long amount) =>
        "Rp " + amount.ToString("#,0", IdCulture);

    /// <summary>A cost as the citizen reads it: <c>Gratis</c> (Free) when nothing is charged.</summary>
    public static string Cost(long amount) => amount == 0 ? Lang.T("Gratis", "Free") : Rupiah(amount);

    public static string Date(DateOnly date) =>
        date.ToString("d MMMM yyyy", Lang.IsEnglish ? EnCulture : IdCulture);

    public static string DateTime(DateTime local) =>
        local.ToString("d MMMM yyyy HH:mm", Lang.IsEnglish ? EnCulture : IdCulture);

    public static string Weekday(DayOfWeek day) =>
        (Lang.IsEnglish ? EnCulture : IdCulture).DateTimeFormat.GetDayName(day);
}
