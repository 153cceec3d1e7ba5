using SatuAtap.Core.Licensing;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Licensing;

/// <summary>The Licensing module (Link-Satu): the activity table, the navigator, bundles, expiry reminders; their API.</summary>
public static class LicensingModule
{
    public static IServiceCollection AddLicensingModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<LicensingOptions, LicensingOptionsValidator>(config, LicensingOptions.Section);
        services.AddSingleton<ActivityTableCache>();
        services.AddScoped<ImportActivityTable>();
        services.AddScoped<AssessBusiness>();
        services.AddScoped<CreateBundle>();
        services.AddScoped<GetBundle>();
        services.AddScoped<UploadBundleDocument>();
        services.AddScoped<SubmitBundle>();
        services.AddScoped<SendBundleConfirmation>();
        services.AddScoped<ConfirmBundle>();
        services.AddScoped<TrackBundle>();
        services.AddScoped<ListBundles>();
        services.AddScoped<SendExpiryReminders>();
        services.AddSingleton<ExpiryReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiryReminderJob>());
        services.AddScoped<RemoveUnconfirmedBundles>();
        services.AddSingleton<UnconfirmedBundleJob>();
        services.AddHostedService(sp => sp.GetRequiredService<UnconfirmedBundleJob>());
        return services;
    }

    public static IEndpointRouteBuilder MapLicensingModule(this IEndpointRouteBuilder app)
    {
        app.MapLicensingEndpoints();
        return app;
    }
}
