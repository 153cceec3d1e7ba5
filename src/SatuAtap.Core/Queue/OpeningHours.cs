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

/// <summary>A weekday's hours as the API and the page send them: ISO weekday (1 Monday … 7 Sunday), "08:00", "15:00".</summary>
public sealed record SiteHoursItem(int? Weekday, string? Opens, string? Closes);

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

    /// <summary>"24:00" as stored: the last microsecond of the day (a time of day cannot be 24:00; both databases keep microseconds).</summary>
    public static readonly TimeOnly EndOfDay = new(23, 59, 59, 999, 999);

    /// <summary>The most weekdays a week has.</summary>
    public const int MaxDays = 7;

    /// <summary>
    /// A week's hours from what a manager sent, or the errors by field (<c>[0].opens</c>): each weekday 1–7 at most once,
    /// times "HH:mm" from 00:00 to 24:00, opening before closing, at least one open day (a weekday absent is closed).
    /// The week comes back ordered by weekday.
    /// </summary>
    public static (List<SiteHours> Week, IReadOnlyDictionary<string, string[]> Errors) Read(IReadOnlyList<SiteHoursItem?>? items)
    {
        var errors = new FieldErrors();
        var week = new List<SiteHours>();
        if (items is null || items.Count == 0)
        {
            errors.Add("hours", Lang.T("Isi jam buka paling sedikit satu hari; hari yang tidak diisi berarti tutup.",
                "Give the hours of at least one day; a day left out is closed."));
            return (week, errors.ToDictionary());
        }
        if (items.Count > MaxDays)
        {
            errors.Add("hours", Lang.T($"Paling banyak {MaxDays} hari.", $"At most {MaxDays} days."));
            return (week, errors.ToDictionary());
        }
        var seen = new HashSet<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null) { errors.Missing($"[{i}]"); continue; }
            if (item.Weekday is not { } day) errors.Missing($"[{i}].weekday");
            else if (day is < 1 or > 7) errors.Add($"[{i}].weekday", Lang.T("Hari harus 1 (Senin) sampai 7 (Minggu).", "The weekday must be 1 (Monday) to 7 (Sunday)."));
            else if (!seen.Add(day)) errors.Add($"[{i}].weekday", Lang.T("Hari ini sudah diisi di baris lain.", "This weekday is already given in another row."));
            var opens = Time(item.Opens, $"[{i}].opens", errors);
            var closes = Time(item.Closes, $"[{i}].closes", errors);
            if (opens is { } o && closes is { } c && c <= o)
                errors.Add($"[{i}].closes", Lang.T("Jam tutup harus setelah jam buka.", "Closing must be after opening."));
            if (item.Weekday is { } d && opens is not null && closes is not null) week.Add(new SiteHours { Weekday = d, Opens = opens.Value, Closes = closes.Value });
        }
        if (errors.Any) return (new List<SiteHours>(), errors.ToDictionary());
        return (week.OrderBy(h => h.Weekday).ToList(), errors.ToDictionary());
    }

    /// <summary>"08:00" (also "8:00" and "08.00"); "24:00" is the end of the day; null with the error added.</summary>
    private static TimeOnly? Time(string? text, string field, FieldErrors errors)
    {
        var t = text?.Trim().Replace('.', ':');
        if (string.IsNullOrEmpty(t)) { errors.Missing(field); return null; }
        var parts = t.Split(':');
        if (parts.Length == 2 && parts[0].Length is 1 or 2 && parts[1].Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 60)
        {
            if (h < 24) return new TimeOnly(h, m);
            if (h == 24 && m == 0) return EndOfDay;
        }
        errors.Add(field, Lang.T("Tulis jam sebagai JJ:MM dari 00:00 sampai 24:00.", "Write the time as HH:mm from 00:00 to 24:00."));
        return null;
    }

    /// <summary>A time as the API writes it: "08:00"; the end of the day is "24:00".</summary>
    public static string Format(TimeOnly t) => t >= new TimeOnly(23, 59, 59) ? "24:00" : t.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The week as the API answers it, ordered by weekday.</summary>
    public static IReadOnlyList<SiteHoursItem> Items(IEnumerable<SiteHours> week) =>
        week.OrderBy(h => h.Weekday).Select(h => new SiteHoursItem(h.Weekday, Format(h.Opens), Format(h.Closes))).ToList();

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
        string Time(TimeOnly t) => t >= new TimeOnly(23, 59, 59) ? (english ? "24:00" : "24.00") : t.ToString(english ? "HH:mm" : "HH.mm", culture);
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
