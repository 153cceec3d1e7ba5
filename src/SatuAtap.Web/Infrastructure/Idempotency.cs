using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// The <c>Idempotency-Key</c> header on endpoints that create things: a client that is not sure its request arrived
/// (a timeout, a retry, a double tap) sends it again with the same key and gets the first answer back, with nothing
/// created twice. Keys are kept per caller (the signed-in user, otherwise the client address) and endpoint for
/// 24 hours (<see cref="IdempotencyRecord"/>).
/// <list type="bullet">
/// <item>No header: nothing happens here (the benchmarked paths pay for one header look-up).</item>
/// <item>A key that is empty, longer than 100 characters or not printable ASCII: 400.</item>
/// <item>The same key again with the same request: the stored status, body and <c>Location</c>.</item>
/// <item>The same key while the first request is still running: 409; the client tries again shortly.</item>
/// <item>The same key with another body or address: 422.</item>
/// <item>An answer of 429 or 5xx is not kept: the key may be used again.</item>
/// </list>
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Honours <c>Idempotency-Key</c> on this endpoint; <typeparamref name="TBody"/> is its JSON body's type.</summary>
    public static RouteHandlerBuilder WithIdempotency<TBody>(this RouteHandlerBuilder builder, string endpoint) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!http.Request.Headers.TryGetValue(Header, out var values)) return await next(context);
            var key = values.Count == 1 ? values[0] : null;
            if (!IsValidKey(key))
                return Problems.Invalid(Header, Lang.T(
                    $"Header {Header} harus 1 sampai {MaxKeyLength} karakter ASCII yang dapat dicetak.",
                    $"The {Header} header must be 1 to {MaxKeyLength} printable ASCII characters."));
            var body = context.Arguments.OfType<TBody>().FirstOrDefault();
            return await RunAsync(http, key!, endpoint, Hash(http.Request.Path, body), () => next(context));
        });

    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= ' ' and <= '~') && !string.IsNullOrWhiteSpace(key);

    private static string Hash<TBody>(PathString path, TBody? body)
    {
        var text = path.Value + "\n" + (body is null ? "" : JsonSerializer.Serialize(body));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Caller(HttpContext http) =>
        http.User.UserId() is { } id ? "user:" + id.ToString("N") : "ip:" + RateLimiting.ClientKey(http);

    private static async Task<object?> RunAsync(HttpContext http, string key, string endpoint, string hash, Func<ValueTask<object?>> next)
    {
        var ct = http.RequestAborted;
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var contexts = http.RequestServices.GetRequiredService<IDbContextFactory<SatuAtapDb>>();
        var caller = Caller(http);
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new IdempotencyRecord { Key = key, Caller = caller, Endpoint = endpoint, RequestHash = hash, CreatedUtc = now };

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // Keys past their lifetime are forgotten (this one included, so that it can start afresh).
            await DbRetry.RunAsync(db, c => db.IdempotencyRecords.Where(r => r.CreatedUtc < now - Lifetime).ExecuteDeleteAsync(c), ct);
            bool first;
            try
            {
                first = await DbRetry.RunAsync(db, async c =>
                {
                    db.ChangeTracker.Clear();
                    db.IdempotencyRecords.Add(record);
                    await db.SaveChangesAsync(c);
                    return true;
                }, ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.On<IdempotencyRecord>(db, e, nameof(IdempotencyRecord.Key), nameof(IdempotencyRecord.Caller), nameof(IdempotencyRecord.Endpoint)))
            {
                first = false;
            }
            if (!first)
            {
                db.ChangeTracker.Clear();
                var earlier = await db.IdempotencyRecords.AsNoTracking()
                    .FirstOrDefaultAsync(r => r.Key == key && r.Caller == caller && r.Endpoint == endpoint, ct);
                if (earlier is null)
                    return Problems.Problem(409, Lang.T("Permintaan dengan kunci ini baru saja selesai. Kirim ulang.", "A request with this key has just finished. Send it again."));
                if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(earlier.RequestHash), Encoding.ASCII.GetBytes(hash)))
                    return Problems.Problem(422, Lang.T(
                        $"{Header} ini sudah dipakai untuk permintaan lain. Gunakan kunci baru untuk permintaan baru.",
                        $"This {Header} was used for another request. Use a new key for a new request."));
                if (earlier.StatusCode == 0)
                    return Problems.Problem(409, Lang.T(
                        "Permintaan pertama dengan kunci ini masih diproses. Coba lagi sebentar lagi.",
                        "The first request with this key is still being processed. Try again shortly."));
                return new Replay(earlier);
            }
        }

        // The first request with the key: run it, write its answer to the client and keep a copy.
        var original = http.Response.Body;
        using var copy = new MemoryStream();
        var kept = false;
        try
        {
            var result = await next();
            http.Response.Body = copy;
            await ExecuteAsync(result, http);
            var status = http.Response.StatusCode;
            http.Response.Body = original;
            kept = status is < 500 and not 429;
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            if (kept)
                await DbRetry.RunAsync(db, c => db.IdempotencyRecords.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.StatusCode, status)
                    .SetProperty(r => r.ResponseBody, Encoding.UTF8.GetString(copy.GetBuffer(), 0, (int)copy.Length))
                    .SetProperty(r => r.ResponseContentType, http.Response.ContentType)
                    .SetProperty(r => r.ResponseLocation, http.Response.Headers.Location.ToString() is { Length: > 0 and <= 300 } l ? l : null), c), CancellationToken.None);
            copy.Position = 0;
            await copy.CopyToAsync(original, ct);
            return Results.Empty;
        }
        finally
        {
            http.Response.Body = original;
            if (!kept) await ForgetAsync(contexts, record.Id);
        }
    }

    private static async Task ForgetAsync(IDbContextFactory<SatuAtapDb> contexts, Guid id)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await DbRetry.RunAsync(db, c => db.IdempotencyRecords.Where(r => r.Id == id).ExecuteDeleteAsync(c), CancellationToken.None);
    }

    private static Task ExecuteAsync(object? result, HttpContext http) => result switch
    {
        IResult r => r.ExecuteAsync(http),
        null => Task.CompletedTask,
        _ => Results.Ok(result).ExecuteAsync(http),
    };

    /// <summary>The first answer, given again.</summary>
    private sealed class Replay(IdempotencyRecord first) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = first.StatusCode;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            if (first.ResponseLocation is { } location) http.Response.Headers.Location = location;
            if (first.ResponseContentType is { } type) http.Response.ContentType = type;
            if (first.ResponseBody is { Length: > 0 } body) await http.Response.WriteAsync(body, http.RequestAborted);
        }
    }
}
