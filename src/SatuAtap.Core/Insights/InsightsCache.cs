using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Insights;

/// <summary>
/// A short per-process memory of computed figures (the rows of a period, a summary, a series, the public page), so
/// that the same question asked again within <c>Insights:CacheSeconds</c> is answered without reading and adding up
/// the kept rows again. Bound: an answer is at most that many seconds old (by the injected clock), or, for an asker
/// who comes while the new answer is being made, that plus the making's time; a rebuild of the
/// kept rows forgets everything at once, in this process and (announced through <see cref="CacheChanges"/>) in every
/// other node; a new day starts a new key (the key holds today's date). 0 switches the memory off.
/// </summary>
public sealed class InsightsCache : IDisposable
{
    /// <summary>The name its changes are announced under.</summary>
    public const string Name = "insights";

    private readonly MallTime time;
    private readonly IOptions<InsightsOptions> options;
    private readonly CacheChanges changes;
    private readonly IDisposable listening;

    public InsightsCache(MallTime time, IOptions<InsightsOptions> options, CacheChanges changes)
    {
        this.time = time;
        this.options = options;
        this.changes = changes;
        listening = changes.Listen(Name, _ => Forget());
    }

    private long _generation;

    /// <summary>
    /// Goes up each time everything is forgotten (a rebuild here or announced by another node): what is made from the
    /// remembered figures elsewhere (the public page's output cache) keys on it, so it is forgotten with them.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    private void Forget()
    {
        _entries.Clear();
        Interlocked.Increment(ref _generation);
    }

    /// <summary>The most entries kept; when reached, all are forgotten (keys come from the query string).</summary>
    public const int MaxEntries = 512;

    private sealed record Entry(DateTime MadeUtc, object Value);

    private readonly ConcurrentDictionary<object, Entry> _entries = new();
    // The answers being made now, one per key: concurrent askers of an expired answer wait for (or are served the old
    // answer during) one computation instead of each adding up the kept rows again. Measured: with 64 concurrent
    // readers of /kinerja every expiry started 64 computations of seconds each, and the page's p95 followed them.
    private readonly ConcurrentDictionary<object, Task<object>> _making = new();

    /// <summary>
    /// The remembered value of <paramref name="key"/> while fresh; else made once however many ask at the same time.
    /// The asker that starts the making waits for it (so a question asked again after the bound gets a new answer);
    /// while it is being made, others are served the expired answer if there is one, or wait for the same making.
    /// </summary>
    public async Task<T> GetOrAddAsync<T>(object key, Func<Task<T>> make) where T : notnull =>
        (await GetOrAddWithExpiryAsync(key, make)).Value;

    /// <summary>
    /// As <see cref="GetOrAddAsync{T}"/>, with the moment (by the injected clock) from which the answer is no longer
    /// fresh: what is kept made from it must not outlive that. An expired answer served while a new one is being made
    /// gives a moment already past; with the memory off, the present moment.
    /// </summary>
    public async Task<(T Value, DateTime FreshUntilUtc)> GetOrAddWithExpiryAsync<T>(object key, Func<Task<T>> make) where T : notnull
    {
        var seconds = options.Value.CacheSeconds;
        if (seconds <= 0) return (await make(), time.UtcNow);
        var bound = TimeSpan.FromSeconds(seconds);
        var now = time.UtcNow;
        _entries.TryGetValue(key, out var known);
        if (known is { Value: T value } && now - known.MadeUtc < bound && now >= known.MadeUtc)
            return (value, known.MadeUtc + bound);
        var mine = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var making = _making.GetOrAdd(key, mine.Task);
        if (making != mine.Task)
        {
            if (known is { Value: T stale }) return (stale, known.MadeUtc + bound);
            var other = (T)await making;
            // Made by another asker a moment ago: its entry says when (or it was forgotten meanwhile: not fresh).
            return (other, _entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Value, other) ? entry.MadeUtc + bound : now);
        }
        try
        {
            var made = await make();
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[key] = new Entry(now, made);
            mine.SetResult(made);
            return (made, now + bound);
        }
        catch (Exception e)
        {
            mine.SetException(e);
            throw;
        }
        finally
        {
            _making.TryRemove(new KeyValuePair<object, Task<object>>(key, mine.Task));
        }
    }

    /// <summary>Forgets every remembered answer (after the kept rows changed), here and on the other nodes.</summary>
    public void Clear()
    {
        Forget();
        changes.Announce(Name);
    }

    public void Dispose() => listening.Dispose();
}
