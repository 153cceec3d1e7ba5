using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Insights;

namespace SatuAtap.Core.Tests.Insights;

/// <summary>A rebuild on one node makes every node forget its remembered figures (the announcement carried between two nodes' <see cref="CacheChanges"/>, as Redis carries it).</summary>
public sealed class InsightsCacheTests
{
    [Fact]
    public async Task ClearingOnOneNode_ForgetsTheFiguresOfTheOther()
    {
        var time = new MallTime(TimeProvider.System, TimeZoneInfo.Utc);
        var options = Options.Create(new InsightsOptions { CacheSeconds = 3600 });
        var changesA = new CacheChanges();
        var changesB = new CacheChanges();
        changesA.Transport = (cache, key) => changesB.Heard(cache, key);
        using var nodeA = new InsightsCache(time, options, changesA);
        using var nodeB = new InsightsCache(time, options, changesB);

        Assert.Equal(1, await nodeB.GetOrAddAsync("summary", () => Task.FromResult(1)));
        Assert.Equal(1, await nodeB.GetOrAddAsync("summary", () => Task.FromResult(2))); // remembered

        nodeA.Clear(); // the kept rows were rebuilt on node A

        Assert.Equal(3, await nodeB.GetOrAddAsync("summary", () => Task.FromResult(3)));
    }

    [Fact]
    public async Task WithOneNode_ClearingForgetsHereAndAnnouncesNothing()
    {
        var changes = new CacheChanges();
        using var cache = new InsightsCache(new MallTime(TimeProvider.System, TimeZoneInfo.Utc), Options.Create(new InsightsOptions { CacheSeconds = 3600 }), changes);
        Assert.Equal(1, await cache.GetOrAddAsync("k", () => Task.FromResult(1)));
        cache.Clear();
        Assert.Equal(2, await cache.GetOrAddAsync("k", () => Task.FromResult(2)));
        Assert.False(changes.Shared);
    }
}
