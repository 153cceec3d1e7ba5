using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Notifications;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>The mall with email pointed at a local SMTP server and the background dispatcher off (the tests run dispatchers themselves).</summary>
public sealed class OutboxOnceMall : MallFactory
{
    public int SmtpPort { get; } = LocalSmtpServer.FreePort();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:DispatcherEnabled"] = "false",
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:TimeoutSeconds"] = "10",
    };
}

/// <summary>
/// Background work of several nodes runs once: two outbox dispatchers (as two nodes would run) send each message
/// once, and of two runners of one job only one acts on a round.
/// </summary>
public sealed class BackgroundWorkOnceTests(OutboxOnceMall mall) : IClassFixture<OutboxOnceMall>
{
    [Fact]
    public async Task TwoDispatchers_FiveHundredMessages_EachSentExactlyOnce()
    {
        await using var smtp = new LocalSmtpServer(mall.SmtpPort).Start();
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = new HashSet<Guid>();
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var now = mall.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < 500; i++)
            {
                var message = new OutboxMessage
                {
                    Channel = Channels.Email, Recipient = $"warga{i}@warga.test", Subject = $"Run {run} #{i}", Body = "Pesan uji.",
                    CreatedAtUtc = now, NextAttemptAtUtc = now,
                };
                db.OutboxMessages.Add(message);
                ids.Add(message.Id);
            }
            await db.SaveChangesAsync();
        }
        var first = ActivatorUtilities.CreateInstance<OutboxDispatcher>(mall.Services);
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(mall.Services);

        static async Task<int> DrainAsync(OutboxDispatcher dispatcher)
        {
            var total = 0;
            while (await dispatcher.DispatchDueAsync() is var sent and > 0) total += sent;
            return total;
        }

        var sent = await Task.WhenAll(DrainAsync(first), DrainAsync(second));

        var ours = smtp.Received.Where(m => m.Subject.StartsWith($"Run {run} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(500, ours.Count);
        Assert.Equal(500, ours.Select(m => m.Header("Message-Id")).Distinct().Count());
        Assert.All(sent, s => Assert.True(s > 0, "both dispatchers took part"));
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.Subject.StartsWith($"Run {run} ")).ToListAsync();
            Assert.Equal(500, rows.Count);
            Assert.All(rows, m => { Assert.NotNull(m.SentAtUtc); Assert.Equal(1, m.Attempts); Assert.Null(m.ClaimToken); });
        }
    }

    [Fact]
    public async Task TwoRunnersOfOneJob_AtOnce_OneActs_AndTheNextIntervalIsTakenAgain()
    {
        var acted = new Counter();
        var scopes = mall.Services.GetRequiredService<IServiceScopeFactory>();
        var a = new CountingJob(scopes, acted);
        var b = new CountingJob(scopes, acted);

        var ran = await Task.WhenAll(a.TryRoundAsync(), b.TryRoundAsync());
        Assert.Equal(1, acted.Value);
        Assert.Single(ran, r => r);

        // Within the interval nobody runs it again, not even the runner that ran it.
        Assert.False(await a.TryRoundAsync());
        Assert.False(await b.TryRoundAsync());
        Assert.Equal(1, acted.Value);

        // One interval later the job runs once more, on whichever runner asks first.
        mall.Clock.Advance(CountingJob.Interval);
        var next = await Task.WhenAll(b.TryRoundAsync(), a.TryRoundAsync());
        Assert.Equal(2, acted.Value);
        Assert.Single(next, r => r);
    }

    [Fact]
    public async Task AFailedRound_KeepsTheInterval_AndIsTriedAgainAfterIt()
    {
        var acted = new Counter();
        var scopes = mall.Services.GetRequiredService<IServiceScopeFactory>();
        var failing = new CountingJob(scopes, acted, fail: true, lease: "failing-job");
        var other = new CountingJob(scopes, acted, lease: "failing-job");
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.TryRoundAsync());
        Assert.False(await other.TryRoundAsync());
        mall.Clock.Advance(CountingJob.Interval);
        Assert.True(await other.TryRoundAsync());
        Assert.Equal(2, acted.Value);
    }

    private sealed class Counter
    {
        private int _value;
        public int Value => Volatile.Read(ref _value);
        public void Add() => Interlocked.Increment(ref _value);
    }

    /// <summary>A job whose round counts itself and takes a while, so that two runners' rounds would overlap.</summary>
    private sealed class CountingJob(IServiceScopeFactory scopes, Counter acted, bool fail = false, string lease = "counting-job")
        : PeriodicJob(scopes, NullLogger.Instance)
    {
        public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
        protected override TimeSpan? Every => Interval;
        protected override string What => "Counting job";
        protected override string LeaseName => lease;

        protected override async Task RoundAsync(CancellationToken ct)
        {
            acted.Add();
            await Task.Delay(300, ct);
            if (fail) throw new InvalidOperationException("This round fails.");
        }
    }
}
