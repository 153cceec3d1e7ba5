using SatuAtap.Core.Insights;

namespace SatuAtap.Core.Tests.Insights;

public sealed class RebuildOneOffTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(7, false)]
    [InlineData(31, false)]
    [InlineData(32, true)]
    [InlineData(3 * 365, true)]
    public void OnlyARebuildOfMoreThanAMonth_EndsWithTheCollection(int days, bool oneOff) =>
        Assert.Equal(oneOff, KeepInsights.IsOneOff(days));
}
