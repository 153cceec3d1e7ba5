using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// The counters of the limits, kept in Redis when <c>Redis:Configuration</c> is set so that every node counts against
/// one budget (the 11th sign-in of a minute is refused whichever node receives it). With one node, or while Redis cannot
/// be reached, <see cref="TryRun{T}"/> answers false and the caller counts on this node, as a single node always does.
/// </summary>
public sealed class SharedLimits(IServiceProvider services, IOptions<RedisOptions> options, ILogger<SharedLimits> log)
{
    // One INCR per attempt in a window that starts with the first one; answers -1 (allowed) or the window's time left in ms.
    private static readonly LuaScript FixedWindow = LuaScript.Prepare("""
        local n = redis.call('INCR', @key)
        local ttl = redis.call('PTTL', @key)
        if n == 1 or ttl < 0 then redis.call('PEXPIRE', @key, @windowMs); ttl = tonumber(@windowMs) end
        if n > tonumber(@limit) then return ttl end
        return -1
        """);

    // The events of a sliding window (a sorted set scored by time): drops those older than the window, adds one when
    // asked, and answers how many are left and the time of the oldest.
    private static readonly LuaScript Sliding = LuaScript.Prepare("""
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', tonumber(@nowMs) - tonumber(@windowMs))
        if @add == '1' then
          redis.call('ZADD', @key, @nowMs, @member)
          redis.call('PEXPIRE', @key, @windowMs)
        end
        local oldest = redis.call('ZRANGE', @key, 0, 0, 'WITHSCORES')
        return { redis.call('ZCARD', @key), oldest[2] or '0' }
        """);

    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();
    private int _failing;

    /// <summary>Whether the limits are meant to be shared (Redis configured), reachable or not.</summary>
    public bool Configured => _redis is not null;

    /// <summary>Runs <paramref name="work"/> on Redis: false when Redis is not configured, not connected or failed (then count on this node).</summary>
    public bool TryRun<T>(Func<IDatabase, T> work, out T result)
    {
        result = default!;
        if (_redis is not { IsConnected: true } redis) return false;
        try
        {
            result = work(redis.GetDatabase());
            if (Interlocked.Exchange(ref _failing, 0) == 1) log.LogInformation("Limits are counted in Redis again, across nodes");
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0) log.LogWarning(e, "Redis failed: limits are counted on this node until it answers");
            return false;
        }
    }

    /// <summary>The Redis key of a counter.</summary>
    public RedisKey Key(string limit, string key) => $"{options.Value.Prefix}:limit:{limit}:{key}";

    /// <summary>Counts one in a fixed window started by the first: null when allowed, otherwise how long until the window ends.</summary>
    public static TimeSpan? Take(IDatabase db, RedisKey key, int limit, TimeSpan window)
    {
        var left = (long)db.ScriptEvaluate(FixedWindow, new { key, limit, windowMs = (long)window.TotalMilliseconds });
        return left < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(left, 1));
    }

    /// <summary>The events of the last <paramref name="window"/> at <paramref name="key"/>, after adding one at <paramref name="now"/> when <paramref name="add"/>.</summary>
    public static (int Count, DateTimeOffset Oldest) Recent(IDatabase db, RedisKey key, DateTimeOffset now, TimeSpan window, bool add)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var answer = (RedisResult[])db.ScriptEvaluate(Sliding, new
        {
            key, nowMs, windowMs = (long)window.TotalMilliseconds, add = add ? "1" : "0", member = $"{nowMs}:{Guid.CreateVersion7():N}",
        })!;
        return ((int)answer[0], DateTimeOffset.FromUnixTimeMilliseconds((long)double.Parse((string)answer[1]!, System.Globalization.CultureInfo.InvariantCulture)));
    }
}

/// <summary>
/// A fixed-window limit of one key counted in Redis (<see cref="SharedLimits"/>), with a limiter of this node that
/// counts instead while Redis cannot be reached.
/// </summary>
public sealed class SharedWindowLimiter(SharedLimits shared, string limit, string key, FixedWindowRateLimiterOptions window) : RateLimiter
{
    private readonly FixedWindowRateLimiter _local = new(window);
    private long _lastUsed = Stopwatch.GetTimestamp();

    /// <summary>The partition of a limit: shared when Redis is configured, this node's own fixed window otherwise.</summary>
    public static RateLimitPartition<string> Partition(SharedLimits shared, string limit, string key, FixedWindowRateLimiterOptions window) =>
        shared.Configured
            ? RateLimitPartition.Get(limit + ":" + key, _ => new SharedWindowLimiter(shared, limit, key, window))
            : RateLimitPartition.GetFixedWindowLimiter(limit + ":" + key, _ => window);

    /// <summary>Idle once unused for a whole window: the partitioned limiter may then drop it.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            var idle = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));
            return idle >= window.Window ? idle : null;
        }
    }

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount == 0) return _local.AttemptAcquire(0);
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        return shared.TryRun(db => SharedLimits.Take(db, shared.Key(limit, key), window.PermitLimit, window.Window), out var wait)
            ? new Lease(wait)
            : _local.AttemptAcquire(permitCount);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing) _local.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
