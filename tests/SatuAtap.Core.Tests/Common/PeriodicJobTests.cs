using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Tests.Common;

public sealed class PeriodicJobTests
{
    /// <summary>A process without a lease store: rounds run without one.</summary>
    private static readonly IServiceScopeFactory NoServices = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();

    private sealed class CountingJob(TimeSpan? every, int failOnRound) : PeriodicJob(NoServices, NullLogger.Instance)
    {
        public int Rounds;
        public readonly TaskCompletionSource ThirdRound = new(TaskCreationOptions.RunContinuationsAsynchronously);
        protected override TimeSpan? Every => every;
        protected override string What => "Counting";

        protected override Task RoundAsync(CancellationToken ct)
        {
            var round = Interlocked.Increment(ref Rounds);
            if (round == 3) ThirdRound.TrySetResult();
            if (round == failOnRound) throw new InvalidOperationException("a failing round");
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task AFailedRound_IsFollowedByTheNextOne_UntilTheHostStops()
    {
        using var job = new CountingJob(TimeSpan.FromMilliseconds(5), failOnRound: 1);
        await job.StartAsync(CancellationToken.None);
        await job.ThirdRound.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await job.StopAsync(CancellationToken.None);
        var stopped = job.Rounds;
        await Task.Delay(50);
        Assert.True(stopped >= 3);
        Assert.Equal(stopped, job.Rounds);
    }

    [Fact]
    public async Task AJobWithoutAnInterval_NeverRuns()
    {
        using var job = new CountingJob(null, failOnRound: 0);
        await job.StartAsync(CancellationToken.None);
        await Task.Delay(50);
        await job.StopAsync(CancellationToken.None);
        Assert.Equal(0, job.Rounds);
    }
}
