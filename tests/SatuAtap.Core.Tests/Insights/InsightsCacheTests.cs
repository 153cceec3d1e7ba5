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

/// <summary>An expired answer is made once however many ask at that moment; the others are served the old one meanwhile.</summary>
public sealed class InsightsCacheMakingTests
{
    private sealed class StepClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task AnExpiredAnswer_IsMadeOnce_WhileOthersAreServedTheOldOne()
    {
        var clock = new StepClock();
        using var cache = new InsightsCache(new MallTime(clock, TimeZoneInfo.Utc), Options.Create(new InsightsOptions { CacheSeconds = 60 }), new CacheChanges());
        Assert.Equal(1, await cache.GetOrAddAsync("page", () => Task.FromResult(1)));
        clock.Now = clock.Now.AddSeconds(61);

        var made = 0;
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> Make() { Interlocked.Increment(ref made); return release.Task; }
        var first = cache.GetOrAddAsync("page", Make);
        var others = Enumerable.Range(0, 20).Select(_ => cache.GetOrAddAsync("page", Make)).ToList();

        Assert.All(await Task.WhenAll(others), v => Assert.Equal(1, v)); // served the expired answer meanwhile
        Assert.False(first.IsCompleted);
        release.SetResult(2);
        Assert.Equal(2, await first);
        Assert.Equal(1, made);
        Assert.Equal(2, await cache.GetOrAddAsync("page", () => Task.FromResult(3)));
    }

    [Fact]
    public async Task WithNothingMadeYet_ConcurrentAskersWaitForOneMaking()
    {
        using var cache = new InsightsCache(new MallTime(new StepClock(), TimeZoneInfo.Utc), Options.Create(new InsightsOptions { CacheSeconds = 60 }), new CacheChanges());
        var made = 0;
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> Make() { Interlocked.Increment(ref made); return release.Task; }
        var askers = Enumerable.Range(0, 10).Select(_ => cache.GetOrAddAsync("summary", Make)).ToList();
        release.SetResult(7);
        Assert.All(await Task.WhenAll(askers), v => Assert.Equal(7, v));
        Assert.Equal(1, made);
    }
}
