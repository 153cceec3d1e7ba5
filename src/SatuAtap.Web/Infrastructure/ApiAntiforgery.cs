using Microsoft.AspNetCore.Antiforgery;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// A write to <c>/api</c> (POST, PUT, PATCH, DELETE) that is signed in by the cookie — which a browser attaches to a
/// request another site makes it send — must carry the antiforgery token (header <c>RequestVerificationToken</c> or
/// form field <c>__RequestVerificationToken</c>), or it is refused with 403. Callers with a bearer token, which no
/// other site can make a browser send, and anonymous callers are not affected.
/// </summary>
internal sealed class ApiAntiforgeryMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (http.Request.Path.StartsWithSegments("/api") && IsWrite(http.Request.Method)
            && http.User.Identity?.IsAuthenticated == true && !Auth.HasBearerToken(http.Request))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await Problems.Problem(403, Lang.T(
                    "Permintaan dengan cookie masuk harus membawa token antiforgery (header RequestVerificationToken). Aplikasi lain memakai token bearer.",
                    "A request signed in by cookie must carry the antiforgery token (header RequestVerificationToken). Other clients use a bearer token.")).ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
