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
        services.AddScoped<SubmitSurveyResponse>();
        services.AddScoped<GetSurveyIndex>();
        services.AddScoped<SurveyReport>();
        services.AddScoped<FileComplaint>();
        services.AddScoped<TrackComplaint>();
        services.AddScoped<ActOnComplaint>();
        services.AddScoped<ListComplaints>();
        services.AddScoped<HandleOverdueComplaints>();
        services.AddScoped<Open311Desk>();
        services.AddHostedService<OverdueComplaintsJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapFeedbackModule(this IEndpointRouteBuilder app)
    {
        app.MapSurveyEndpoints();
        app.MapComplaintEndpoints();
        app.MapOpen311Endpoints();
        return app;
    }
}
