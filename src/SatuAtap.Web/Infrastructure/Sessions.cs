using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Data;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Ends sessions when their account's security stamp changes (sign-out, a new password, a role change). Every signed-in
/// request, cookie or bearer token, carries the stamp it was issued with; this node compares it with the account's
/// current stamp, read from the database at most once per <c>Security:SessionCheckSeconds</c> per account. The node that
/// made the change forgets its copy at once and tells the other nodes (<see cref="CacheChanges"/>), which forget theirs;
/// should that announcement be lost (Redis away), the other nodes end the old sessions within that time.
/// </summary>
public sealed class SessionStamps : IDisposable
{
    private const string Change = "SatuAtap.Web.Infrastructure.SessionStamps";
    private sealed record Known(string? Stamp, DateTimeOffset ReadAt);

    private readonly TimeProvider clock;
    private readonly IOptions<SecurityOptions> security;
    private readonly CacheChanges _changes;
    private readonly IDisposable _listening;
    private readonly ConcurrentDictionary<Guid, Known> _known = new();
    private const int SweepAbove = 50_000;

    public SessionStamps(TimeProvider clock, IOptions<SecurityOptions> security, CacheChanges changes)
    {
        this.clock = clock;
        this.security = security;
        _changes = changes;
        _listening = changes.Listen(Change, key =>
        {
            if (Guid.TryParse(key, out var id)) _known.TryRemove(id, out _);
            else _known.Clear();
        });
    }

    public void Dispose() => _listening.Dispose();

    public void Forget(Guid userId)
    {
        _known.TryRemove(userId, out _);
        _changes.Announce(Change, userId.ToString());
    }

    /// <summary>Whether a session issued with <paramref name="stamp"/> is still current.</summary>
    public async ValueTask<bool> IsCurrentAsync(Guid userId, string? stamp, Func<Guid, Task<string?>> read)
    {
        var now = clock.GetUtcNow();
        var interval = TimeSpan.FromSeconds(security.Value.SessionCheckSeconds);
        if (_known.TryGetValue(userId, out var known) && now - known.ReadAt < interval && known.Stamp == stamp) return true;
        // Unknown, old, or different (the stamp may have changed on another node, or this session is newer): read it again.
        var current = await read(userId);
        if (_known.Count > SweepAbove)
            foreach (var (id, entry) in _known)
                if (now - entry.ReadAt >= interval) _known.TryRemove(id, out _);
        _known[userId] = new Known(current, now);
        return current is not null && current == stamp;
    }
}

/// <summary>Treats a request whose session has been ended as anonymous (401 on the API, the sign-in page for pages).</summary>
internal sealed class SessionCheckMiddleware(RequestDelegate next, SessionStamps stamps, IOptions<IdentityOptions> identity)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true && http.User.UserId() is { } userId)
        {
            var stamp = http.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            var db = http.RequestServices.GetRequiredService<SatuAtapDb>();
            if (!await stamps.IsCurrentAsync(userId, stamp, id => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefaultAsync(http.RequestAborted)))
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(http);
    }
}
