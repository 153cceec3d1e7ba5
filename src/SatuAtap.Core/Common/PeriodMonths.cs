namespace SatuAtap.Core.Common;

/// <summary>
/// A period of days (inclusive) cut into the whole calendar months inside it, read from the kept month rows, and the
/// days at its edges outside those months, read from the day rows. Together they cover each day of the period exactly
/// once. A month is written as its first day. <see cref="Plan"/> may also read a partial month at an edge from its month
/// row, less the day rows of its days outside the period (<see cref="SubtractDays"/>).
/// </summary>
public sealed record PeriodMonths(DateOnly? FirstMonth, DateOnly? LastMonth, IReadOnlyList<DayRange> EdgeDays)
{
    /// <summary>Days inside the months read but outside the period: their day rows are subtracted (empty from <see cref="Of"/>).</summary>
    public IReadOnlyList<DayRange> SubtractDays { get; init; } = [];

    /// <summary>Every day range read from the day rows, added (<see cref="EdgeDays"/>) or subtracted; at most two from <see cref="Plan"/>.</summary>
    public IReadOnlyList<DayRange> DaysRead => [.. EdgeDays, .. SubtractDays];

    /// <summary>True when at least one whole month lies inside the period.</summary>
    public bool HasMonths => FirstMonth is not null;

    /// <summary>The last day of the last whole month (null without whole months).</summary>
    public DateOnly? MonthsEnd => LastMonth is { } m ? EndOfMonth(m) : null;

    public static PeriodMonths Of(DateOnly from, DateOnly to)
    {
        if (to < from) return new PeriodMonths(null, null, []);
        var first = from.Day == 1 ? from : StartOfMonth(from).AddMonths(1);
        var last = to == EndOfMonth(to) ? StartOfMonth(to) : StartOfMonth(to).AddMonths(-1);
        if (last < first) return new PeriodMonths(null, null, [new DayRange(from, to)]);
        var edges = new List<DayRange>(2);
        if (from < first) edges.Add(new DayRange(from, first.AddDays(-1)));
        var end = EndOfMonth(last);
        if (end < to) edges.Add(new DayRange(end.AddDays(1), to));
        return new PeriodMonths(first, last, edges);
    }

    /// <summary>
    /// Like <see cref="Of"/>, but a partial month at either edge with more days inside the period than outside it is read
    /// from its month row, less the day rows of its days outside the period, when its month row holds the whole month
    /// (months up to <paramref name="lastCompleteMonth"/>, a first day; <see cref="DateOnly.MaxValue"/> when every month
    /// row is always complete; the whole months inside the period are taken as complete). Each day of the period is then counted once (months and added days once, subtracted days
    /// cancelling their month's), each day outside it not at all, and a rolling year ending today reads twelve months and
    /// one day instead of eleven months and a month of days.
    /// </summary>
    public static PeriodMonths Plan(DateOnly from, DateOnly to, DateOnly lastCompleteMonth)
    {
        var whole = Of(from, to);
        if (to < from) return whole;
        DateOnly leading = StartOfMonth(from), trailing = StartOfMonth(to);
        // The period's days in a month (first to last) read better from the month row when they are more than half of it.
        bool ByMonth(DateOnly month, DateOnly first, DateOnly last)
        {
            var inside = last.DayNumber - first.DayNumber + 1;
            var days = DateTime.DaysInMonth(month.Year, month.Month);
            return month <= lastCompleteMonth && inside < days && inside > days - inside;
        }
        if (leading == trailing)
        {
            if (!ByMonth(leading, from, to)) return whole;
            var outside = new List<DayRange>(2);
            if (from > leading) outside.Add(new DayRange(leading, from.AddDays(-1)));
            if (to < EndOfMonth(to)) outside.Add(new DayRange(to.AddDays(1), EndOfMonth(to)));
            return new PeriodMonths(leading, leading, []) { SubtractDays = outside };
        }
        DateOnly? firstMonth = whole.FirstMonth, lastMonth = whole.LastMonth;
        var add = new List<DayRange>(2);
        var subtract = new List<DayRange>(2);
        if (from > leading)
        {
            if (ByMonth(leading, from, EndOfMonth(from)))
            {
                firstMonth = leading;
                lastMonth ??= leading;
                subtract.Add(new DayRange(leading, from.AddDays(-1)));
            }
            else add.Add(new DayRange(from, EndOfMonth(from)));
        }
        if (to < EndOfMonth(to))
        {
            if (ByMonth(trailing, trailing, to))
            {
                lastMonth = trailing;
                firstMonth ??= trailing;
                subtract.Add(new DayRange(to.AddDays(1), EndOfMonth(to)));
            }
            else add.Add(new DayRange(trailing, to));
        }
        return new PeriodMonths(firstMonth, lastMonth, add) { SubtractDays = subtract };
    }

    /// <summary>The months from <paramref name="first"/> to <paramref name="last"/> (first days of months).</summary>
    public static IEnumerable<DateOnly> Months(DateOnly first, DateOnly last)
    {
        for (var m = StartOfMonth(first); m <= last; m = m.AddMonths(1)) yield return m;
    }

    public static DateOnly StartOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    public static DateOnly EndOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}

/// <summary>Days from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To);
