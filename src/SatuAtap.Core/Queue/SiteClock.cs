using System.Globalization;

namespace SatuAtap.Core.Queue;

/// <summary>Converting between UTC (stored) and a site's zone (shown), and the booking window.</summary>
public static class SiteClock
{
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

    public static DateTimeOffset Offset(DateTime utc, TimeZoneInfo zone)
    {
        var u = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(u).ToOffset(zone.GetUtcOffset(u));
    }

    /// <summary>The Indonesian name of a zone (WIB, WITA, WIT), else its UTC offset.</summary>
    public static string ZoneName(DateTimeOffset at, string timeZone) => timeZone switch
    {
        "Asia/Jakarta" or "Asia/Pontianak" => "WIB",
        "Asia/Makassar" => "WITA",
        "Asia/Jayapura" => "WIT",
        _ => "UTC" + at.ToString("zzz", CultureInfo.InvariantCulture),
    };

    public static DateOnly Today(DateTime utcNow, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(utcNow, zone));

    /// <summary>When a slot on <paramref name="day"/> opens for booking: that many days before, at that hour, site time.</summary>
    public static DateTime BookingOpensUtc(DateOnly day, TimeZoneInfo zone, int daysAhead, int hour) =>
        ToUtc(day.AddDays(-daysAhead).ToDateTime(new TimeOnly(hour, 0)), zone);

    /// <summary>
    /// An instant from the API: ISO 8601 with an offset or <c>Z</c>, or without one meaning site time. Never the
    /// server's own zone.
    /// </summary>
    public static DateTime? ParseInstant(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");
        if (hasOffset)
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var o) ? o.UtcDateTime : null;
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? ToUtc(local, zone) : null;
    }
}
