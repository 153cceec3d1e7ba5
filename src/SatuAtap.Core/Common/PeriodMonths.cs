namespace SatuAtap.Core.Common;

/// <summary>
/// A period of days (inclusive) cut into the whole calendar months inside it, read from the kept month rows, and the
/// days at its edges outside those months, read from the day rows. Together they cover each day of the period exactly
/// once. A month is written as its first day.
/// </summary>
public sealed record PeriodMonths(DateOnly? FirstMonth, DateOnly? LastMonth, IReadOnlyList<DayRange> EdgeDays)
{
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
