using Microsoft.Extensions.Options;
using SatuAtap.Core.Notifications;

namespace SatuAtap.Web.Notifications;

/// <summary>The Notifications module: channels, the outbox and its dispatcher, the message templates; their API.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<NotificationsOptions>().Bind(config.GetSection(NotificationsOptions.Section))
            .Validate(o => o.Http.Channel is Channels.Sms or Channels.WhatsApp, "Notifications:Http:Channel must be 'sms' or 'whatsapp'.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Http.Url) || Uri.TryCreate(o.Http.Url, UriKind.Absolute, out _), "Notifications:Http:Url must be an absolute URL.")
            .Validate(o => o.Smtp.Port is > 0 and < 65536, "Notifications:Smtp:Port must be a TCP port.")
            .PostConfigure<IHostEnvironment>((o, env) => o.Smtp.Security = SmtpSecurity.Effective(o.Smtp.Security, env.IsProduction()))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationsOptions>>(sp => new SmtpSecurityCheck(sp.GetRequiredService<IHostEnvironment>()));
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

/// <summary>Refuses, in Production, an SMTP mode that lets mail go out in plain text (the message names the setting).</summary>
internal sealed class SmtpSecurityCheck(IHostEnvironment env) : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions o) =>
        SmtpSecurity.Problem(o.Smtp.Security, env.IsProduction(), o.Smtp.AllowPlainText) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
