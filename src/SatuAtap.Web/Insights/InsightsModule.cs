using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Insights;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Insights;

/// <summary>The Insights module: the figures of the five promises, kept per closed day, the dashboard and the open data.</summary>
public static class InsightsModule
{
    /// <summary>The public open data, per client address per minute (<c>Insights:OpenDataPerMinute</c>).</summary>
    public const string OpenDataPolicy = "insights-open-data";

    public static IServiceCollection AddInsightsModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<InsightsOptions, InsightsOptionsValidator>(config, InsightsOptions.Section);
        services.AddSingleton<InsightsCache>();
        services.AddScoped<KeepInsights>();
        services.AddScoped<InsightReads>();
        services.AddScoped<OpenData>();
        services.AddScoped<ExportInsights>();
        services.AddScoped<AdviseStaffing>();
        services.AddHostedService<InsightsJob>();
        services.AddOutputCache(PublicPageCache.Configure);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(OpenDataPolicy, http =>
        {
            var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
            if (!limits.Enabled) return RateLimitPartition.GetNoLimiter("off");
            var perMinute = http.RequestServices.GetRequiredService<IOptions<InsightsOptions>>().Value.OpenDataPerMinute;
            // Counted across nodes in Redis when it is configured (SharedLimits), on this node otherwise.
            return SharedWindowLimiter.Partition(http.RequestServices.GetRequiredService<SharedLimits>(), OpenDataPolicy, RateLimiting.ClientKey(http), new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapInsightsModule(this IEndpointRouteBuilder app)
    {
        app.MapInsightsEndpoints();
        return app;
    }
}
