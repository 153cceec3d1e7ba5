using System.Globalization;
using Microsoft.AspNetCore.Localization;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Indonesian is the default language; English is the second. Pages follow the visitor's choice (a cookie set
/// by the language switch, or <c>?lang=</c>); the API also honours <c>Accept-Language</c>.
/// </summary>
public static class Localization
{
    public const string CookieName = "satuatap.lang";

    public static IApplicationBuilder UseSatuAtapLocalization(this IApplicationBuilder app)
    {
        var cultures = new[] { new CultureInfo("id-ID"), new CultureInfo("id"), new CultureInfo("en-GB"), new CultureInfo("en") };
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("id-ID"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
            new CookieRequestCultureProvider { CookieName = CookieName },
            new ApiAcceptLanguageProvider(),
        ];
        return app.UseRequestLocalization(options);
    }

    public static string CultureFor(string lang) => lang == Lang.English ? "en-GB" : "id-ID";

    public static void Remember(HttpResponse response, string lang) =>
        response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureFor(lang))),
            new CookieOptions { Expires = response.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps });

    private sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http) =>
            http.Request.Path.StartsWithSegments("/api") ? base.DetermineProviderCultureResult(http) : Task.FromResult<ProviderCultureResult?>(null);
    }
}

public static class LanguageSwitch
{
    /// <summary><c>/bahasa/en?kembali=/layanan</c>: remembers the choice in a cookie and goes back; works without JavaScript.</summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/bahasa/{lang}", (string lang, string? kembali, HttpContext http) =>
        {
            Localization.Remember(http.Response, lang == Lang.English ? Lang.English : Lang.Indonesian);
            return Results.Redirect(ReturnAddress.LocalOr(kembali));
        }).ExcludeFromDescription();
}
