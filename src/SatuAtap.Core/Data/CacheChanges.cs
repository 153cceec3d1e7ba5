using System.Collections.Concurrent;

namespace SatuAtap.Core.Data;

/// <summary>
/// How a node's caches hear that saved data changed. A cache listens under its name; after a change on this node the
/// cache forgets what it holds and announces the change here, and the announcement goes to every other node (over Redis
/// when <c>Redis:Configuration</c> is set; with one node it goes nowhere). A change heard from another node makes the
/// listening caches of this node forget in the same way. Module code only calls its cache's invalidation; whether
/// other nodes exist is not its concern.
/// </summary>
public sealed class CacheChanges
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<object, Action<string?>>> _listeners = new(StringComparer.Ordinal);

    /// <summary>Sends an announcement to the other nodes; null with one node. Set once at start by the transport.</summary>
    public Action<string, string?>? Transport { get; set; }

    /// <summary>Whether announcements reach other nodes now (false with one node, or while the transport is down).</summary>
    public bool Shared => Transport is not null;

    /// <summary>Calls <paramref name="forget"/> with the key (null: everything) when another node announces a change of <paramref name="cache"/>.</summary>
    public IDisposable Listen(string cache, Action<string?> forget)
    {
        var token = new object();
        _listeners.GetOrAdd(cache, _ => new ConcurrentDictionary<object, Action<string?>>())[token] = forget;
        return new Subscription(() => { if (_listeners.TryGetValue(cache, out var map)) map.TryRemove(token, out _); });
    }

    /// <summary>A change on this node (already forgotten here): tells the other nodes. Never throws.</summary>
    public void Announce(string cache, string? key = null) => Transport?.Invoke(cache, key);

    /// <summary>A change announced by another node: the listening caches of this node forget.</summary>
    public void Heard(string cache, string? key)
    {
        if (!_listeners.TryGetValue(cache, out var map)) return;
        foreach (var forget in map.Values) forget(key);
    }

    /// <summary>Every cache forgets everything (after announcements may have been missed, for example while Redis was away).</summary>
    public void ForgetAll()
    {
        foreach (var map in _listeners.Values)
            foreach (var forget in map.Values) forget(null);
    }

    private sealed class Subscription(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
