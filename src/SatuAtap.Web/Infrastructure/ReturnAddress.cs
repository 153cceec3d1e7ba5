namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// The one rule for an address the mall sends a visitor back to (<c>kembali</c>, <c>ReturnUrl</c>): a path on this
/// site. Browsers treat <c>//host</c> and <c>/\host</c> as another site and drop tabs and line breaks before reading
/// an address, so those are refused, as are absolute URLs.
/// </summary>
public static class ReturnAddress
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/') return false;
        foreach (var c in url)
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\') return false;
        return url.Length == 1 || url[1] != '/';
    }

    /// <summary>The address when it is local, otherwise <paramref name="fallback"/>.</summary>
    public static string LocalOr(string? url, string fallback = "/") => IsLocal(url) ? url! : fallback;
}
