using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Limits that protect anonymous endpoints from abuse. Every limit is configurable, and
/// <c>RateLimiting:Enabled=false</c> switches all of them off (for load tests).
/// </summary>
public static class RateLimiting
{
    /// <summary>Anonymous endpoints that create things or probe for records, per client address.</summary>
    public const string PublicWrites = "public-writes";

    /// <summary>Public look-ups by tracking number or verification code, per client address (slows guessing).</summary>
    public const string Tracking = "tracking";

    public static IServiceCollection AddSatuAtapRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                // Pages answer with the HTML error page (the status-code pages render it), never problem JSON.
                if (!http.Request.Path.StartsWithSegments("/api")) return;
                await Problems.Problem(429, Lang.T("Terlalu banyak permintaan dari alamat ini. Coba lagi sebentar lagi.",
                    "Too many requests from this address. Try again shortly.")).ExecuteAsync(http);
            };
            PerAddressPerMinute(o, PublicWrites, opts => opts.PublicWritesPerMinute);
            PerAddressPerMinute(o, Tracking, opts => opts.TrackingPerMinute);
        });
        return services;
    }

    /// <summary>A fixed one-minute window per client address, its size read from the options at each request.</summary>
    private static void PerAddressPerMinute(RateLimiterOptions o, string policy, Func<RateLimitingOptions, int> permits) =>
        o.AddPolicy(policy, http =>
        {
            var opts = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
            if (!opts.Enabled) return RateLimitPartition.GetNoLimiter("off");
            // Counted across nodes in Redis when it is configured (SharedLimits), on this node otherwise.
            return SharedWindowLimiter.Partition(http.RequestServices.GetRequiredService<SharedLimits>(), policy, ClientKey(http), new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits(opts),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });

    public static IApplicationBuilder UseSatuAtapRateLimiting(this IApplicationBuilder app) => app.UseRateLimiter();

    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
