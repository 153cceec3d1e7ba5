using SatuAtap.Core.Outreach;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Outreach;

/// <summary>The Outreach module (the mobile mall, MPP keliling): its use cases and settings; its API.</summary>
public static class OutreachModule
{
    public static IServiceCollection AddOutreachModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<OutreachOptions, OutreachOptionsValidator>(config, OutreachOptions.Section);
        services.AddSingleton<ScheduleCache>();
        services.AddScoped<OutreachReads>();
        services.AddScoped<OutreachEdits>();
        services.AddScoped<VisitPlanning>();
        services.AddScoped<VisitChanges>();
        services.AddScoped<CreateVisit>();
        services.AddScoped<PlanCircuit>();
        services.AddScoped<MoveVisit>();
        services.AddScoped<CancelVisit>();
        services.AddScoped<VisitReports>();
        services.AddScoped<SatuAtap.Core.Queue.ISiteOffer, VisitOffer>();
        services.AddScoped<ChooseVisitOfficers>();
        services.AddScoped<SatuAtap.Core.Queue.ISiteStaffing, VisitCrew>();
        return services;
    }

    public static IEndpointRouteBuilder MapOutreachModule(this IEndpointRouteBuilder app)
    {
        app.MapOutreachEndpoints();
        return app;
    }
}
