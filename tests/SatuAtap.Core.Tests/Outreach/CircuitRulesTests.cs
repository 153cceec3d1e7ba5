using SatuAtap.Core.Outreach;

namespace SatuAtap.Core.Tests.Outreach;

public sealed class CircuitRulesTests
{
    private static readonly TimeOnly Eight = new(8, 0), Two = new(14, 0);

    [Fact]
    public void EverySecondTuesday_ExpandsToEveryOtherTuesdayUntilTheLastDate()
    {
        var rule = new CircuitRule(new DateOnly(2026, 12, 1), 2, new DateOnly(2027, 1, 31), Eight, Two);

        var days = CircuitRules.Expand(rule);

        Assert.Equal([new(2026, 12, 1), new(2026, 12, 15), new(2026, 12, 29), new(2027, 1, 12), new(2027, 1, 26)], days);
        Assert.All(days, d => Assert.Equal(DayOfWeek.Tuesday, d.DayOfWeek));
    }

    [Fact]
    public void TheLastDateIsIncluded_WhenItFallsOnTheRule()
    {
        var days = CircuitRules.Expand(new CircuitRule(new DateOnly(2026, 12, 2), 1, new DateOnly(2026, 12, 16), Eight, Two));
        Assert.Equal([new(2026, 12, 2), new(2026, 12, 9), new(2026, 12, 16)], days);
    }

    [Fact]
    public void ARuleOfMoreThanAYear_IsRefusedNamingTheLastDate()
    {
        var errors = CircuitRules.Check(new CircuitRule(new DateOnly(2026, 12, 1), 1, new DateOnly(2027, 12, 3), Eight, Two));
        Assert.Contains("until", errors.Keys);
        Assert.Throws<ArgumentException>(() => CircuitRules.Expand(new CircuitRule(new DateOnly(2026, 12, 1), 1, new DateOnly(2027, 12, 3), Eight, Two)));
        // Exactly a year (366 days) is allowed.
        Assert.Empty(CircuitRules.Check(new CircuitRule(new DateOnly(2026, 12, 1), 1, new DateOnly(2027, 12, 2), Eight, Two)));
    }

    [Theory]
    [InlineData(0, "everyWeeks")]
    [InlineData(53, "everyWeeks")]
    public void TheIntervalMustBeOneToFiftyTwoWeeks(int weeks, string field) =>
        Assert.Contains(field, CircuitRules.Check(new CircuitRule(new DateOnly(2026, 12, 1), weeks, new DateOnly(2027, 1, 1), Eight, Two)).Keys);

    [Fact]
    public void InvertedDatesAndHours_AreRefusedByField()
    {
        var errors = CircuitRules.Check(new CircuitRule(new DateOnly(2027, 1, 1), 1, new DateOnly(2026, 12, 1), Two, Eight));
        Assert.Contains("until", errors.Keys);
        Assert.Contains("end", errors.Keys);
    }

    [Fact]
    public void DaysOnTheHolidayCalendar_AreSkippedAndListed()
    {
        var days = CircuitRules.Expand(new CircuitRule(new DateOnly(2026, 12, 11), 1, new DateOnly(2027, 1, 8), Eight, Two));
        var (kept, off) = CircuitRules.SkipDaysOff(days, new HashSet<DateOnly> { new(2026, 12, 25), new(2027, 1, 1), new(2026, 12, 24) });

        Assert.Equal([new(2026, 12, 25), new(2027, 1, 1)], off);
        Assert.Equal([new(2026, 12, 11), new(2026, 12, 18), new(2027, 1, 8)], kept);
    }

    [Fact]
    public void VisitsOfOneUnitThatOverlap_AreFound_AndTouchingOnesAreNot()
    {
        var morning = new TimeSpanUtc(new DateTime(2026, 12, 1, 1, 0, 0), new DateTime(2026, 12, 1, 5, 0, 0));
        var overlapping = new TimeSpanUtc(new DateTime(2026, 12, 1, 4, 0, 0), new DateTime(2026, 12, 1, 8, 0, 0));
        var afterwards = new TimeSpanUtc(new DateTime(2026, 12, 1, 5, 0, 0), new DateTime(2026, 12, 1, 7, 0, 0));
        var inside = new TimeSpanUtc(new DateTime(2026, 12, 1, 2, 0, 0), new DateTime(2026, 12, 1, 3, 0, 0));

        Assert.Equal(morning, CircuitRules.FirstClash(overlapping, [afterwards, morning]));
        Assert.Equal(morning, CircuitRules.FirstClash(inside, [morning]));
        Assert.Null(CircuitRules.FirstClash(afterwards, [morning]));
        Assert.Equal((0, 1), CircuitRules.FirstClashWithin([morning, overlapping]));
        Assert.Null(CircuitRules.FirstClashWithin([morning, afterwards]));
    }

