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
