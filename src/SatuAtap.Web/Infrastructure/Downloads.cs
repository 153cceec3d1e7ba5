namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// How every stored or generated file leaves the mall: as a download (<c>Content-Disposition: attachment</c>), with
/// <c>X-Content-Type-Options: nosniff</c> so the browser keeps the declared type, and
/// <c>Content-Security-Policy: sandbox</c> so that even a file opened in a tab runs no script and reaches no cookie.
/// </summary>
public static class Downloads
{
    public static IResult Attachment(Stream content, string contentType, string fileName) =>
        new AttachmentResult(Results.File(content, contentType, fileName));

    public static IResult Attachment(byte[] content, string contentType, string fileName) =>
        new AttachmentResult(Results.File(content, contentType, fileName));

    public static void Protect(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
    }

    private sealed class AttachmentResult(IResult file) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            Protect(http.Response);
            // Set again just before the headers go out, over any default a middleware may add on its way.
            http.Response.OnStarting(() =>
            {
                Protect(http.Response);
                return Task.CompletedTask;
            });
            return file.ExecuteAsync(http);
        }
    }
}