    [Fact]
    public void TripsSaved_ArePeopleServedTimesTheRoadDistanceAndTravelTime_AtTheCostPerKm()
    {
        var trips = TripsSaved.Of(peopleServed: 40, roadDistanceKm: 62, travelMinutes: 130, costPerKmRupiah: 2_500);

        Assert.Equal(2480, trips.Kilometres);
        Assert.Equal(86.7, trips.Hours);
        Assert.Equal(6_200_000, trips.FareRupiah);
        var sum = TripsSaved.Sum([trips, TripsSaved.Of(10, 4, 15, 2_500)]);
        Assert.Equal(50, sum.People);
        Assert.Equal(2520, sum.Kilometres);
        Assert.Equal(6_300_000, sum.FareRupiah);
    }
    [Fact]
    public void TheSecondTuesday_IsOneVisitAMonth_BetweenTheFirstAndTheLastDate()
    {
        var rule = new CircuitRule(new DateOnly(2026, 12, 1), 0, new DateOnly(2027, 3, 9), Eight, Two, new NthWeekday(2, DayOfWeek.Tuesday));

        Assert.Empty(CircuitRules.Check(rule));
        Assert.Equal([new(2026, 12, 8), new(2027, 1, 12), new(2027, 2, 9), new(2027, 3, 9)], CircuitRules.Expand(rule));
    }

    [Fact]
    public void TheFirstDateCutsOffAMonthWhoseWeekdayIsBeforeIt()
    {
        // The first Monday of December 2026 is the 7th; from the 8th on the first is January's (the 4th).
        var rule = new CircuitRule(new DateOnly(2026, 12, 8), 0, new DateOnly(2027, 2, 28), Eight, Two, new NthWeekday(1, DayOfWeek.Monday));
        Assert.Equal([new(2027, 1, 4), new(2027, 2, 1)], CircuitRules.Expand(rule));
    }

    [Fact]
    public void TheLastFriday_IsTheLastOfEachMonth_WhetherTheMonthHasFourOrFive()
    {
        var rule = new CircuitRule(new DateOnly(2026, 12, 1), 0, new DateOnly(2027, 5, 31), Eight, Two, new NthWeekday(NthWeekday.Last, DayOfWeek.Friday));

        Assert.Equal([new(2026, 12, 25), new(2027, 1, 29), new(2027, 2, 26), new(2027, 3, 26), new(2027, 4, 30), new(2027, 5, 28)], CircuitRules.Expand(rule));
    }

    [Fact]
    public void AMonthlyRule_SkipsDaysOffTheSameWay()
    {
        // The last Friday of December 2026 is Christmas Day.
        var days = CircuitRules.Expand(new CircuitRule(new DateOnly(2026, 12, 1), 0, new DateOnly(2027, 1, 31), Eight, Two, new NthWeekday(NthWeekday.Last, DayOfWeek.Friday)));
        var (kept, off) = CircuitRules.SkipDaysOff(days, new HashSet<DateOnly> { new(2026, 12, 25) });

        Assert.Equal([new(2026, 12, 25)], off);
        Assert.Equal([new(2027, 1, 29)], kept);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-2)]
    public void TheNthWeekdayMustBeOneToFourOrLast(int n)
    {
        var rule = new CircuitRule(new DateOnly(2026, 12, 1), 0, new DateOnly(2027, 1, 31), Eight, Two, new NthWeekday(n, DayOfWeek.Tuesday));
        var errors = CircuitRules.Check(rule);
        Assert.Contains("nthWeekday", errors.Keys);
        Assert.DoesNotContain("everyWeeks", errors.Keys);
        Assert.Throws<ArgumentException>(() => CircuitRules.Expand(rule));
    }

    [Fact]
    public void AMonthlyRuleOfMoreThanAYear_IsRefusedNamingTheLastDate() =>
        Assert.Contains("until", CircuitRules.Check(new CircuitRule(new DateOnly(2026, 12, 1), 0, new DateOnly(2027, 12, 3), Eight, Two, new NthWeekday(1, DayOfWeek.Monday))).Keys);
}
