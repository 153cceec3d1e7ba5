using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>
/// Writes what arrives in batches, one transaction per batch: the items that arrive while one transaction commits
/// are written together by the next. Where every writer waits on the same row (a ticket series, a slot), a rush then
/// costs one commit — one flush to disk — per batch instead of one per item. One loop per process; the transaction
/// is run with <see cref="DbRetry"/> (it must be safe to run again from the start).
/// </summary>
public abstract class WriteBatcher<TItem, TResult>(IServiceScopeFactory scopes) : IDisposable
{
    public const int MaxBatch = 128;

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Done);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _loop;

    /// <summary>Inside one transaction (begun and committed here): writes the batch; one result per item, in order.</summary>
    protected abstract Task<TResult[]> WriteAsync(SatuAtapDb db, IReadOnlyList<TItem> batch, CancellationToken ct);

    protected Task<TResult> EnqueueAsync(TItem item, CancellationToken ct)
    {
        lock (_start)
        {
            if (_loop is null)
            {
                // The loop outlives the request that starts it: it must not carry that request's context along.
                using (ExecutionContext.SuppressFlow()) _loop = Task.Run(LoopAsync, CancellationToken.None);
            }
        }
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var items = new List<TItem>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            items.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p))
            {
                batch.Add(p);
                items.Add(p.Item);
            }
            try
            {
                using var span = MallMetrics.Activities.StartActivity(GetType().Name + ".flush")?.SetTag("items", batch.Count);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
                var results = await DbRetry.RunAsync(db, c => WriteAsync(db, items, c), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception e)
            {
                foreach (var p in batch) p.Done.TrySetException(e);
            }
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        GC.SuppressFinalize(this);
    }
}
