namespace SatuAtap.Core.Queue;

/// <summary>A call shown on a site's board.</summary>
public sealed record BoardCall(Guid TicketId, string Number, string Counter, DateTimeOffset CalledAt, string Announcement);

/// <summary>Tells the boards of a site that a ticket was called (live update); the web host implements it with SignalR.</summary>
public interface IQueueNotifier
{
    Task CalledAsync(Guid siteId, BoardCall call, CancellationToken ct = default);
    Task ChangedAsync(Guid siteId, CancellationToken ct = default);
}

public sealed class NoQueueNotifier : IQueueNotifier
{
    public Task CalledAsync(Guid siteId, BoardCall call, CancellationToken ct = default) => Task.CompletedTask;
    public Task ChangedAsync(Guid siteId, CancellationToken ct = default) => Task.CompletedTask;
}
