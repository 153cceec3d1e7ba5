using System.Security.Claims;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Applications;

/// <summary>The Applications module: its use cases, options, background work and web services; its API.</summary>
public static class ApplicationsModule
{
    public static IServiceCollection AddApplicationsModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<ApplicationsOptions, ApplicationsOptionsValidator>(config, ApplicationsOptions.Section);
        services.AddSingleton<WorkflowCache>();
        services.AddSingleton<TrackingNumberSource>();
        services.AddScoped<ApplicationJournal>();
        services.AddScoped<CreateApplication>();
        services.AddScoped<UploadDocument>();
        services.AddScoped<SubmitApplication>();
        services.AddScoped<ActOnApplication>();
        services.AddScoped<GetApplication>();
        services.AddScoped<RevealNik>();
        services.AddScoped<ListApplications>();
        services.AddScoped<TrackApplication>();
        services.AddScoped<SaveWorkflow>();
        services.AddScoped<HandleOverdueApplications>();
        services.AddScoped<ApplicationStats>();
        services.AddSingleton<OverdueChecker>();
        services.AddHostedService(sp => sp.GetRequiredService<OverdueChecker>());
        services.AddScoped<ApplicationFiles>();
        services.AddScoped<ApplicationForm>();
        return services;
    }

    public static IEndpointRouteBuilder MapApplicationsModule(this IEndpointRouteBuilder app)
    {
        app.MapApplicationEndpoints();
        return app;
    }

}
