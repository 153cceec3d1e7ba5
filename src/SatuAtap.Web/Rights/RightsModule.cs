using SatuAtap.Core.Rights;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Rights;

/// <summary>The Rights module: people's data rights and retention; its API.</summary>
public static class RightsModule
{
    public static IServiceCollection AddRightsModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<RightsOptions, RightsOptionsValidator>(config, RightsOptions.Section);
        services.AddSettings<RetentionOptions, RetentionOptionsValidator>(config, RetentionOptions.Section);
        services.AddScoped<Corrections>();
        services.AddScoped<MyAccessLog>();
        services.AddScoped<ExportPersonalData>();
        services.AddScoped<DeleteAccount>();
        services.AddScoped<ApplyRetention>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        return services;
    }

    public static IEndpointRouteBuilder MapRightsModule(this IEndpointRouteBuilder app)
    {
        app.MapRightsEndpoints();
        return app;
    }
}
