using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Tests.Queue;

/// <summary>A manager's week of opening hours: what is taken, and what is refused naming the row's field.</summary>
public sealed class SiteHoursRulesTests
{
    private static SiteHoursItem Day(int? weekday, string? opens, string? closes) => new(weekday, opens, closes);

    [Fact]
    public void A_week_is_read_in_weekday_order_and_a_day_left_out_is_closed()
    {
        var (week, errors) = OpeningHours.Read([Day(5, "08:00", "14:30"), Day(1, "8:00", "15.00"), Day(6, "00:00", "24:00")]);
        Assert.Empty(errors);
        Assert.Equal([1, 5, 6], week.Select(h => h.Weekday));
        Assert.Equal(new TimeOnly(8, 0), week[0].Opens);
        Assert.Equal(new TimeOnly(15, 0), week[0].Closes);
        Assert.Equal(new TimeOnly(14, 30), week[1].Closes);
        Assert.Equal(OpeningHours.EndOfDay, week[2].Closes);
        Assert.Equal(["Senin 08.00–15.00", "Jumat 08.00–14.30", "Sabtu 00.00–24.00"], OpeningHours.Summary(week, english: false));
        Assert.Equal("24:00", OpeningHours.Items(week)[2].Closes);
        Assert.Equal("08:00", OpeningHours.Items(week)[0].Opens);
    }

    [Fact]
    public void A_day_that_does_not_open_before_it_closes_is_refused()
    {
        Assert.Contains("[0].closes", OpeningHours.Read([Day(1, "15:00", "08:00")]).Errors.Keys);
        Assert.Contains("[1].closes", OpeningHours.Read([Day(1, "08:00", "15:00"), Day(2, "09:00", "09:00")]).Errors.Keys);
    }

    [Theory]
    [InlineData("24:01")]
    [InlineData("25:00")]
    [InlineData("08:60")]
    [InlineData("-1:00")]
    [InlineData("8")]
    [InlineData("pagi")]
    [InlineData("08:00:00")]
    public void A_time_outside_the_day_or_unreadable_is_refused(string time)
    {
        var errors = OpeningHours.Read([Day(2, time, "15:00")]).Errors;
        Assert.Equal(["[0].opens"], errors.Keys);
    }

    [Fact]
    public void A_weekday_twice_or_outside_1_to_7_is_refused()
    {
        var (week, errors) = OpeningHours.Read([Day(1, "08:00", "15:00"), Day(1, "09:00", "12:00"), Day(0, "08:00", "15:00"), Day(8, "08:00", "15:00")]);
        Assert.Empty(week);
        Assert.Equal(["[1].weekday", "[2].weekday", "[3].weekday"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_values_an_empty_week_and_more_than_seven_days_are_refused()
    {
        var (_, errors) = OpeningHours.Read([Day(null, null, " "), null]);
        Assert.Equal(["[0].closes", "[0].opens", "[0].weekday", "[1]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["hours"], OpeningHours.Read([]).Errors.Keys);
        Assert.Equal(["hours"], OpeningHours.Read(null).Errors.Keys);
        Assert.Equal(["hours"], OpeningHours.Read(Enumerable.Range(1, 8).Select(d => (SiteHoursItem?)Day(d % 7 + 1, "08:00", "15:00")).ToList()).Errors.Keys);
    }
}
