using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Web.Infrastructure;

public static class Policies
{
    public const string CatalogEditor = "catalog-editor";
    public const string Manager = "manager";
    public const string Staff = "staff";
    public const string Administrator = "administrator";
}

public static class Auth
{
    public const string TwoFactorClaim = "satuatap:2fa";

    /// <summary>
    /// The scheme a request is read by: its bearer token when it carries one, else its sign-in cookie. Identity's own
    /// default tries the token and then the cookie, so every request ran both handlers (anonymous ones included);
    /// this runs one. A request with a token that fails is not read by its cookie instead.
    /// </summary>
    public const string Scheme = "SatuAtap";

    /// <summary>Whether the request carries a bearer token (as the bearer handler reads it: "Bearer ", case-sensitive).</summary>
    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal);

    public static IServiceCollection AddSatuAtapAuth(this IServiceCollection services)
    {
        services.AddIdentityApiEndpoints<User>(o =>
            {
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = true;
                // Failures are counted by SignInGuard over a sliding window (see SatuAtapUserManager.AccessFailedAsync).
                o.Lockout.MaxFailedAccessAttempts = SignInGuard.AccountLockoutFailures;
                o.Lockout.DefaultLockoutTimeSpan = SignInGuard.LockoutTime;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<SatuAtapDb>()
            .AddUserStore<SatuAtapUserStore>()
            .AddUserManager<SatuAtapUserManager>()
            .AddClaimsPrincipalFactory<SatuAtapClaimsFactory>()
            .AddErrorDescriber<IdentityMessages>();
        // A token sent again within Security:SessionCheckSeconds is not decrypted again (see RecentBearerTokens).
        services.AddOptions<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme)
            .PostConfigure<TimeProvider, IOptions<SecurityOptions>>((o, clock, security) =>
                o.BearerTokenProtector = new RecentBearerTokens(o.BearerTokenProtector, clock, security));
        // The sign-in cookie likewise: a browser sends the same cookie with every page for hours.
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<TimeProvider, IOptions<SecurityOptions>>((o, clock, security) =>
                o.TicketDataFormat = new RecentBearerTokens(o.TicketDataFormat, clock, security));
        services.AddAuthentication().AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = http =>
            HasBearerToken(http.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme);
        // Pages challenge with the sign-in page; the cookie events below answer 401/403 on /api instead of redirecting.
        services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(o =>
        {
            o.DefaultAuthenticateScheme = Scheme;
            o.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
            o.DefaultForbidScheme = IdentityConstants.ApplicationScheme;
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/akun/masuk";
            o.LogoutPath = "/akun/keluar";
            o.AccessDeniedPath = "/akun/ditolak";
            o.Cookie.Name = "satuatap.auth";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx.HttpContext, 401, () => ctx.Response.Redirect(ctx.RedirectUri));
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx.HttpContext, 403, () => ctx.Response.Redirect(ctx.RedirectUri));
            // A cookie's session is checked by SessionCheckMiddleware, as a bearer token's is: its stamp against the
            // account's, read at most once per Security:SessionCheckSeconds per account. Identity's own cookie check is
            // not run as well: once that interval has passed since the cookie was issued it reloads the account, its
            // roles and claims, rebuilds the principal and re-issues the cookie, on every request of a client that keeps
            // sending the cookie it has (many tabs, or requests in flight) — 3-5 queries and an encryption per page.
            o.Events.OnValidatePrincipal = _ => Task.CompletedTask;
        });
        // The two-factor remember-me cookie is checked against its account's security stamp this often.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<SecurityOptions>, TimeProvider>((o, security, clock) =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(security.Value.SessionCheckSeconds);
            o.TimeProvider = clock;
        });
        services.AddSingleton<SignInGuard>();
        services.AddSingleton<SessionStamps>();
        services.AddScoped<IssueEnrolmentCode>();
        services.AddScoped<RedeemEnrolmentCode>();
        services.AddAuthorizationBuilder()
            // Each policy is one of the caller's rules (Core/Identity/Caller).
            .AddPolicy(Policies.CatalogEditor, p => p.RequireAssertion(c => Callers.Of(c).MayEditCatalog))
            .AddPolicy(Policies.Manager, p => p.RequireAssertion(c => Callers.Of(c).IsManager))
            .AddPolicy(Policies.Staff, p => p.RequireAssertion(c => Callers.Of(c).IsStaff))
            .AddPolicy(Policies.Administrator, p => p.RequireAssertion(c => Callers.Of(c).IsAdministrator));
        services.AddHttpContextAccessor();
        return services;
    }

    private static Task ApiOr(HttpContext http, int status, Action otherwise)
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            otherwise();
            return Task.CompletedTask;
        }
        http.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    public static Guid? AgencyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(SatuAtapClaims.AgencyId), out var id) ? id : null;

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

/// <summary>Adds the agency, the display name and whether two-factor sign-in is on to the principal.</summary>
internal sealed class SatuAtapClaimsFactory(UserManager<User> users, RoleManager<Role> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, Role>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.AgencyId is { } agency) identity.AddClaim(new Claim(SatuAtapClaims.AgencyId, agency.ToString()));
        identity.AddClaim(new Claim(SatuAtapClaims.FullName, user.FullName));
        if (user.TwoFactorEnabled) identity.AddClaim(new Claim(Auth.TwoFactorClaim, "1"));
        return identity;
    }
}

/// <summary>
/// When <c>Security:RequireTwoFactorForStaff</c> is on, staff without a TOTP second factor may only set one up:
/// pages send them to the set-up page, the API answers 403.
/// </summary>
internal sealed class StaffTwoFactorMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http, IOptions<SecurityOptions> security)
    {
        var user = http.User;
        if (security.Value.RequireTwoFactorForStaff != true || user.Identity?.IsAuthenticated != true || !http.Caller().IsStaff
            || user.HasClaim(c => c.Type == Auth.TwoFactorClaim))
            return next(http);
        var path = http.Request.Path;
        // Their own account (sign-in, set-up, sign-out) stays open; managing other accounts does not.
        var ownAccount = path.StartsWithSegments("/akun")
                         || path.StartsWithSegments("/api/v1/identity") && !path.StartsWithSegments("/api/v1/identity/users");
        if (ownAccount || !(path.StartsWithSegments("/kelola") || path.StartsWithSegments("/api")))
            return next(http);
        if (path.StartsWithSegments("/api"))
        {
            http.Response.StatusCode = 403;
            return Problems.Problem(403, Core.Common.Lang.T(
                "Akun petugas wajib memakai verifikasi dua langkah (TOTP). Aktifkan di /akun/dua-langkah.",
                "Staff accounts must use two-factor sign-in (TOTP). Turn it on at /akun/dua-langkah.")).ExecuteAsync(http);
        }
        http.Response.Redirect("/akun/dua-langkah");
        return Task.CompletedTask;
    }
}
