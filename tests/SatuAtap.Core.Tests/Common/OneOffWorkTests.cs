using SatuAtap.Core.Common;

namespace SatuAtap.Core.Tests.Common;

public sealed class OneOffWorkTests
{
    [Fact]
    public void LittleAllocated_NoCollection() => Assert.False(OneOffWork.Ended(OneOffWork.Start()));

    [Fact]
    public void MoreThanTheThreshold_EndsWithAFullCollection()
    {
        var started = OneOffWork.Start();
        var before = GC.CollectionCount(GC.MaxGeneration);
        // Garbage only: 1 MB arrays, dropped at once, past the threshold.
        for (long allocated = 0; allocated <= OneOffWork.CompactAfterAllocatedBytes; allocated += 1 << 20)
            GC.KeepAlive(new byte[1 << 20]);
        Assert.True(OneOffWork.Ended(started));
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before);
    }
}

public sealed class InsightsRebuildOneOffTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(7, false)]
    [InlineData(31, false)]
    [InlineData(32, true)]
    [InlineData(3 * 365, true)]
    public void OnlyARebuildOfMoreThanAMonth_EndsWithTheCollection(int days, bool oneOff) =>
        Assert.Equal(oneOff, SatuAtap.Core.Insights.KeepInsights.IsOneOff(days));
}
