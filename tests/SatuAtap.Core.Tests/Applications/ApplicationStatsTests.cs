using SatuAtap.Core.Applications;

namespace SatuAtap.Core.Tests.Applications;

public sealed class ApplicationStatsTests
{
    [Theory]
    [InlineData(2, 3, 66.7)]
    [InlineData(1, 3, 33.3)]
    [InlineData(1, 8, 12.5)]
    [InlineData(3, 3, 100.0)]
    [InlineData(0, 4, 0.0)]
    public void Percent_OneDecimal(int part, int whole, double expected) =>
        Assert.Equal(expected, ApplicationStats.Percent(part, whole));

    [Fact]
    public void Percent_NothingCompleted_IsNone() => Assert.Null(ApplicationStats.Percent(0, 0));
}
