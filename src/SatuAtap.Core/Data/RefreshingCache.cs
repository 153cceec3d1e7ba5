using Microsoft.Extensions.DependencyInjection;

namespace SatuAtap.Core.Data;

/// <summary>
/// A picture of some tables that a web node keeps in memory: built from the database on first use, rebuilt when it
/// is older than its lifetime, and at once after <see cref="Invalidate"/> (a change on this node). With several web
/// nodes, the lifetime is how long another node's change may take to show. Each module keeps its own.
/// </summary>
public abstract class RefreshingCache<T>(IServiceScopeFactory scopes, TimeProvider clock, Func<int> lifetimeSeconds) : IDisposable where T : class
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile T? _current;
    private long _validUntilTicks;

    public async ValueTask<T> GetAsync(CancellationToken ct = default)
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntilTicks)) return current;
        await _rebuild.WaitAsync(ct);
        try
        {
            current = _current;
            if (current is not null && clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntilTicks)) return current;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            current = await BuildAsync(db, clock.GetUtcNow().UtcDateTime, ct);
            _current = current;
            Interlocked.Exchange(ref _validUntilTicks, clock.GetUtcNow().AddSeconds(lifetimeSeconds()).UtcTicks);
            return current;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <summary>Called after a change on this node: the next read rebuilds.</summary>
    public void Invalidate() => Interlocked.Exchange(ref _validUntilTicks, 0);

    public void Dispose()
    {
        _rebuild.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<T> BuildAsync(SatuAtapDb db, DateTime nowUtc, CancellationToken ct);
}
