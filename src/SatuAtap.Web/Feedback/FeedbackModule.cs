using SatuAtap.Core.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Feedback;

/// <summary>The Feedback module: the satisfaction survey (SKM), the complaint desk and its Open311 face.</summary>
public static class FeedbackModule
{
    public static IServiceCollection AddFeedbackModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<FeedbackOptions, FeedbackOptionsValidator>(config, FeedbackOptions.Section);
        services.AddScoped<SurveyLinks>();
        services.AddScoped<SatuAtap.Core.Applications.IApplicationMessageValues>(sp => sp.GetRequiredService<SurveyLinks>());
        services.AddScoped<SubmitSurveyResponse>();
        services.AddSingleton<SurveyIndexCache>();
        services.AddScoped<GetSurveyIndex>();
        services.AddScoped<GetSurveyTrend>();
        services.AddScoped<SurveyReport>();
        services.AddScoped<FileComplaint>();
        services.AddScoped<TrackComplaint>();
        services.AddScoped<ActOnComplaint>();
        services.AddScoped<ListComplaints>();
        services.AddScoped<HandleOverdueComplaints>();
        services.AddScoped<Open311Desk>();
        services.AddScoped<IssueOpen311Key>();
        services.AddScoped<RevokeOpen311Key>();
        services.AddScoped<ListOpen311Clients>();
        services.AddHostedService<OverdueComplaintsJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapFeedbackModule(this IEndpointRouteBuilder app)
    {
        app.MapSurveyEndpoints();
        app.MapComplaintEndpoints();
        app.MapOpen311Endpoints();
        app.MapOpen311KeyEndpoints();
        return app;
    }
}
