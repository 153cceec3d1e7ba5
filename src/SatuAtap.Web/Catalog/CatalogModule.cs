using SatuAtap.Core.Catalog;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Catalog;

/// <summary>The Catalog module: agencies, services, agreements, the calendar and the catalog cache; their API.</summary>
public static class CatalogModule
{
    public static IServiceCollection AddCatalogModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<CatalogOptions, CatalogOptionsValidator>(config, "Catalog");
        services.AddSingleton<CatalogCache>();
        services.AddScoped<SaveService>();
        services.AddScoped<CatalogEdits>();
        services.AddScoped<SaveAgreement>();
        services.AddScoped<SaveHoliday>();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogModule(this IEndpointRouteBuilder app)
    {
        app.MapCatalogEndpoints();
        app.MapCalendarEndpoints();
        app.MapAgreementEndpoints();
        return app;
    }
}
