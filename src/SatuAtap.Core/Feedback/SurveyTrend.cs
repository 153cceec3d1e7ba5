namespace SatuAtap.Core.Feedback;

/// <summary>The respondents and the nine score sums of one unit on one day.</summary>
public sealed record DayTally(DateOnly Day, long Respondents, IReadOnlyList<long> Sums);

/// <summary>The index of one calendar month of a unit: null index and grade when nobody answered that month.</summary>
public sealed record MonthIndex(string Month, long Respondents, decimal? Ikm, string? Grade, string? Label);

/// <summary>
/// The trend of the index: the days' sums added up per calendar month, and each month's index computed exactly from its
/// sums (<see cref="SatisfactionIndex.Compute"/>), never as an average of daily indexes. Every month of the period is
/// listed, empty ones included, so a chart shows the gaps.
/// </summary>
public static class SurveyTrend
{
    public static IReadOnlyList<MonthIndex> ByMonth(IEnumerable<DayTally> days, DateOnly from, DateOnly to)
    {
        var months = new SortedDictionary<(int Year, int Month), (long N, long[] Sums)>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
            months[(m.Year, m.Month)] = (0, new long[SatisfactionIndex.ElementCount]);
        foreach (var d in days)
        {
            if (d.Day < from || d.Day > to) continue;
            var (n, sums) = months[(d.Day.Year, d.Day.Month)];
            for (var i = 0; i < SatisfactionIndex.ElementCount; i++) sums[i] += d.Sums[i];
            months[(d.Day.Year, d.Day.Month)] = (n + d.Respondents, sums);
        }
        return months.Select(kv =>
        {
            var (n, sums) = kv.Value;
            var result = SatisfactionIndex.Compute(sums.Select(s => new ElementTally(s, n)).ToList());
            return new MonthIndex($"{kv.Key.Year:0000}-{kv.Key.Month:00}", n, result.Ikm is { } ikm ? SatisfactionIndex.Shown(ikm) : null,
                result.Grade?.Code, result.Grade?.DisplayLabel);
        }).ToList();
    }
}
