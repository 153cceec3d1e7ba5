using SatuAtap.Core.Notifications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Notifications;

/// <summary>The Notifications module: channels, the outbox and its dispatcher, the message templates; their API.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<NotificationsOptions, NotificationsOptionsValidator>(config, NotificationsOptions.Section)
            .PostConfigure<IHostEnvironment>((o, env) => o.Smtp.Security = SmtpSecurity.Effective(o.Smtp.Security, env.IsProduction()));
        services.AddHttpClient("notifications", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddSingleton<INotificationChannel>(sp => ActivatorUtilities.CreateInstance<HttpChannel>(sp, Channels.Sms));
        services.AddSingleton<INotificationChannel>(sp => ActivatorUtilities.CreateInstance<HttpChannel>(sp, Channels.WhatsApp));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<TemplateCache>();
        services.AddSingleton<Notifier>();
        services.AddScoped<EditNotificationTemplates>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotificationsModule(this IEndpointRouteBuilder app)
    {
        app.MapNotificationEndpoints();
        return app;
    }
}
