using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Notifications;

/// <summary>
/// Sends what the outbox holds. Each round claims a batch of due messages (on PostgreSQL with
/// <c>FOR UPDATE SKIP LOCKED</c>, on SQLite with one conditional UPDATE, which SQLite serialises), so two
/// dispatchers — two nodes — never take the same message. A failed send is retried with a doubling delay; a
/// message is never dropped. A message is marked sent right after the server accepted it; only a crash between
/// the two could send it twice, and the message id lets the receiver recognise that.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IEnumerable<INotificationChannel> channels, IOptions<NotificationsOptions> options,
    MallTime time, ILogger<OutboxDispatcher> log, MallMetrics metrics) : BackgroundService
{
    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Name);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled) return;
        var delay = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Outbox round failed; trying again next round.");
            }
            try { await Task.Delay(delay, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round: claim due messages, send them, record the outcome. Returns how many were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var o = options.Value;
        var now = time.UtcNow;
        var until = now.AddSeconds(o.ClaimSeconds);
        var token = Guid.NewGuid();
        var ready = _channels.Values.Where(c => c.Ready).Select(c => c.Name).ToArray();
        if (ready.Length == 0) return 0;
        if (db.IsSqlite)
        {
            await db.OutboxMessages
                .Where(m => m.SentAtUtc == null && m.NextAttemptAtUtc <= now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now) && ready.Contains(m.Channel))
                .OrderBy(m => m.NextAttemptAtUtc).Take(o.BatchSize)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedUntilUtc, until), ct);
        }
        else
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "OutboxMessages" SET "ClaimToken" = {token}, "ClaimedUntilUtc" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "SentAtUtc" IS NULL AND "NextAttemptAtUtc" <= {now} AND ("ClaimedUntilUtc" IS NULL OR "ClaimedUntilUtc" < {now})
                      AND "Channel" = ANY({ready})
                    ORDER BY "NextAttemptAtUtc" LIMIT {o.BatchSize}
                    FOR UPDATE SKIP LOCKED)
                """, ct);
        }
        var batch = await db.OutboxMessages.Where(m => m.ClaimToken == token && m.SentAtUtc == null).ToListAsync(ct);
        using var span = batch.Count == 0 ? null : MallMetrics.Activities.StartActivity("outbox.dispatch")?.SetTag("messages", batch.Count);
        var sent = 0;
        foreach (var message in batch)
        {
            message.Attempts++;
            try
            {
                await _channels[message.Channel].SendAsync(message, ct);
                message.SentAtUtc = time.UtcNow;
                message.LastError = null;
                sent++;
                metrics.MessageSent(message.Channel);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var wait = Math.Min(o.RetryBaseSeconds * Math.Pow(2, Math.Min(message.Attempts - 1, 20)), o.MaxRetryMinutes * 60);
                message.NextAttemptAtUtc = time.UtcNow.AddSeconds(wait);
                metrics.MessageFailed(message.Channel);
                message.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                log.LogWarning("Sending {Channel} message {Id} failed (attempt {Attempts}): {Error}", message.Channel, message.Id, message.Attempts, e.Message);
            }
            message.ClaimedUntilUtc = null;
            message.ClaimToken = null;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return sent;
    }
}
