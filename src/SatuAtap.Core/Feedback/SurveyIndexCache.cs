using System.Collections.Concurrent;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// The closed part of an index question, remembered per node: for a unit and the days of its period before today, the
/// respondents and score sums and the people served. Those days' kept rows no longer change by themselves (a response is
/// saved on its own day, and a closed day's served counts are written once), so the figures stay exact until one of the
/// changes that do rewrite closed days: a rebuild of the served counts (<see cref="Forget"/> from the Insights rebuild,
/// also run by its daily round), or a response whose day had already closed when it was saved (a form sent across
/// midnight). Each forgets every remembered answer here and, through <see cref="CacheChanges"/>, on every other node.
/// Today's part is read on every request (<see cref="GetSurveyIndex"/>).
/// Measured reason (docs/benchmarks/2026-12-01-survey-fast.md): the whole mall's index over a year ran eight SQL
/// commands per request, five of them on closed days (the served counts' month sum over about 3,700 rows the largest);
/// with those remembered a request runs three, and the bench went from 177–313 to 589–1,401 requests/s on SQLite.
/// </summary>
public sealed class SurveyIndexCache : IDisposable
{
    /// <summary>The name its changes are announced under.</summary>
    public const string Name = "survey-index";

    /// <summary>The most answers kept; when reached, all are forgotten (keys come from the query string).</summary>
    public const int MaxEntries = 512;

    /// <summary>The closed days' part of an index: respondents then the nine score sums, and the people served.</summary>
    public sealed record Closed(long[] Sums, long Served);

    private sealed record Key(Guid? AgencyId, Guid? ServiceId, Guid? SiteId, DateOnly From, DateOnly To);

    private sealed record Entry(long Generation, Closed Value);

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly CacheChanges changes;
    private readonly IDisposable listening;
    /// <summary>Counts forgettings: an answer made while one came is never served.</summary>
    private long _generation;

    public SurveyIndexCache(CacheChanges changes)
    {
        this.changes = changes;
        listening = changes.Listen(Name, _ => ForgetHere());
    }

    /// <summary>The closed part of <paramref name="filter"/>'s unit over [From, <paramref name="lastClosed"/>], made by <paramref name="make"/> when not remembered.</summary>
    public async Task<Closed> GetOrAddAsync(IndexFilter filter, DateOnly lastClosed, Func<Task<Closed>> make)
    {
        var key = new Key(filter.AgencyId, filter.ServiceId, filter.SiteId, filter.From, lastClosed);
        var generation = Interlocked.Read(ref _generation);
        if (_entries.TryGetValue(key, out var known) && known.Generation == generation) return known.Value;
        var made = await make();
        if (_entries.Count >= MaxEntries) _entries.Clear();
        // Made from what the database held after the generation was read: a forgetting since then leaves it stale-marked.
        _entries[key] = new Entry(generation, made);
        return made;
    }

    /// <summary>Forgets every remembered answer (closed days' rows changed), here and on the other nodes.</summary>
    public void Forget()
    {
        ForgetHere();
        changes.Announce(Name);
    }

    private void ForgetHere()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    public void Dispose() => listening.Dispose();
}
