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
                await Problems.Problem(429, Lang.T("Terlalu banyak permintaan dari alamat ini. Coba lagi sebentar lagi.",
                    "Too many requests from this address. Try again shortly.")).ExecuteAsync(http);
            };
            o.AddPolicy(PublicWrites, http =>
            {
                var opts = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                if (!opts.Enabled) return RateLimitPartition.GetNoLimiter("off");
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = opts.PublicWritesPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    public static IApplicationBuilder UseSatuAtapRateLimiting(this IApplicationBuilder app) => app.UseRateLimiter();

    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
