using System.Security.Claims;
using SatuAtap.Core.Identity;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// The request's <see cref="Core.Identity.Caller"/>: built from the sign-in's claims the first time an endpoint, a page
/// or the audit trail asks, and kept for the rest of the request (built again only if the request's user changes,
/// as it does once the sign-in has been read).
/// </summary>
public static class Callers
{
    private static readonly object ItemKey = new();

    private sealed record Cached(ClaimsPrincipal User, Core.Identity.Caller Value);

    public static Core.Identity.Caller Caller(this HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var item) && item is Cached cached && ReferenceEquals(cached.User, http.User))
            return cached.Value;
        var caller = From(http.User);
        http.Items[ItemKey] = new Cached(http.User, caller);
        return caller;
    }

    /// <summary>The caller an authorization policy is asked about: the request's own when the policy is evaluated for it.</summary>
    public static Core.Identity.Caller Of(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http && ReferenceEquals(http.User, context.User) ? http.Caller() : From(context.User);

    /// <summary>The caller the claims describe: identity, name, roles and agency (see SatuAtapClaimsFactory).</summary>
    public static Core.Identity.Caller From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Core.Identity.Caller.Anonymous;
        var account = user.Identity.Name;
        var name = user.FindFirstValue(SatuAtapClaims.FullName) is { Length: > 0 } full ? full : account ?? "";
        return new(user.UserId(), name, account ?? "anonymous", Roles.All.Where(user.IsInRole).ToArray(), user.AgencyId());
    }
}
