using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SatuAtap.Core.Common;

/// <summary>
/// A background job that runs one round, waits, and runs again until the host stops. A failed round is logged and the
/// next one is tried after the same wait; a job whose <see cref="Every"/> is null does not run in this process.
/// </summary>
/// <remarks>
/// Every node of a mall runs the same jobs, so a round is run only by the runner that takes the job's lease
/// (<see cref="IJobLeases"/>; the host keeps them as one row per job in the database): of two nodes, or two runners in one process, one acts
/// and the other skips that round. The lease is held for the whole round (at least <see cref="RoundHold"/>, so that a
/// long round is not taken over while it runs; a node that dies mid-round leaves the job idle that long), and when the
/// round ends it is kept until one interval after the round began, so that across all nodes the job runs about once
/// per <see cref="Every"/>.
/// </remarks>
public abstract class PeriodicJob(IServiceScopeFactory scopes, ILogger log) : BackgroundService
{
    /// <summary>How long a round in progress keeps its lease, when that is longer than the interval.</summary>
    public static readonly TimeSpan RoundHold = TimeSpan.FromMinutes(15);

    /// <summary>Where a round takes its scope (a job is a singleton).</summary>
    protected IServiceScopeFactory Scopes { get; } = scopes;

    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>The wait between rounds, or null when the job is switched off.</summary>
    protected abstract TimeSpan? Every { get; }

    /// <summary>What the job does, for the log ("Overdue check").</summary>
    protected abstract string What { get; }

    /// <summary>The job's lease name, shared by its runners on every node: the class name.</summary>
    protected virtual string LeaseName => GetType().Name;

    /// <summary>One round (in its own scope: a job is a singleton).</summary>
    protected abstract Task RoundAsync(CancellationToken ct);

    /// <summary>
    /// Runs one round if this runner takes the job's lease; false (and nothing done) when another runner holds it.
    /// <paramref name="every"/> is the interval the lease is kept for after the round began (default <see cref="Every"/>).
    /// </summary>
    public async Task<bool> TryRoundAsync(TimeSpan? every = null, CancellationToken ct = default)
    {
        var interval = every ?? Every ?? RoundHold;
        await using var scope = Scopes.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetService<IJobLeases>();
        if (leases is null)
        {
            // No lease store (a process without a database): nothing is shared, the round simply runs.
            await RoundAsync(ct);
            return true;
        }
        var start = (scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        if (!await leases.TryTakeAsync(LeaseName, _holder, start, start + (interval > RoundHold ? interval : RoundHold), ct))
        {
            if (log.IsEnabled(LogLevel.Debug)) log.LogDebug("{Job}: another runner holds the lease; skipping this round.", What);
            return false;
        }
        try
        {
            await RoundAsync(ct);
        }
        finally
        {
            await leases.HoldUntilAsync(LeaseName, _holder, start + interval, CancellationToken.None);
        }
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Every is not { } every || every <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TryRoundAsync(every, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "{Job} failed; trying again next round.", What);
            }
            try { await Task.Delay(every, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary>
/// The leases of <see cref="PeriodicJob"/>s, shared by every runner of a mall: taking one succeeds for one runner only
/// while it lasts.
/// </summary>
public interface IJobLeases
{
    /// <summary>Takes the lease of job <paramref name="name"/> for <paramref name="holder"/> until <paramref name="until"/> when nobody holds it at <paramref name="now"/>; true when taken.</summary>
    Task<bool> TryTakeAsync(string name, string holder, DateTime now, DateTime until, CancellationToken ct);

    /// <summary>Moves the end of a lease <paramref name="holder"/> has: no other runner takes the job before <paramref name="until"/>.</summary>
    Task HoldUntilAsync(string name, string holder, DateTime until, CancellationToken ct);
}
