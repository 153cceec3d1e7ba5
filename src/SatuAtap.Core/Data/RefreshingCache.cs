using Microsoft.Extensions.DependencyInjection;

namespace SatuAtap.Core.Data;

/// <summary>
/// A picture of some tables that a web node keeps in memory: built from the database on first use, rebuilt when it
/// is older than its lifetime, and at once after <see cref="Invalidate"/> (a change on this node, announced to the other
/// nodes through <see cref="CacheChanges"/>, which rebuild on their next read). With several web nodes and their
/// announcements lost (Redis away), the lifetime is how long another node's change may take to show. A picture that is only old is served
/// while one request rebuilds it (no request queues behind a rebuild); after a change on this node, reads wait for the
/// new one. Each module keeps its own.
/// </summary>
public abstract class RefreshingCache<T> : IDisposable where T : class
{
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly Func<int> lifetimeSeconds;
    private readonly CacheChanges? _changes;
    private readonly IDisposable? _listening;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile T? _current;
    private long _validUntilTicks;
    /// <summary>Counts <see cref="Invalidate"/> calls; the picture is current only if none came since its build began.</summary>
    private long _changeCount;
    private long _builtAfterChanges = -1;

    protected RefreshingCache(IServiceScopeFactory scopes, TimeProvider clock, Func<int> lifetimeSeconds)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.lifetimeSeconds = lifetimeSeconds;
        // The node's one CacheChanges (a singleton of the kernel), when registered: changes of other nodes arrive here.
        using var scope = scopes.CreateScope();
        _changes = scope.ServiceProvider.GetService<CacheChanges>();
        _listening = _changes?.Listen(ChangeName, _ => Forget());
    }

    /// <summary>The name the cache's changes travel under between nodes.</summary>
    private string ChangeName => GetType().FullName!;

    public async ValueTask<T> GetAsync(CancellationToken ct = default)
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntilTicks)) return current;
        // Only old by age (no change on this node since): one request rebuilds while the others keep the picture they
        // have, so that no request waits on a rebuild. After a change on this node every request waits for the new one.
        if (current is not null && Interlocked.Read(ref _changeCount) == Interlocked.Read(ref _builtAfterChanges))
        {
            if (!await _rebuild.WaitAsync(0, ct)) return current;
        }
        else await _rebuild.WaitAsync(ct);
        try
        {
            current = _current;
            var changes = Interlocked.Read(ref _changeCount);
            if (current is not null && changes == Interlocked.Read(ref _builtAfterChanges) && clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntilTicks))
                return current;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            current = await BuildAsync(db, clock.GetUtcNow().UtcDateTime, ct);
            _current = current;
            Interlocked.Exchange(ref _builtAfterChanges, changes);
            // A change during the build leaves the picture out of date: the next read rebuilds.
            Interlocked.Exchange(ref _validUntilTicks, changes == Interlocked.Read(ref _changeCount) ? clock.GetUtcNow().AddSeconds(lifetimeSeconds()).UtcTicks : 0);
            return current;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <summary>Called after a change on this node: the next read rebuilds, and every read waits for it. The other
    /// nodes are told.</summary>
    public void Invalidate()
    {
        Forget();
        _changes?.Announce(ChangeName);
    }

    private void Forget()
    {
        Interlocked.Increment(ref _changeCount);
        Interlocked.Exchange(ref _validUntilTicks, 0);
    }

    public void Dispose()
    {
        _listening?.Dispose();
        _rebuild.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<T> BuildAsync(SatuAtapDb db, DateTime nowUtc, CancellationToken ct);
}
