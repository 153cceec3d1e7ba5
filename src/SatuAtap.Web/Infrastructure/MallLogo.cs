using Microsoft.Net.Http.Headers;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// The mall's logo (<c>Mall:Logo</c>) at <c>/logo</c>, for the page header: the same image the documents print, read
/// once at start. 404 when no logo is configured (the header then shows the name alone).
/// </summary>
public static class MallLogo
{
    public const string Path = "/logo";

    public static void MapMallLogo(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (MallIdentity mall, HttpContext http) =>
        {
            if (mall.Logo is not { } logo) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Bytes(logo, ContentTypeOf(logo));
        }).ExcludeFromDescription();

    /// <summary>PNG or JPEG, told apart by their first bytes (the settings check admits only these two).</summary>
    public static string ContentTypeOf(byte[] image) =>
        image is [0x89, 0x50, 0x4E, 0x47, ..] ? "image/png" : "image/jpeg";
}
