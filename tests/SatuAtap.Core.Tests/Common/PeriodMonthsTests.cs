using SatuAtap.Core.Common;

namespace SatuAtap.Core.Tests.Common;

public sealed class PeriodMonthsTests
{
    [Theory]
    // A year ending on the 1st: the first month's tail, eleven whole months, then one day.
    [InlineData("2025-12-02", "2026-12-01", "2026-01-01", "2026-11-01", "2025-12-02..2025-12-31 2026-12-01..2026-12-01")]
    // Whole months exactly: no edge days.
    [InlineData("2026-01-01", "2026-03-31", "2026-01-01", "2026-03-01", "")]
    // Inside one month: days only.
    [InlineData("2026-02-03", "2026-02-27", null, null, "2026-02-03..2026-02-27")]
    // A whole February of a leap year, then a part of March.
    [InlineData("2028-02-01", "2028-03-05", "2028-02-01", "2028-02-01", "2028-03-01..2028-03-05")]
    // Ending on the last day of February (not a leap year), starting mid-month.
    [InlineData("2026-01-15", "2026-02-28", "2026-02-01", "2026-02-01", "2026-01-15..2026-01-31")]
    // Two partial months side by side: no whole month, one run of days.
    [InlineData("2026-01-15", "2026-02-10", null, null, "2026-01-15..2026-02-10")]
    // A single day that is a whole month's first day but not its last.
    [InlineData("2026-03-01", "2026-03-01", null, null, "2026-03-01..2026-03-01")]
    // Across a year's end.
    [InlineData("2025-11-30", "2026-01-31", "2025-12-01", "2026-01-01", "2025-11-30..2025-11-30")]
    public void Splits_a_period_into_whole_months_and_edge_days(string from, string to, string? firstMonth, string? lastMonth, string edges)
    {
        var parts = PeriodMonths.Of(D(from), D(to));
        Assert.Equal(firstMonth is null ? null : D(firstMonth), parts.FirstMonth);
        Assert.Equal(lastMonth is null ? null : D(lastMonth), parts.LastMonth);
        Assert.Equal(edges, string.Join(" ", parts.EdgeDays.Select(e => $"{e.From:yyyy-MM-dd}..{e.To:yyyy-MM-dd}")));
    }

    [Fact]
    public void Months_and_edges_cover_each_day_of_any_period_exactly_once()
    {
        var start = new DateOnly(2027, 11, 20);
        for (var a = 0; a < 500; a += 7)
            for (var length = 0; length < 430; length += 13)
            {
                var from = start.AddDays(a);
                var to = from.AddDays(length);
                var parts = PeriodMonths.Of(from, to);
                var days = parts.EdgeDays.SelectMany(e => Enumerable.Range(0, e.To.DayNumber - e.From.DayNumber + 1).Select(e.From.AddDays)).ToList();
                if (parts.HasMonths)
                    foreach (var m in PeriodMonths.Months(parts.FirstMonth!.Value, parts.LastMonth!.Value))
                    {
                        Assert.Equal(1, m.Day);
                        days.AddRange(Enumerable.Range(0, DateTime.DaysInMonth(m.Year, m.Month)).Select(m.AddDays));
                    }
                Assert.Equal(Enumerable.Range(0, length + 1).Select(from.AddDays), days.Order());
            }
    }

    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void An_empty_period_has_neither_months_nor_days()
    {
        var parts = PeriodMonths.Of(new DateOnly(2026, 5, 2), new DateOnly(2026, 5, 1));
        Assert.False(parts.HasMonths);
        Assert.Empty(parts.EdgeDays);
    }
}
