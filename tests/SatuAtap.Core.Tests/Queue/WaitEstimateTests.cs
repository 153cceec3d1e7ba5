using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Tests.Queue;

public sealed class WaitEstimateTests
{
    [Theory]
    [InlineData(0, 1, 10, 0)]
    [InlineData(1, 1, 10, 10)]
    [InlineData(5, 2, 10, 25)]
    [InlineData(3, 0, 10, 30)]
    [InlineData(4, 3, 7.5, 10)]
    public void Minutes_AreThePeopleAheadSharedByTheCounters(int ahead, int counters, double service, int expected) =>
        Assert.Equal(expected, WaitEstimate.Minutes(ahead, counters, service));

    [Fact]
    public void ServiceMinutes_UseTheMedianOfFinishedTickets() =>
        Assert.Equal(8, WaitEstimate.ServiceMinutes([5, 8, 30], 10));

    [Fact]
    public void ServiceMinutes_FallBackWhenTooFewFinished() =>
        Assert.Equal(10, WaitEstimate.ServiceMinutes([5, 8], 10));

    [Fact]
    public void Percentile_IsNearestRank()
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, WaitEstimate.Percentile(values, 0.5));
        Assert.Equal(9, WaitEstimate.Percentile(values, 0.9));
        Assert.Null(WaitEstimate.Percentile([], 0.5));
    }

    [Fact]
    public void Stats_CountPeopleOnce_AndMeasureFromTheRecordedSteps()
    {
        var t0 = new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
        var site = Guid.NewGuid();
        var service = Guid.NewGuid();
        var day = new DateOnly(2026, 11, 30);
        QueueStats.Row R(int hop, TicketStatus s, int calledAfter, int? start = null, int? end = null) =>
            new(site, service, day, hop, s, t0, t0.AddMinutes(calledAfter), start is null ? null : t0.AddMinutes(start.Value), end is null ? null : t0.AddMinutes(end.Value));
        var f = QueueStats.Compute([
            R(0, TicketStatus.Done, 10, 12, 20),
            R(0, TicketStatus.NoShow, 40),
            R(0, TicketStatus.Transferred, 20),
            R(1, TicketStatus.Done, 50, 50, 60),
        ], targetWaitMinutes: 30);
        Assert.Equal(3, f.Tickets);
        Assert.Equal(2, f.Served);
        Assert.Equal(1, f.NoShows);
        Assert.Equal(1, f.Transferred);
        Assert.Equal(20, f.WaitMedianMinutes);
        Assert.Equal(40, f.WaitP90Minutes);
        Assert.Equal(8, f.ServiceMedianMinutes);
        Assert.Equal(0.667, f.ServedWithinTargetShare);
    }
}
