namespace SatuAtap.Core.Common;

/// <summary>
/// Builds the absolute links the mall hands out — in messages, documents and QR codes — from the one configured public
/// address (<c>Mall:PublicBaseUrl</c>), never from what a request says its host is.
/// </summary>
public sealed class PublicLinks(Func<string> baseUrl)
{
    /// <summary>The public address without a trailing slash, for example <c>https://mpp.sukabumikab.go.id</c>.</summary>
    public string Base => baseUrl().TrimEnd('/');

    /// <summary>The absolute link to a path of the mall (<c>/lacak?nomor=…</c>).</summary>
    public string To(string pathAndQuery) => Base + (pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);

    /// <summary>An absolute http or https URL with no query or fragment: what a public base address may be.</summary>
    public static bool IsBaseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
