using SatuAtap.Core.Insights;

namespace SatuAtap.Core.Tests.Insights;

/// <summary>The Erlang C model against values worked out by hand and published M/M/c tables.</summary>
public sealed class StaffingAdviceTests
{
    [Theory]
    [InlineData(1, 0.5, 0.5)] // M/M/1: the chance to wait is the load
    [InlineData(2, 1.0, 1.0 / 3)] // M/M/2 at half load
    [InlineData(3, 2.0, 4.0 / 9)] // (8/6·3) ÷ (1 + 2 + 2 + 8/6·3)
    [InlineData(10, 8.0, 0.4092)] // published table value
    public void ErlangC_MatchesKnownValues(int counters, double erlangs, double expected) =>
        Assert.Equal(expected, StaffingAdvice.ErlangC(counters, erlangs), 4);

    [Fact]
    public void ErlangC_IsOne_WhenTheCountersCannotKeepUp()
    {
        Assert.Equal(1, StaffingAdvice.ErlangC(2, 2.0));
        Assert.Equal(double.PositiveInfinity, StaffingAdvice.MedianWaitMinutes(2, 12, 10));
    }

    [Fact]
    public void MedianWait_IsZero_WhenFewerThanHalfWait_AndFollowsTheExponentialTailOtherwise()
    {
        // 1 counter, 5 arrivals an hour of 10 minutes: a = 5/6, C = 5/6; median = 10·ln(5/3) ÷ (1/6).
        Assert.Equal(10 * Math.Log(5.0 / 3) * 6, StaffingAdvice.MedianWaitMinutes(1, 5, 10), 6);
        Assert.Equal(0, StaffingAdvice.MedianWaitMinutes(3, 12, 10)); // a = 2, C = 4/9 < ½
    }

    [Fact]
    public void Advice_IsTheFewestCountersThatKeepTheMedianUnderTheTarget()
    {
        // 30 people an hour, 12 minutes each: 6 erlangs. 6 counters cannot keep up; 7: C ≈ 0.614, median 12·ln 1.228 ≈ 2.5 min ≤ 15.
        var advice = StaffingAdvice.Advise(30, 12, 15);
        Assert.Equal(6, advice.TrafficErlangs);
        Assert.Equal(7, advice.Counters);
        Assert.True(advice.MedianWaitMinutes <= 15);
        // A target of one minute needs more counters than one of fifteen.
        Assert.True(StaffingAdvice.Advise(30, 12, 1).Counters > advice.Counters);
        Assert.Equal(1, StaffingAdvice.Advise(0, 12, 15).Counters);
    }

    [Fact]
    public void MM2_AtThreeQuartersLoad_MatchesTheClosedForm()
    {
        // Worked by hand: 10 arrivals an hour, 9 minutes each, 2 counters: a = 1.5 erlangs, ρ = 0.75. For two servers
        // Erlang C has the closed form 2ρ²/(1 + ρ) = 1.125/1.75 = 9/14; the wait exceeds t with probability
        // (9/14)·e^(−(2 − 1.5)·t/9), so the median is 9·ln(18/14)/0.5 ≈ 4.524 min and the mean wait (9/14)·9/0.5 ≈ 11.57 min.
        Assert.Equal(9.0 / 14, StaffingAdvice.ErlangC(2, 1.5), 10);
        Assert.Equal(9 * Math.Log(18.0 / 14) / 0.5, StaffingAdvice.MedianWaitMinutes(2, 10, 9), 10);
        Assert.Equal(4.524, StaffingAdvice.MedianWaitMinutes(2, 10, 9), 3);
        // The target of 15 minutes is met by the two; a target of 4 minutes needs a third (a = 1.5, C(3, 1.5) ≈ 0.237 ≤ ½: no median wait).
        Assert.Equal(2, StaffingAdvice.Advise(10, 9, 15).Counters);
        Assert.Equal(3, StaffingAdvice.Advise(10, 9, 4).Counters);
        Assert.Equal(0.2368, StaffingAdvice.ErlangC(3, 1.5), 4);
    }
}
