namespace SatuAtap.Core.Catalog;

/// <summary>
/// Working-day arithmetic: Monday to Friday, except national holidays and collective leave days.
/// Pure and immutable, so that it can be shared and tested without a database.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _daysOff;

    public WorkingDayCalendar(IEnumerable<DateOnly> daysOff) => _daysOff = [.. daysOff];

    public static WorkingDayCalendar Empty { get; } = new([]);

    /// <summary>A national holiday or collective leave (whatever the weekday).</summary>
    public bool IsDayOff(DateOnly date) => _daysOff.Contains(date);

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_daysOff.Contains(date);

    /// <summary>
    /// The due date of a task of <paramref name="workingDays"/> working days begun on <paramref name="start"/>:
    /// counting starts on the first working day after the start, and the due date is the N-th working day.
    /// Zero working days means the same day (a service completed on the spot).
    /// </summary>
    /// <summary>The most working days one question may add (about 14 years): the answer never leaves the calendar.</summary>
    public const int MaxWorkingDays = 3650;

    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);
        if (!Common.SupportedDates.Contains(start))
            throw new ArgumentOutOfRangeException(nameof(start), start, "The start must be within SupportedDates (2000-01-01 to 2100-12-31).");
        var date = start;
        var counted = 0;
        while (counted < workingDays)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }
        return date;
    }

    /// <summary>Working days strictly after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }
}

/// <summary>
/// Which years the holiday calendar does not cover yet. Holidays come from each year's joint decree, published late in
/// the year before; until a year has any day recorded, due dates that reach into it skip only weekends. The current
/// year is always checked; the next one from <see cref="WarnFromMonth"/> on, when due dates start to cross into it.
/// </summary>
public static class CalendarCoverage
{
    public const int WarnFromMonth = 10;

    public static IReadOnlyList<int> MissingYears(DateOnly today, IEnumerable<int> yearsWithHolidays)
    {
        var known = yearsWithHolidays.ToHashSet();
        var check = today.Month >= WarnFromMonth ? new[] { today.Year, today.Year + 1 } : [today.Year];
        return check.Where(y => !known.Contains(y)).ToList();
    }
}

