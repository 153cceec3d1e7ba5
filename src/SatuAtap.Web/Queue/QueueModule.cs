using System.Security.Claims;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Queue;

/// <summary>The Queue module: its use cases, options, caches, batchers, booking limits and live hub; its API and hub.</summary>
public static class QueueModule
{
    public static IServiceCollection AddQueueModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<QueueOptions, QueueOptionsValidator>(config, QueueOptions.Section);
        services.AddScoped<QueueReads>();
        services.AddScoped<BookSlot>();
        services.AddScoped<CancelBooking>();
        services.AddScoped<MoveBooking>();
        services.AddScoped<IssueTicket>();
        services.AddScoped<SiteOpening>();
        services.AddSingleton<TicketBatcher>();
        services.AddSingleton<QueueCache>();
        services.AddSingleton<BookingBatcher>();
        services.AddScoped<CallNextTicket>();
        services.AddScoped<ActOnTicket>();
        services.AddScoped<PlanSlots>();
        services.AddScoped<SetSiteHours>();
        services.AddScoped<WorkSites>();
        services.AddScoped<QueueStats>();
        services.AddSingleton<IQueueNotifier, SignalRQueueNotifier>();
        services.AddSingleton<BookingLimits>();
        services.AddSignalR();
        return services;
    }

    public static IEndpointRouteBuilder MapQueueModule(this IEndpointRouteBuilder app)
    {
        app.MapHub<QueueHub>(QueueHub.Path);
        app.MapQueueEndpoints();
        return app;
    }

}

