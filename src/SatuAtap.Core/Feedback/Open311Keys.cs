using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Feedback;

/// <summary>A client application of the Open311 endpoint as managers see it (never its key).</summary>
public sealed record Open311ClientView(Guid Id, string Name, DateTime CreatedAtUtc, bool Active, bool IsDemo);

/// <summary>A key just issued: <see cref="ApiKey"/> is shown this once and stored only as a keyed hash.</summary>
public sealed record Open311KeyIssued(Guid Id, string Name, DateTime CreatedAtUtc, string ApiKey);

/// <summary>
/// Managers issue <c>api_key</c>s to the client applications that post complaints through Open311 GeoReport v2. A key is
/// 32 random bytes (base64url, with an <c>o311-</c> prefix), shown once when issued; the table keeps only its keyed hash
/// (<see cref="Open311Desk.KeyHash"/>), so a lost key is revoked and a new one issued. The client is audited.
/// </summary>
public sealed class IssueOpen311Key(SatuAtapDb db, Open311Desk desk, MallTime time)
{
    public const int MaxName = 100;

    public async Task<Outcome<Open311KeyIssued>> HandleAsync(string? name, Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsManager) return Outcome<Open311KeyIssued>.Forbidden();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxName)
            return Outcome<Open311KeyIssued>.Invalid("name", Lang.T($"Isi nama aplikasi klien (1–{MaxName} karakter).", $"Give the client application's name (1–{MaxName} characters)."));
        var key = "o311-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var client = new Open311Client { Name = name, KeyHash = desk.KeyHash(key), CreatedAtUtc = time.UtcNow };
        db.Set<Open311Client>().Add(client);
        await db.SaveChangesAsync(ct);
        return Outcome<Open311KeyIssued>.Created(new Open311KeyIssued(client.Id, client.Name, client.CreatedAtUtc, key));
    }
}

/// <summary>A manager revokes a client's key: from then on the key is refused with the specification's 403. Revoking twice is harmless.</summary>
public sealed class RevokeOpen311Key(SatuAtapDb db)
{
    public async Task<Outcome<Open311ClientView>> HandleAsync(Guid clientId, Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsManager) return Outcome<Open311ClientView>.Forbidden();
        var client = await db.Set<Open311Client>().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null) return Outcome<Open311ClientView>.NotFound(Lang.T("Aplikasi klien Open311 tidak ditemukan.", "Open311 client application not found."));
        if (client.Active)
        {
            client.Active = false;
            await db.SaveChangesAsync(ct);
        }
        return Outcome<Open311ClientView>.Ok(new(client.Id, client.Name, client.CreatedAtUtc, client.Active, client.IsDemo));
    }
}

/// <summary>The client applications, active ones first (managers only; never a key).</summary>
public sealed class ListOpen311Clients(SatuAtapDb db)
{
    public async Task<Outcome<IReadOnlyList<Open311ClientView>>> HandleAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsManager) return Outcome<IReadOnlyList<Open311ClientView>>.Forbidden();
        return Outcome<IReadOnlyList<Open311ClientView>>.Ok(await db.Set<Open311Client>().AsNoTracking()
            .OrderByDescending(c => c.Active).ThenBy(c => c.Name)
            .Select(c => new Open311ClientView(c.Id, c.Name, c.CreatedAtUtc, c.Active, c.IsDemo)).ToListAsync(ct));
    }
}
