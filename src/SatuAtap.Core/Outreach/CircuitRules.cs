using SatuAtap.Core.Common;

namespace SatuAtap.Core.Outreach;

/// <summary>
/// A recurring visit rule: from <see cref="First"/> (its weekday is the rule's weekday) every <see cref="EveryWeeks"/>
/// weeks until <see cref="Until"/>, from <see cref="Start"/> to <see cref="End"/> in the stop's time. "Each stop every
/// second Tuesday" is a rule per stop with <c>EveryWeeks = 2</c> and a Tuesday as the first date.
/// With <see cref="Monthly"/> set the rule is instead one visit a month on that weekday of the month ("the 2nd
/// Tuesday", "the last Friday") between <see cref="First"/> and <see cref="Until"/>; <see cref="EveryWeeks"/> is then
/// not used.
/// </summary>
public sealed record CircuitRule(DateOnly First, int EveryWeeks, DateOnly Until, TimeOnly Start, TimeOnly End, NthWeekday? Monthly = null);

/// <summary>
/// The nth weekday of a month: <see cref="N"/> 1 to 4 counts from the month's start (1 = the first), and
/// <see cref="Last"/> (-1) is the last one of the month.
/// </summary>
public readonly record struct NthWeekday(int N, DayOfWeek Weekday)
{
    public const int Last = -1;
    public const int MaxN = 4;

    public bool IsValid => N is (>= 1 and <= MaxN) or Last && Enum.IsDefined(Weekday);

    /// <summary>That weekday in the given month.</summary>
    public DateOnly In(int year, int month)
    {
        if (!IsValid) throw new InvalidOperationException("Not a valid nth weekday.");
        if (N == Last)
        {
            var end = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return end.AddDays(-(((int)end.DayOfWeek - (int)Weekday + 7) % 7));
        }
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)Weekday - (int)first.DayOfWeek + 7) % 7 + 7 * (N - 1));
    }
}

/// <summary>A span of time in UTC; two spans overlap when each starts before the other ends (touching is no overlap).</summary>
public readonly record struct TimeSpanUtc(DateTime StartUtc, DateTime EndUtc)
{
    public bool Overlaps(TimeSpanUtc other) => StartUtc < other.EndUtc && other.StartUtc < EndUtc;
}

/// <summary>The rules of the circuit: expanding a recurring rule, skipping the days off, refusing overlaps.</summary>
public static class CircuitRules
{
    /// <summary>A rule may span at most this many days (a year, a leap year's included).</summary>
    public const int MaxSpanDays = 366;
    public const int MaxEveryWeeks = 52;

    /// <summary>What is wrong with a rule, by field; empty when it can be expanded.</summary>
    public static IReadOnlyDictionary<string, string[]> Check(CircuitRule rule)
    {
        var errors = new FieldErrors();
        if (rule.Monthly is { } monthly)
        {
            if (monthly.N is not ((>= 1 and <= NthWeekday.MaxN) or NthWeekday.Last))
                errors.Add("nthWeekday", Lang.T($"Harus 1 sampai {NthWeekday.MaxN}, atau -1 untuk yang terakhir dalam bulan.",
                    $"Must be 1 to {NthWeekday.MaxN}, or -1 for the last of the month."));
            if (!Enum.IsDefined(monthly.Weekday))
                errors.Add("weekday", Lang.T("Hari tidak dikenal.", "Unknown weekday."));
        }
        else if (rule.EveryWeeks is < 1 or > MaxEveryWeeks)
            errors.Add("everyWeeks", Lang.T($"Harus 1 sampai {MaxEveryWeeks} minggu.", $"Must be 1 to {MaxEveryWeeks} weeks."));
        if (rule.Until < rule.First)
            errors.Add("until", Lang.T("Tanggal akhir harus sama dengan atau setelah tanggal pertama.", "The last date must be on or after the first date."));
        else if (rule.Until.DayNumber - rule.First.DayNumber > MaxSpanDays)
            errors.Add("until", Lang.T($"Aturan ini menghasilkan kunjungan lebih dari setahun; paling lama {MaxSpanDays} hari.",
                $"This rule expands to more than a year of visits; at most {MaxSpanDays} days."));
        if (rule.End <= rule.Start)
            errors.Add("end", Lang.T("Jam selesai harus setelah jam mulai.", "The end must be after the start."));
        return errors.ToDictionary();
    }

    /// <summary>The dates of the rule, in order. The rule must have passed <see cref="Check"/>.</summary>
    public static IReadOnlyList<DateOnly> Expand(CircuitRule rule)
    {
        if (Check(rule).Count > 0) throw new ArgumentException("The rule is not valid.", nameof(rule));
        var days = new List<DateOnly>();
        if (rule.Monthly is { } monthly)
        {
            for (var month = new DateOnly(rule.First.Year, rule.First.Month, 1); month <= rule.Until; month = month.AddMonths(1))
                if (monthly.In(month.Year, month.Month) is var day && day >= rule.First && day <= rule.Until) days.Add(day);
            return days;
        }
        for (var day = rule.First; day <= rule.Until; day = day.AddDays(7 * rule.EveryWeeks)) days.Add(day);
        return days;
    }

    /// <summary>Splits the dates into those the unit goes on and those on the holiday calendar's days off.</summary>
    public static (IReadOnlyList<DateOnly> Kept, IReadOnlyList<DateOnly> DaysOff) SkipDaysOff(IEnumerable<DateOnly> days, IReadOnlySet<DateOnly> daysOff)
    {
        var kept = new List<DateOnly>();
        var off = new List<DateOnly>();
        foreach (var day in days) (daysOff.Contains(day) ? off : kept).Add(day);
        return (kept, off);
    }

    /// <summary>The first of the unit's other visits that the candidate overlaps, or null.</summary>
    public static TimeSpanUtc? FirstClash(TimeSpanUtc candidate, IEnumerable<TimeSpanUtc> others) =>
        others.Where(candidate.Overlaps).OrderBy(o => o.StartUtc).Cast<TimeSpanUtc?>().FirstOrDefault();

    /// <summary>Candidates that overlap each other (two visits of one plan at the same time), as pairs of indexes.</summary>
    public static (int, int)? FirstClashWithin(IReadOnlyList<TimeSpanUtc> candidates)
    {
        var order = candidates.Select((c, i) => (c, i)).OrderBy(x => x.c.StartUtc).ToList();
        for (var k = 1; k < order.Count; k++)
            if (order[k - 1].c.Overlaps(order[k].c)) return (order[k - 1].i, order[k].i);
        return null;
    }
}

/// <summary>
/// Trips saved by a visit: each person served at the stop did not travel from the stop to the mall. Distance and time
/// are one way, as the stop records them; the fare is the distance at the configured cost per kilometre.
/// </summary>
public sealed record TripsSaved(int People, double Kilometres, double Hours, long FareRupiah)
{
    public static TripsSaved Of(int peopleServed, double roadDistanceKm, int travelMinutes, long costPerKmRupiah)
    {
        var km = peopleServed * roadDistanceKm;
        return new TripsSaved(peopleServed, Math.Round(km, 1), Math.Round(peopleServed * travelMinutes / 60.0, 1),
            (long)Math.Round(km * costPerKmRupiah, MidpointRounding.AwayFromZero));
    }

    public static TripsSaved Sum(IEnumerable<TripsSaved> all)
    {
        var list = all.ToList();
        return new TripsSaved(list.Sum(t => t.People), Math.Round(list.Sum(t => t.Kilometres), 1), Math.Round(list.Sum(t => t.Hours), 1), list.Sum(t => t.FareRupiah));
    }
}
