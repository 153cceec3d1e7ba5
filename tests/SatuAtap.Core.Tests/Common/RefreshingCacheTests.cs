using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Tests.Common;

/// <summary>
/// The kernel's in-memory picture of some tables: an old picture is served while one request rebuilds it, and after a
/// change on this node every read waits for the new picture.
/// </summary>
public sealed class RefreshingCacheTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddDbContext<SatuAtapDb>(o => o.UseSqlite("Data Source=:memory:"))
        .BuildServiceProvider();
    private readonly ManualClock _clock = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task AFreshPicture_IsBuiltOnce_AndReusedWithinItsLifetime()
    {
        using var cache = new Versions(_services.GetRequiredService<IServiceScopeFactory>(), _clock);
        Assert.Equal("v1", await cache.GetAsync());
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("v1", await cache.GetAsync());
        Assert.Equal(1, cache.Builds);
    }

    [Fact]
    public async Task APictureOnlyOldByAge_IsServedWhileOneRequestRebuildsIt()
    {
        using var cache = new Versions(_services.GetRequiredService<IServiceScopeFactory>(), _clock);
        Assert.Equal("v1", await cache.GetAsync());
        _clock.Advance(TimeSpan.FromSeconds(31));
        var gate = cache.HoldNextBuild();
        var rebuilding = cache.GetAsync().AsTask();
        // The rebuild is held; other readers do not queue behind it: they get the old picture at once.
        Assert.Equal("v1", await cache.GetAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("v1", await cache.GetAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        gate.SetResult();
        Assert.Equal("v2", await rebuilding.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("v2", await cache.GetAsync());
        Assert.Equal(2, cache.Builds);
    }

    [Fact]
    public async Task AfterAChangeOnThisNode_EveryReadWaitsForTheNewPicture()
    {
        using var cache = new Versions(_services.GetRequiredService<IServiceScopeFactory>(), _clock);
        Assert.Equal("v1", await cache.GetAsync());
        cache.Invalidate();
        var gate = cache.HoldNextBuild();
        var first = cache.GetAsync().AsTask();
        var second = cache.GetAsync().AsTask();
        await Task.Delay(50);
        Assert.False(second.IsCompleted, "a read after a change must not get the picture from before it");
        gate.SetResult();
        Assert.Equal("v2", await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("v2", await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AChangeDuringABuild_LeavesThatPictureOutOfDate()
    {
        using var cache = new Versions(_services.GetRequiredService<IServiceScopeFactory>(), _clock);
        var gate = cache.HoldNextBuild();
        var building = cache.GetAsync().AsTask();
        await cache.Started.WaitAsync(TimeSpan.FromSeconds(10));
        cache.Invalidate();
        gate.SetResult();
        Assert.Equal("v1", await building.WaitAsync(TimeSpan.FromSeconds(10)));
        // The change came after the build had read the tables: the next read builds again.
        Assert.Equal("v2", await cache.GetAsync());
    }

    private sealed class Versions(IServiceScopeFactory scopes, TimeProvider clock) : RefreshingCache<string>(scopes, clock, () => 30)
    {
        private int _builds;
        private TaskCompletionSource? _hold;
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Builds => Volatile.Read(ref _builds);
        public Task Started => _started.Task;

        public TaskCompletionSource HoldNextBuild() =>
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<string> BuildAsync(SatuAtapDb db, DateTime nowUtc, CancellationToken ct)
        {
            var n = Interlocked.Increment(ref _builds);
            _started.TrySetResult();
            if (Interlocked.Exchange(ref _hold, null) is { } hold) await hold.Task.WaitAsync(ct);
            return $"v{n}";
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
