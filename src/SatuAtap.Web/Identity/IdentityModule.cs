using SatuAtap.Core.Identity;

namespace SatuAtap.Web.Identity;

/// <summary>
/// The Identity module's own use cases and API. Sign-in, cookies, tokens and sessions are the host's authentication
/// (Infrastructure/Auth.cs), registered with the cross-cutting infrastructure.
/// </summary>
public static class IdentityModule
{
    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<VerifyAuditChain>();
        return services;
    }

    public static IEndpointRouteBuilder MapIdentityModule(this IEndpointRouteBuilder app)
    {
        app.MapIdentityEndpoints();
        return app;
    }
}
