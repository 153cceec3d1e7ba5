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

    [Theory]
    // A rolling year ending on the 1st: the first month's row less its first day, eleven whole months, then one day.
    [InlineData("2025-12-02", "2026-12-01", "9999-12-01", "2025-12-01", "2026-11-01", "2026-12-01..2026-12-01", "2025-12-01..2025-12-01")]
    // Month rows complete up to October only: November's long part is read per day.
    [InlineData("2025-12-02", "2026-11-20", "2026-10-01", "2025-12-01", "2026-10-01", "2026-11-01..2026-11-20", "2025-12-01..2025-12-01")]
    // A short leading month (days) and a long trailing month (its row less the days after the period).
    [InlineData("2026-01-28", "2026-03-25", "9999-12-01", "2026-02-01", "2026-03-01", "2026-01-28..2026-01-31", "2026-03-26..2026-03-31")]
    // Long at both edges, no whole month between: two month rows less the days outside.
    [InlineData("2026-01-05", "2026-02-20", "9999-12-01", "2026-01-01", "2026-02-01", "", "2026-01-01..2026-01-04 2026-02-21..2026-02-28")]
    // Short at both edges: days only.
    [InlineData("2026-01-20", "2026-02-10", "9999-12-01", null, null, "2026-01-20..2026-01-31 2026-02-01..2026-02-10", "")]
    // Inside one month, more than half of it: the month's row less the days before and after.
    [InlineData("2026-04-03", "2026-04-25", "9999-12-01", "2026-04-01", "2026-04-01", "", "2026-04-01..2026-04-02 2026-04-26..2026-04-30")]
    // Inside one month, exactly half of it: days.
    [InlineData("2026-04-01", "2026-04-15", "9999-12-01", null, null, "2026-04-01..2026-04-15", "")]
    // Inside one month whose row is not complete: days.
    [InlineData("2026-04-03", "2026-04-25", "2026-03-01", null, null, "2026-04-03..2026-04-25", "")]
    // Whole months: nothing to subtract.
    [InlineData("2026-01-01", "2026-03-31", "9999-12-01", "2026-01-01", "2026-03-01", "", "")]
    public void Plans_long_partial_months_as_their_month_less_the_days_outside(string from, string to, string complete, string? firstMonth,
        string? lastMonth, string add, string subtract)
    {
        var plan = PeriodMonths.Plan(D(from), D(to), D(complete));
        Assert.Equal(firstMonth is null ? null : D(firstMonth), plan.FirstMonth);
        Assert.Equal(lastMonth is null ? null : D(lastMonth), plan.LastMonth);
        Assert.Equal(add, string.Join(" ", plan.EdgeDays.Select(e => $"{e.From:yyyy-MM-dd}..{e.To:yyyy-MM-dd}")));
        Assert.Equal(subtract, string.Join(" ", plan.SubtractDays.Select(e => $"{e.From:yyyy-MM-dd}..{e.To:yyyy-MM-dd}")));
    }

    [Fact]
    public void A_plan_counts_each_day_of_any_period_once_and_no_other_day()
    {
        var start = new DateOnly(2027, 11, 20);
        foreach (var complete in new[] { DateOnly.MaxValue, new DateOnly(2028, 3, 1), new DateOnly(2027, 1, 1) })
            for (var a = 0; a < 500; a += 7)
                for (var length = 0; length < 430; length += 4)
                {
                    var from = start.AddDays(a);
                    var to = from.AddDays(length);
                    var plan = PeriodMonths.Plan(from, to, complete);
                    var count = new Dictionary<DateOnly, int>();
                    void Count(DateOnly first, DateOnly last, int sign)
                    {
                        Assert.True(first <= last, "no empty range");
                        for (var d = first; d <= last; d = d.AddDays(1)) count[d] = count.GetValueOrDefault(d) + sign;
                    }
                    foreach (var e in plan.EdgeDays) Count(e.From, e.To, 1);
                    foreach (var e in plan.SubtractDays) Count(e.From, e.To, -1);
                    if (plan.HasMonths)
                        foreach (var m in PeriodMonths.Months(plan.FirstMonth!.Value, plan.LastMonth!.Value))
                        {
                            Assert.Equal(1, m.Day);
                            Count(m, PeriodMonths.EndOfMonth(m), 1);
                            // A month read beyond the period's days needs a complete month row.
                            if (m < from || PeriodMonths.EndOfMonth(m) > to) Assert.True(m <= complete);
                        }
                    Assert.Equal(Enumerable.Range(0, length + 1).Select(from.AddDays), count.Where(c => c.Value != 0).Select(c => c.Key).Order());
                    Assert.All(count.Where(c => c.Value != 0), c => Assert.Equal(1, c.Value));
                    Assert.True(plan.DaysRead.Count <= 2, "at most two day ranges");
                    // Never more rows than the plain split: subtracting only where it reads fewer days.
                    var plain = PeriodMonths.Of(from, to);
                    Assert.True(plan.DaysRead.Sum(Days) <= plain.EdgeDays.Sum(Days));
                }
    }

    private static int Days(DayRange r) => r.To.DayNumber - r.From.DayNumber + 1;

    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void An_empty_period_has_neither_months_nor_days()
    {
        var parts = PeriodMonths.Of(new DateOnly(2026, 5, 2), new DateOnly(2026, 5, 1));
        Assert.False(parts.HasMonths);
        Assert.Empty(parts.EdgeDays);
    }
}
