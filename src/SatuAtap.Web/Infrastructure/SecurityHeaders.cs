using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Headers on every response — pages, API answers, static files, error pages: no content sniffing, a short referrer,
/// and on HTML a content security policy that allows only the mall's own scripts and styles and no framing.
/// </summary>
internal sealed partial class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The policy of every HTML page: nothing inline, nothing from elsewhere; QR codes may be data: images.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string PolicyKey = "satuatap.csp";

    public async Task InvokeAsync(HttpContext http)
    {
        // Set when the response starts, so that an error page written after the headers were cleared still has them.
        http.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // A stricter policy set by the endpoint itself (the tracking answers' no-referrer) is kept.
            if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = context.Items[PolicyKey] as string ?? ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
            }
            return Task.CompletedTask;
        }, http);
        // Only the API browser's page itself (no file extension) is read back; its scripts and styles pass straight through.
        if (http.Request.Path.StartsWithSegments("/scalar") && !Path.HasExtension(http.Request.Path.Value)) await ApiBrowserAsync(http);
        else await next(http);
    }

    /// <summary>
    /// The API browser (<c>/scalar</c>, a third-party page) starts itself with an inline script: that script, and only it,
    /// is allowed by its hash; its styles are inserted at run time, so styles (never scripts) may be inline there.
    /// </summary>
    private async Task ApiBrowserAsync(HttpContext http)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            var hashes = InlineScript().Matches(html).Select(m => m.Groups[1].Value).Where(s => s.Trim().Length > 0)
                .Select(s => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'");
            http.Items[PolicyKey] = ContentSecurityPolicy
                .Replace("script-src 'self'", "script-src 'self' " + string.Join(' ', hashes), StringComparison.Ordinal)
                .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    [GeneratedRegex(@"<script\b[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
