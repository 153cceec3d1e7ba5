using System.Globalization;
using SatuAtap.Core.Insights;
using SatuAtap.Core.Outreach;

namespace SatuAtap.Core.Tests.Insights;

/// <summary>The rules of the comparisons: the previous period, the change, and the slowest services.</summary>
public sealed class ComparisonsTests
{
    [Theory]
    [InlineData("2026-06-02", "2026-06-05", "2026-05-29", "2026-06-01")]
    [InlineData("2026-03-01", "2026-03-01", "2026-02-28", "2026-02-28")]
    [InlineData("2026-03-01", "2026-03-31", "2026-01-29", "2026-02-28")]
    public void PreviousPeriod_HasTheSameLength_AndEndsTheDayBefore(string from, string to, string previousFrom, string previousTo)
    {
        var (f, t) = Comparisons.PreviousPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(previousFrom, CultureInfo.InvariantCulture), f);
        Assert.Equal(DateOnly.Parse(previousTo, CultureInfo.InvariantCulture), t);
    }

    [Fact]
    public void Change_IsValueMinusPrevious_RoundedToThreeDecimals_AndNullWhenEitherIsMissing()
    {
        Assert.Equal(4, Comparisons.Change(9, 5));
        Assert.Equal(-0.083, Comparisons.Change(0.667, 0.75));
        Assert.Null(Comparisons.Change(null, 5));
        Assert.Null(Comparisons.Change(3, null));
    }

    [Fact]
    public void Of_GivesEveryMetricWithBothValuesAndTheChange()
    {
        var now = Figures(served: 9, p50: 1, onTime: 0.75);
        var before = Figures(served: 5, p50: 6, onTime: null);

        var rows = Comparisons.Of(now, before).ToDictionary(r => r.Metric);

        Assert.Equal(InsightReads.Metrics.Count, rows.Count);
        Assert.Equal(new ComparedFigure("served", 9, 5, 4), rows["served"]);
        Assert.Equal(new ComparedFigure("waitP50", 1, 6, -5), rows["waitP50"]);
        Assert.Equal(new ComparedFigure("onTimeShare", 0.75, null, null), rows["onTimeShare"]);
    }

    [Fact]
    public void Slowest_IsWorstOnTimeShareFirst_OnlyGroupsShownApartWithFiveApplications()
    {
        GroupFigures G(string key, double? onTime, int completed, bool hidden = false) =>
            new("p", key, key.ToUpperInvariant(), hidden, Figures(served: completed + 10, onTime: onTime, completed: completed));
        var groups = new[]
        {
            G("a", 0.9, 10), G("b", 0.5, 5), G("c", 0.5, 8), G("d", 0.1, 4), G("e", null, 20), G(InsightReads.OtherKey, 0.0, 30), G("f", 0.2, 9, hidden: true),
        };

        var slowest = Comparisons.Slowest(groups).Select(g => g.Key).ToList();

        Assert.Equal(["c", "b", "a"], slowest);
    }

    private static Figures Figures(int served, int? p50 = null, double? onTime = null, int completed = 0) =>
        new(served, served, p50, p50, null, null, onTime, null, 0, 0, 0, null, new TripsSaved(0, 0, 0, 0), 0, null, null, 0, null, 0, 0, 0, 0,
            completed, served - completed, []);
}
