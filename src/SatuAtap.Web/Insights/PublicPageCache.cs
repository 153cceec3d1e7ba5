using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Insights;

namespace SatuAtap.Web.Insights;

/// <summary>
/// The public performance page (<c>/kinerja</c>) kept whole, as sent, in this process's output cache (ASP.NET Core
/// output caching, on top of its default rules: GET and HEAD only, a 200 without Set-Cookie, never for a request that
/// is signed in or carries an Authorization header, so a signed-in visitor neither gets nor leaves a copy).
/// Measured reason: with the figures already remembered (<see cref="InsightsCache"/>), every view still rendered the
/// year's months and every agency's months (33,789 bytes, 194 table rows on the generated three years) and the page
/// reached 6.4 % of ping's requests/s on SQLite; served from here, 58 % (docs/benchmarks/2026-12-01-kinerja.md).
/// A copy varies by everything its bytes depend on: the address as written (path and query string, which the language
/// switch echoes back), the language and formats chosen (cookie or <c>?lang=</c>), the mall's day (the default period
/// is this year up to today), the window of <c>Insights:CacheSeconds</c> it was made in and the figures' generation
/// (a rebuild, here or announced by another node, starts a new one). It lives at most until the end of its window and
/// never longer than the figures it shows (the page shortens it, see <see cref="LimitTo"/>); 0 switches it off with the
/// figures' memory. Bound per node: <see cref="SizeLimitBytes"/> in all, pages above <see cref="MaxPageBytes"/> are not kept.
/// </summary>
public sealed class PublicPageCache : IOutputCachePolicy
{
    public const string PolicyName = "insights-public-page";
    public const string Tag = "insights-public-page";
    public const long SizeLimitBytes = 16 * 1024 * 1024;
    public const long MaxPageBytes = 1024 * 1024;

    public static void Configure(OutputCacheOptions options)
    {
        options.SizeLimit = SizeLimitBytes;
        options.MaximumBodySize = MaxPageBytes;
        options.AddPolicy(PolicyName, b => b.AddPolicy<PublicPageCache>(), excludeDefaultPolicy: false);
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var seconds = http.RequestServices.GetRequiredService<IOptions<InsightsOptions>>().Value.CacheSeconds;
        if (seconds <= 0 || http.User.Identity?.IsAuthenticated == true || http.Request.Headers.Authorization.Count > 0)
        {
            context.EnableOutputCaching = false;
            context.AllowCacheLookup = false;
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        var time = http.RequestServices.GetRequiredService<MallTime>();
        var figures = http.RequestServices.GetRequiredService<InsightsCache>();
        var now = time.UtcNow;
        var window = TimeSpan.FromSeconds(seconds);
        var slot = now.Ticks / window.Ticks;
        var vary = context.CacheVaryByRules.VaryByValues;
        vary["here"] = http.Request.PathBase.Value + http.Request.Path.Value + http.Request.QueryString.Value;
        vary["lang"] = CultureInfo.CurrentCulture.Name + "|" + CultureInfo.CurrentUICulture.Name;
        vary["day"] = time.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        vary["window"] = slot.ToString(CultureInfo.InvariantCulture);
        vary["generation"] = figures.Generation.ToString(CultureInfo.InvariantCulture);
        context.Tags.Add(Tag);
        context.ResponseExpirationTimeSpan = new DateTime((slot + 1) * window.Ticks, DateTimeKind.Utc) - now;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    /// <summary>
    /// Called by the page once its figures are known: the copy of the page lives no longer than they are fresh (by the
    /// mall's clock), and is not kept at all when they were already past it (served while new ones are being made).
    /// </summary>
    public static void LimitTo(HttpContext http, DateTime figuresFreshUntilUtc)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context is not { AllowCacheStorage: true } context) return;
        var left = figuresFreshUntilUtc - http.RequestServices.GetRequiredService<MallTime>().UtcNow;
        if (left <= TimeSpan.Zero) context.AllowCacheStorage = false;
        else if (context.ResponseExpirationTimeSpan is not { } expiry || left < expiry) context.ResponseExpirationTimeSpan = left;
    }
}
