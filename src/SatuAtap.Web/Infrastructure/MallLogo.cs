using Microsoft.Net.Http.Headers;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// The mall's logo (<c>Mall:Logo</c>) at <c>/logo</c>, for the page header: the same image the documents print, read
/// once at start. 404 when no logo is configured (the header then shows the name alone). Beside it the web app
/// manifest, so that a phone can add the mall to its home screen under the mall's name, and <c>/favicon.ico</c> for
/// the browsers that ask for it, pointing at the icon in <c>wwwroot/favicon.svg</c>.
/// </summary>
public static class MallLogo
{
    public const string Path = "/logo";

    public static void MapMallLogo(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (MallIdentity mall, HttpContext http) =>
        {
            if (mall.Logo is not { } logo) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=86400";
            // The settings check admits only a PNG or a JPEG, told apart by the same first bytes as uploads.
            return Results.Bytes(logo, FileSniffer.Detect(logo) ?? "application/octet-stream");
        }).ExcludeFromDescription();
        app.MapGet("/favicon.ico", () => Results.Redirect("/favicon.svg", permanent: true)).ExcludeFromDescription();
        app.MapGet("/manifest.webmanifest", (MallIdentity mall, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Json(new
            {
                name = "SatuAtap " + mall.ShortName,
                short_name = mall.ShortName,
                description = Lang.T("Semua layanan publik dalam satu atap: di gedung, di mobil keliling, dan daring.",
                    "Every public service under one roof: in the building, in the mobile unit and online."),
                lang = Lang.Code,
                start_url = "/",
                scope = "/",
                display = "standalone",
                background_color = "#ffffff",
                theme_color = "#0b5a3c",
                icons = new[] { new { src = "/favicon.svg", sizes = "any", type = "image/svg+xml", purpose = "any" } },
            }, contentType: "application/manifest+json");
        }).ExcludeFromDescription();
    }
}
