using System.Globalization;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Queue;

/// <summary>
/// A site's hours on one weekday, in the site's own time: from <see cref="Opens"/> to <see cref="Closes"/> (one span
/// a day). Stored with the site (table <c>QueueSiteHours</c>); a weekday without a row is a closed day.
/// </summary>
public sealed class SiteHours
{
    /// <summary>ISO weekday: 1 Monday … 7 Sunday.</summary>
    public int Weekday { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}

/// <summary>An open span of a site, in UTC.</summary>
public readonly record struct OpenSpan(DateTime StartUtc, DateTime EndUtc);

/// <summary>Whether a site is open now, and when not, when it opens next (null: no opening known ahead).</summary>
public sealed record OpeningCheck(bool Open, DateTime? NextOpensUtc);

/// <summary>
/// The opening-hours rules of a site, pure: the spans of the coming days from the weekly hours and the days off of the
/// holiday calendar, whether an instant falls in one, and when a booking's check-in opens.
/// </summary>
public static class OpeningHours
{
    /// <summary>How far ahead the next opening is looked for.</summary>
    public const int LookAheadDays = 60;

    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    public static int IsoWeekday(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;

    /// <summary>
    /// The open spans of <paramref name="days"/> days from <paramref name="from"/> (site days): each day's hours of its
    /// weekday, none on a day off (national holiday or collective leave).
    /// </summary>
    public static IReadOnlyList<OpenSpan> Spans(DateOnly from, int days, TimeZoneInfo zone, IEnumerable<SiteHours> week, Func<DateOnly, bool> isDayOff)
    {
        var byDay = week.Where(h => h.Closes > h.Opens).GroupBy(h => h.Weekday).ToDictionary(g => g.Key, g => g.First());
        var spans = new List<OpenSpan>();
        if (byDay.Count == 0) return spans;
        for (var day = from; day < from.AddDays(days); day = day.AddDays(1))
        {
            if (isDayOff(day) || !byDay.TryGetValue(IsoWeekday(day.DayOfWeek), out var h)) continue;
            spans.Add(new OpenSpan(SiteClock.ToUtc(day.ToDateTime(h.Opens), zone), SiteClock.ToUtc(day.ToDateTime(h.Closes), zone)));
        }
        return spans;
    }

    /// <summary>Open when <paramref name="nowUtc"/> is within a span (its start included, its end not); otherwise the earliest later start.</summary>
    public static OpeningCheck Check(DateTime nowUtc, IEnumerable<OpenSpan> spans)
    {
        DateTime? next = null;
        foreach (var s in spans)
        {
            if (s.StartUtc <= nowUtc && nowUtc < s.EndUtc) return new OpeningCheck(true, null);
            if (s.StartUtc > nowUtc && (next is null || s.StartUtc < next)) next = s.StartUtc;
        }
        return new OpeningCheck(false, next);
    }

    /// <summary>When a booking of a slot starting at <paramref name="slotStartUtc"/> may be checked in at the kiosk.</summary>
    public static DateTime CheckInOpensUtc(DateTime slotStartUtc, int minutesBefore) => slotStartUtc.AddMinutes(-minutesBefore);

    /// <summary>"Senin, 7 Desember 2026 pukul 08.00 WIB" (English: "Monday 7 December 2026 at 08:00 WIB"), in the site's zone.</summary>
    public static string Describe(DateTime utc, TimeZoneInfo zone, string timeZone, bool english)
    {
        var at = SiteClock.Offset(utc, zone);
        var name = SiteClock.ZoneName(at, timeZone);
        return english
            ? $"{at.ToString("dddd d MMMM yyyy", En)} at {at.ToString("HH:mm", En)} {name}"
            : $"{at.ToString("dddd, d MMMM yyyy", Id)} pukul {at.ToString("HH.mm", Id)} {name}";
    }

    /// <summary>In the language of the current request.</summary>
    public static string Describe(DateTime utc, Site site) => Describe(utc, site.Zone, site.TimeZone, Lang.IsEnglish);

    /// <summary>A week's hours as people read them, consecutive days with the same hours together: "Senin–Kamis 08.00–15.00".</summary>
    public static IReadOnlyList<string> Summary(IEnumerable<SiteHours> week, bool english)
    {
        var culture = english ? En : Id;
        var days = week.Where(h => h.Closes > h.Opens && h.Weekday is >= 1 and <= 7).OrderBy(h => h.Weekday).ToList();
        var lines = new List<string>();
        string Name(int iso) => culture.DateTimeFormat.GetDayName((DayOfWeek)(iso % 7));
        string Time(TimeOnly t) => t.ToString(english ? "HH:mm" : "HH.mm", culture);
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1].Weekday == days[j].Weekday + 1 && days[j + 1].Opens == days[i].Opens && days[j + 1].Closes == days[i].Closes) j++;
            var span = i == j ? Name(days[i].Weekday) : $"{Name(days[i].Weekday)}–{Name(days[j].Weekday)}";
            lines.Add($"{span} {Time(days[i].Opens)}–{Time(days[i].Closes)}");
            i = j + 1;
        }
        return lines;
    }
}
