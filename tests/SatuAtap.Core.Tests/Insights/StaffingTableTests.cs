using SatuAtap.Core.Insights;

namespace SatuAtap.Core.Tests.Insights;

/// <summary>The staffing table from scripted arrivals: per agency, weekday and hour; arrivals per open day of that
/// weekday; the mean service time; the observed median wait; groups under five not computed.</summary>
public sealed class StaffingTableTests
{
    private static readonly Guid A = Guid.CreateVersion7(), B = Guid.CreateVersion7();
    private static readonly DateOnly Monday = new(2026, 6, 1), NextMonday = new(2026, 6, 8), Tuesday = new(2026, 6, 2);

    private static ArrivalRecord At(Guid agency, DateOnly day, int hour, int minute, double? wait, double? service) =>
        new(agency, day, day.ToDateTime(new TimeOnly(hour, minute)), wait, service);

    [Fact]
    public void ArrivalsPerHour_AreDividedByTheOpenDaysOfThatWeekday_AndTheObservedMedianIsBeside()
    {
        var arrivals = new List<ArrivalRecord>();
        // Agency A, Mondays 9-10: six on the first Monday, four on the next (ten over two Mondays: five an hour).
        for (var i = 0; i < 6; i++) arrivals.Add(At(A, Monday, 9, i * 5, 2 + i * 2, 12));
        for (var i = 0; i < 4; i++) arrivals.Add(At(A, NextMonday, 9, i * 5, 20, 8));
        // A Monday 13:00 with three arrivals only; Tuesday 10:00 for agency B, five not yet served.
        for (var i = 0; i < 3; i++) arrivals.Add(At(A, Monday, 13, i, 1, 5));
        for (var i = 0; i < 5; i++) arrivals.Add(At(B, Tuesday, 10, i, null, null));

        var rows = StaffingTable.Build(arrivals, targetWaitMinutes: 15);

        var nine = rows.Single(r => r.AgencyId == A && r.Hour == 9);
        Assert.Equal(DayOfWeek.Monday, nine.Weekday);
        Assert.Equal(2, nine.Days);
        Assert.Equal(10, nine.Arrivals);
        // Waits 2 4 6 8 10 12 20 20 20 20: the median is (10 + 12) / 2.
        Assert.Equal(11, nine.ObservedMedianWaitMinutes);
        var advice = Assert.IsType<StaffingResult>(nine.Advice);
        Assert.Equal(5, advice.ArrivalsPerHour);
        Assert.Equal(10.4, advice.ServiceMinutes); // (6·12 + 4·8) / 10
        Assert.Equal(StaffingAdvice.Advise(5, 10.4, 15).Counters, advice.Counters);
        Assert.True(advice.MedianWaitMinutes <= 15);

        var small = rows.Single(r => r.AgencyId == A && r.Hour == 13);
        Assert.Equal(3, small.Arrivals);
        Assert.Null(small.Advice);
        Assert.Null(small.ObservedMedianWaitMinutes);

        var unserved = rows.Single(r => r.AgencyId == B);
        Assert.Equal(5, unserved.Arrivals);
        Assert.Null(unserved.ObservedMedianWaitMinutes);
        Assert.Null(unserved.Advice);
    }

    [Fact]
    public void ALowerTarget_AdvisesMoreCounters()
    {
        var arrivals = Enumerable.Range(0, 40).Select(i => At(A, Monday, 10, i, 30, 12)).ToList();
        var relaxed = StaffingTable.Build(arrivals, 30).Single().Advice!;
        var strict = StaffingTable.Build(arrivals, 1).Single().Advice!;
        Assert.True(strict.Counters > relaxed.Counters);
        Assert.True(relaxed.Counters >= 9); // 40 an hour of 12 minutes is 8 erlangs
    }

    [Fact]
    public void CountersOpen_AreTheDistinctCountersThatCalledInTheHour_AndThePredictedWaitStandsBesideTheObserved()
    {
        Guid c1 = Guid.CreateVersion7(), c2 = Guid.CreateVersion7(), c3 = Guid.CreateVersion7();
        ArrivalRecord Called(DateOnly day, int minute, Guid counter, int calledHour, int calledMinute, double wait) =>
            new(A, day, day.ToDateTime(new TimeOnly(10, minute)), wait, 9, counter, day.ToDateTime(new TimeOnly(calledHour, calledMinute)));
        var arrivals = new List<ArrivalRecord>
        {
            // First Monday: counters 1 and 2 call in the 10 o'clock hour; a third calls the last arrival at 11:02 (another hour).
            Called(Monday, 0, c1, 10, 0, 0), Called(Monday, 5, c2, 10, 5, 0), Called(Monday, 10, c1, 10, 12, 2), Called(Monday, 50, c3, 11, 2, 12),
            // Next Monday: all three call in the 10 o'clock hour.
            Called(NextMonday, 0, c1, 10, 0, 0), Called(NextMonday, 1, c2, 10, 1, 0), Called(NextMonday, 2, c3, 10, 3, 1), Called(NextMonday, 30, c1, 10, 40, 10),
            // Not called: no counter.
            new(A, NextMonday, NextMonday.ToDateTime(new TimeOnly(10, 55)), null, null),
        };

        var row = StaffingTable.Build(arrivals, 15).Single(r => r.Hour == 10);

        // Two counters on the first Monday, three on the next: 2.5, rounded half up to 3.
        Assert.Equal(3, row.CountersOpen);
        Assert.Equal(3, StaffingTable.CountersOpen(arrivals)[(A, DayOfWeek.Monday, 10)]);
        Assert.Equal(1, StaffingTable.CountersOpen(arrivals)[(A, DayOfWeek.Monday, 11)]);
        // Nine arrivals over two Mondays: 4.5 an hour of 9 minutes with 3 counters, as Erlang C says.
        Assert.Equal(Math.Round(StaffingAdvice.MedianWaitMinutes(3, 4.5, 9), 1), row.PredictedMedianWaitMinutes);
        Assert.False(row.OverCapacity);
        Assert.Equal(0.5, row.ObservedMedianWaitMinutes); // waits 0 0 0 0 1 2 10 12: the median of eight is (0 + 1) / 2
    }

    [Fact]
    public void TooFewCountersOpen_IsMarkedOverCapacity_AndTheAdviceAsksForMore()
    {
        var counter = Guid.CreateVersion7();
        // Twelve an hour of ten minutes (2 erlangs) on one counter: it cannot keep up.
        var arrivals = Enumerable.Range(0, 12).Select(i => new ArrivalRecord(A, Monday, Monday.ToDateTime(new TimeOnly(9, i * 5)), 30 + i, 10, counter,
            Monday.ToDateTime(new TimeOnly(9, 59)))).ToList();

        var row = StaffingTable.Build(arrivals, 15).Single();

        Assert.Equal(1, row.CountersOpen);
        Assert.True(row.OverCapacity);
        Assert.Null(row.PredictedMedianWaitMinutes);
        Assert.True(row.Advice!.Counters > row.CountersOpen);
    }
}
