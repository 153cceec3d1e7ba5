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
            // The settings check admits only a PNG or a JPEG, told apart by the same first bytes as uploads.
            return Results.Bytes(logo, FileSniffer.Detect(logo) ?? "application/octet-stream");
        }).ExcludeFromDescription();
}
