using Microsoft.Extensions.Options;
using SatuAtap.Core.Rights;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Rights;

/// <summary>The Rights module: people's data rights and retention; its API.</summary>
public static class RightsModule
{
    public static IServiceCollection AddRightsModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RightsOptions>().Bind(config.GetSection(RightsOptions.Section)).ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(config.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RightsOptions>>(sp => sp.GetRequiredService<SettingsValidator>());
        services.AddSingleton<IValidateOptions<RetentionOptions>>(sp => sp.GetRequiredService<SettingsValidator>());
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
