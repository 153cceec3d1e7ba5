using SatuAtap.Core.Feedback;

namespace SatuAtap.Core.Tests.Feedback;

public sealed class SurveyTrendTests
{
    private static DayTally Day(int year, int month, int day, long n, params long[] sums) => new(new DateOnly(year, month, day), n, sums);

    [Fact]
    public void Every_month_of_the_period_is_listed_and_a_month_without_answers_has_no_index()
    {
        var months = SurveyTrend.ByMonth([Day(2026, 3, 10, 1, 4, 4, 4, 4, 4, 4, 4, 4, 4)], new DateOnly(2026, 1, 15), new DateOnly(2026, 4, 2));
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04"], months.Select(m => m.Month));
        Assert.All(months.Where(m => m.Month != "2026-03"), m => { Assert.Equal(0, m.Respondents); Assert.Null(m.Ikm); Assert.Null(m.Grade); });
        Assert.Equal(100m, months[2].Ikm);
        Assert.Equal("A", months[2].Grade);
    }

    [Fact]
    public void A_months_index_comes_from_its_summed_scores_not_from_an_average_of_days()
    {
        // Day one: 1 respondent, all fours (index 100). Day two: 3 respondents, all ones (index 25).
        // The month: NRR = (4 + 3) ÷ 4 = 1.75 for each element, index 43.75 (D); the mean of the two days would be 62.5.
        var days = new[] { Day(2026, 5, 4, 1, 4, 4, 4, 4, 4, 4, 4, 4, 4), Day(2026, 5, 5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3) };
        var may = Assert.Single(SurveyTrend.ByMonth(days, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31)));
        Assert.Equal(4, may.Respondents);
        Assert.Equal(43.75m, may.Ikm);
        Assert.Equal("D", may.Grade);
    }

    [Fact]
    public void Days_outside_the_period_are_left_out_and_the_year_boundary_is_kept()
    {
        var days = new[] { Day(2025, 12, 31, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2), Day(2026, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3), Day(2026, 2, 1, 1, 4, 4, 4, 4, 4, 4, 4, 4, 4) };
        var months = SurveyTrend.ByMonth(days, new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 31));
        Assert.Equal(["2025-12", "2026-01"], months.Select(m => m.Month));
        Assert.Equal(50m, months[0].Ikm);
        Assert.Equal(75m, months[1].Ikm);
    }
}
