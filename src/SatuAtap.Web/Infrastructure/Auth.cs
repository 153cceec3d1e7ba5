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

    public static IServiceCollection AddSatuAtapAuth(this IServiceCollection services)
    {
        services.AddIdentityApiEndpoints<User>(o =>
            {
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<SatuAtapDb>()
            .AddClaimsPrincipalFactory<SatuAtapClaimsFactory>();
        // Pages challenge with the sign-in page; the cookie events below answer 401/403 on /api instead of redirecting.
        services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(o =>
        {
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
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.CatalogEditor, p => p.RequireRole(Roles.Manager, Roles.Administrator, Roles.AgencyHead))
            .AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Manager, Roles.Administrator))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff))
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator));
        services.AddHttpContextAccessor();
        services.AddScoped<IActor, HttpActor>();
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

    public static bool IsStaff(this ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

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

internal sealed class HttpActor(IHttpContextAccessor http) : IActor
{
    public Guid? UserId => http.HttpContext?.User.UserId();
    public string Name => http.HttpContext?.User.Identity?.Name ?? "anonymous";
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
        if (security.Value.RequireTwoFactorForStaff != true || user.Identity?.IsAuthenticated != true || !user.IsStaff()
            || user.HasClaim(c => c.Type == Auth.TwoFactorClaim))
            return next(http);
        var path = http.Request.Path;
        if (path.StartsWithSegments("/akun") || path.StartsWithSegments("/api/v1/identity") || !(path.StartsWithSegments("/kelola") || path.StartsWithSegments("/api")))
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
