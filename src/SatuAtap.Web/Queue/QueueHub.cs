using Microsoft.AspNetCore.SignalR;
using SatuAtap.Core.Queue;

namespace SatuAtap.Web.Queue;

/// <summary>
/// Live board updates. A board connects with <c>?site={siteId}</c> and receives <c>called</c> (a ticket called or
/// recalled, with the announcement to speak) and <c>changed</c> (anything else that changes the board).
/// </summary>
public sealed class QueueHub : Hub
{
    public const string Path = "/hubs/antrian";

    public static string Group(Guid siteId) => "site:" + siteId.ToString("N");

    public override async Task OnConnectedAsync()
    {
        if (Guid.TryParse(Context.GetHttpContext()?.Request.Query["site"], out var site))
            await Groups.AddToGroupAsync(Context.ConnectionId, Group(site));
        await base.OnConnectedAsync();
    }
}

internal sealed class SignalRQueueNotifier(IHubContext<QueueHub> hub, ILogger<SignalRQueueNotifier> log) : IQueueNotifier
{
    public async Task CalledAsync(Guid siteId, BoardCall call, CancellationToken ct = default)
    {
        try
        {
            await hub.Clients.Group(QueueHub.Group(siteId)).SendAsync("called", call, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The call is already recorded; a board that misses the push catches up on its next refresh.
            log.LogWarning(e, "Board update for site {Site} failed", siteId);
        }
    }

    public async Task ChangedAsync(Guid siteId, CancellationToken ct = default)
    {
        try
        {
            await hub.Clients.Group(QueueHub.Group(siteId)).SendAsync("changed", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Board update for site {Site} failed", siteId);
        }
    }
}
