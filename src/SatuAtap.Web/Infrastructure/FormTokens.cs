using System.Security.Cryptography;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// One-time form tokens for pages that create records (apply, capture at the counter, book a visit): the form carries
/// a fresh random token in a hidden field; the first post with it inserts a <see cref="UsedFormToken"/> row (a unique
/// index decides, so of two simultaneous posts only one goes through), and any later post with the same token (a
/// double click, a second tab, the back button) is sent to where the first one led, creating nothing.
/// A post without a token goes through as before.
/// </summary>
public sealed class FormTokens(IDbContextFactory<SatuAtapDb> contexts, TimeProvider clock)
{
    public const string Field = "__FormToken";

    /// <summary>How long a repeat waits for the first post to finish before it is sent to the fallback page.</summary>
    public static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(15);

    /// <summary>What the first post decides: go ahead (<see cref="Repeat"/> false), or go to <see cref="ResultUrl"/>.</summary>
    public sealed record Claim(Guid? Id, bool Repeat, string? ResultUrl);

    /// <summary>The hidden field for a form, with a fresh token.</summary>
    public static IHtmlContent Hidden() =>
        new HtmlString($"<input type=\"hidden\" name=\"{Field}\" value=\"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}\">");

    /// <summary>Uses up the posted token. A repeat waits (a few seconds at most) for the first post's result.</summary>
    public async Task<Claim> ClaimAsync(HttpRequest request, string form, CancellationToken ct)
    {
        var token = request.HasFormContentType ? (await request.ReadFormAsync(ct))[Field].ToString() : "";
        if (token.Length is 0 or > 64) return new Claim(null, false, null);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new UsedFormToken { Token = token, Form = form, CreatedUtc = now };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            try
            {
                await DbRetry.RunAsync(db, async c =>
                {
                    db.ChangeTracker.Clear();
                    db.UsedFormTokens.Add(row);
                    await db.SaveChangesAsync(c);
                    // Tokens older than a day cannot come back from a form anyone still has open.
                    await db.UsedFormTokens.Where(t => t.CreatedUtc < now.AddDays(-1)).ExecuteDeleteAsync(c);
                    return true;
                }, ct);
                return new Claim(row.Id, false, null);
            }
            catch (DbUpdateException e) when (UniqueViolation.On<UsedFormToken>(db, e, nameof(UsedFormToken.Token)))
            {
                db.ChangeTracker.Clear();
            }
        }
        // Not the first: wait for the first post to say where it led (real time: it is another request's work).
        var until = DateTime.UtcNow + WaitForFirst;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var first = await db.UsedFormTokens.AsNoTracking().Where(t => t.Token == token && t.Form == form)
                .Select(t => new { t.ResultUrl }).FirstOrDefaultAsync(ct);
            if (first is null || first.ResultUrl is not null || DateTime.UtcNow >= until) return new Claim(null, true, first?.ResultUrl);
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Records where the first post led, so that repeats follow it.</summary>
    public async Task CompleteAsync(Claim claim, string resultUrl)
    {
        if (claim.Id is not { } id) return;
        await using var db = await contexts.CreateDbContextAsync();
        await DbRetry.RunAsync(db, c => db.UsedFormTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ResultUrl, resultUrl), c),
            CancellationToken.None);
    }

    /// <summary>The first post created nothing (the form is shown again with its errors): repeats go to <paramref name="formUrl"/>.</summary>
    public Task FailedAsync(Claim claim, string formUrl) => CompleteAsync(claim, formUrl);
}
