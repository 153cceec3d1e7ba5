using System.Globalization;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Outreach;

/// <summary>How a visit's time is written, always in the stop's own zone: "Selasa, 8 Desember 2026, 08.00–14.00 WIB".</summary>
public static class VisitTimes
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The Indonesian name of a zone (WIB, WITA, WIT), else its UTC offset.</summary>
    public static string ZoneName(DateTimeOffset at, string timeZone) => Queue.SiteClock.ZoneName(at, timeZone);

    public static string Span(DateTimeOffset start, DateTimeOffset end, string timeZone, bool english) =>
        english
            ? $"{start.ToString("dddd d MMMM yyyy", En)}, {start:HH:mm}–{end:HH:mm} {ZoneName(start, timeZone)}"
            : $"{start.ToString("dddd, d MMMM yyyy", Id)}, {start.ToString("HH.mm", Id)}–{end.ToString("HH.mm", Id)} {ZoneName(start, timeZone)}";

    /// <summary>In the language of the current request.</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end, string timeZone) => Span(start, end, timeZone, Lang.IsEnglish);

    public static string Hours(DateTimeOffset start, DateTimeOffset end, string timeZone) =>
        Lang.IsEnglish ? $"{start:HH:mm}–{end:HH:mm} {ZoneName(start, timeZone)}"
            : $"{start.ToString("HH.mm", Id)}–{end.ToString("HH.mm", Id)} {ZoneName(start, timeZone)}";

    public static string Day(DateTimeOffset start) => Day(start, Lang.IsEnglish);

    public static string Day(DateTimeOffset start, bool english) =>
        english ? start.ToString("dddd d MMMM yyyy", En) : start.ToString("dddd, d MMMM yyyy", Id);
}
