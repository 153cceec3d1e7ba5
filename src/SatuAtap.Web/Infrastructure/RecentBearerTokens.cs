using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Reads bearer tokens (Identity's access tokens) and sign-in cookies through the data-protection format it wraps,
/// remembering the last <see cref="Capacity"/> tokens it read for at most <c>Security:SessionCheckSeconds</c>: a client
/// sends the same token with every request for an hour (a browser the same cookie with every page), and decrypting it
/// (a key derived per token, AES and an HMAC) was 9-10 % of an application submit's time on PostgreSQL
/// (docs/benchmarks/2026-12-01-module-shape.md).
/// </summary>
/// <remarks>
/// Nothing is decided here that the handler does not check again: the bearer and cookie handlers check the ticket's
/// expiry on every request, and <see cref="SessionCheckMiddleware"/> its account's security stamp. Each request gets its own copy of the
/// ticket, so no request can change another's principal. A token that does not decrypt is not remembered, so made-up
/// tokens cannot fill the memory; when full, the remembered tokens are forgotten at once and read again as they come.
/// </remarks>
internal sealed class RecentBearerTokens(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock, IOptions<SecurityOptions> security)
    : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>Tokens remembered at most (a token and its ticket take 2-3 KB).</summary>
    public const int Capacity = 1024;

    private sealed record Read(AuthenticationTicket Ticket, DateTimeOffset At);

    private readonly ConcurrentDictionary<string, Read> _read = new(StringComparer.Ordinal);

    public int Count => _read.Count;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null) return inner.Unprotect(protectedText, purpose);
        var now = clock.GetUtcNow();
        var keep = TimeSpan.FromSeconds(security.Value.SessionCheckSeconds);
        if (_read.TryGetValue(protectedText, out var known) && now - known.At < keep && now >= known.At) return known.Ticket.Clone();
        var ticket = inner.Unprotect(protectedText);
        if (ticket is null || keep <= TimeSpan.Zero) return ticket;
        if (_read.Count >= Capacity) _read.Clear();
        _read[protectedText] = new Read(ticket.Clone(), now);
        return ticket;
    }
}
