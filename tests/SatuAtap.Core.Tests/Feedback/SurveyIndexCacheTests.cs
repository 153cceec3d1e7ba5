using SatuAtap.Core.Data;
using SatuAtap.Core.Feedback;

namespace SatuAtap.Core.Tests.Feedback;

/// <summary>
/// The node's memory of an index question's closed days: answered again without making while nothing changed, made
/// again after a forgetting here or one heard from another node, never serving what was made while a forgetting came,
/// and announcing its own forgettings.
/// </summary>
public sealed class SurveyIndexCacheTests
{
    private static readonly IndexFilter Year = new(null, null, null, new DateOnly(2025, 12, 2), new DateOnly(2026, 12, 1));
    private static readonly DateOnly LastClosed = new(2026, 11, 30);

    private static SurveyIndexCache.Closed Served(long n) => new(new long[10], n);

    [Fact]
    public async Task The_same_question_is_made_once_until_forgotten_here_or_on_another_node()
    {
        var changes = new CacheChanges();
        var sent = new List<string>();
        changes.Transport = (cache, _) => sent.Add(cache);
        using var cache = new SurveyIndexCache(changes);
        var made = 0;
        Task<SurveyIndexCache.Closed> Make() => Task.FromResult(Served(++made));

        Assert.Equal(1, (await cache.GetOrAddAsync(Year, LastClosed, Make)).Served);
        Assert.Equal(1, (await cache.GetOrAddAsync(Year, LastClosed, Make)).Served);
        // Another unit or another last closed day is another question.
        Assert.Equal(2, (await cache.GetOrAddAsync(Year with { SiteId = Guid.NewGuid() }, LastClosed, Make)).Served);
        Assert.Equal(3, (await cache.GetOrAddAsync(Year, LastClosed.AddDays(-1), Make)).Served);

        cache.Forget();
        Assert.Equal([SurveyIndexCache.Name], sent);
        Assert.Equal(4, (await cache.GetOrAddAsync(Year, LastClosed, Make)).Served);
        Assert.Equal(4, (await cache.GetOrAddAsync(Year, LastClosed, Make)).Served);

        changes.Heard(SurveyIndexCache.Name, null);
        Assert.Equal(5, (await cache.GetOrAddAsync(Year, LastClosed, Make)).Served);
        changes.ForgetAll();
        Assert.Equal(6, (await cache.GetOrAddAsync(Year, LastClosed, Make)).Served);
        Assert.Single(sent); // what was heard is not announced back
    }

    [Fact]
    public async Task An_answer_made_while_a_forgetting_came_is_not_served_again()
    {
        using var cache = new SurveyIndexCache(new CacheChanges());
        var made = 0;
        var stale = await cache.GetOrAddAsync(Year, LastClosed, () =>
        {
            made++;
            cache.Forget(); // a rebuild finished while this answer was being read
            return Task.FromResult(Served(1));
        });
        Assert.Equal(1, stale.Served);
        Assert.Equal(2, (await cache.GetOrAddAsync(Year, LastClosed, () => Task.FromResult(Served(++made)))).Served);
        Assert.Equal(2, (await cache.GetOrAddAsync(Year, LastClosed, () => Task.FromResult(Served(++made)))).Served);
    }
}
