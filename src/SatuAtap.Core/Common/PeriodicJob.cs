using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SatuAtap.Core.Common;

/// <summary>
/// A background job that runs one round, waits, and runs again until the host stops. A failed round is logged and the
/// next one is tried after the same wait; a job whose <see cref="Every"/> is null does not run in this process.
/// </summary>
public abstract class PeriodicJob(ILogger log) : BackgroundService
{
    /// <summary>The wait between rounds, or null when the job is switched off.</summary>
    protected abstract TimeSpan? Every { get; }

    /// <summary>What the job does, for the log ("Overdue check").</summary>
    protected abstract string What { get; }

    /// <summary>One round (in its own scope: a job is a singleton).</summary>
    protected abstract Task RoundAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Every is not { } every || every <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stoppingToken);
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
