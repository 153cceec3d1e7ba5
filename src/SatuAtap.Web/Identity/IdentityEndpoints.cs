using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.RateLimiting;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Identity;

/// <summary>
/// Accounts API: Identity's endpoints (<c>register</c>, <c>login</c>, <c>refresh</c>, <c>manage/*</c>, …) with the mall's
/// rules around them, sign-out, and the staff enrolment code.
/// </summary>
public static class IdentityEndpoints
{
    /// <summary>Anonymous Identity endpoints that create accounts, send email or check emailed codes.</summary>
    private static readonly string[] PublicWrites = ["/register", "/resendConfirmationEmail", "/forgotPassword", "/resetPassword", "/confirmEmail"];

    public static void MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/identity").WithTags("Identity");
        group.AddEndpointFilter<IdentityRulesFilter>();
        group.MapIdentityApi<User>().Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern }
                && PublicWrites.Any(p => pattern.EndsWith(p, StringComparison.OrdinalIgnoreCase)))
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(RateLimiting.PublicWrites));
        });

        // Ends every session of the account: its refresh tokens, its cookies elsewhere, and this cookie.
        group.MapPost("/logout", async (HttpContext http, UserManager<User> users, SignInManager<User> signIn) =>
        {
            if (await users.GetUserAsync(http.User) is { } user) await users.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            return Results.NoContent();
        }).RequireAuthorization();

        group.MapPost("/users/{id:guid}/enrolment-code", async (Guid id, IssueEnrolmentCode issue, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await issue.HandleAsync(id, http.Caller(), ct);
            return outcome.Succeeded
                ? Results.Ok(new EnrolmentCodeResponse(outcome.Value!.UserId, outcome.Value.Email, outcome.Value.Code, outcome.Value.ExpiresAtUtc))
                : Problems.From(outcome);
        }).RequireAuthorization(Policies.Administrator);
    }
}

public sealed record EnrolmentCodeResponse(Guid UserId, string Email, string Code, DateTime ExpiresAtUtc);

/// <summary>
/// The mall's rules on Identity's own endpoints: sign-in attempts go through <see cref="SignInGuard"/>, and staff turn
/// two-factor sign-in on or off only at <c>/akun/dua-langkah</c>, where the enrolment code is asked for.
/// </summary>
internal sealed class IdentityRulesFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        foreach (var argument in context.Arguments)
        {
            switch (argument)
            {
                case LoginRequest login:
                    return await SignInAsync(context, next, login);
                case TwoFactorRequest twoFactor when http.Caller().IsStaff && (twoFactor.Enable is not null || twoFactor.ResetSharedKey):
                    return Problems.Problem(403, Lang.T(
                        "Akun petugas mengaktifkan atau mengganti autentikator di /akun/dua-langkah dengan kode pendaftaran dari administrator.",
                        "Staff accounts turn on or change their authenticator at /akun/dua-langkah, with an enrolment code from an administrator."));
            }
        }
        return await next(context);
    }

    private static async ValueTask<object?> SignInAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, LoginRequest login)
    {
        var http = context.HttpContext;
        var guard = http.RequestServices.GetRequiredService<SignInGuard>();
        var users = http.RequestServices.GetRequiredService<UserManager<User>>();
        var address = RateLimiting.ClientKey(http);
        if (guard.Attempt(address, string.IsNullOrWhiteSpace(login.Email) ? null : users.NormalizeName(login.Email)) is { } refusal)
        {
            http.Response.Headers.RetryAfter = refusal.RetryAfterSeconds;
            return Problems.Problem(429, refusal.Message);
        }
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        // A right password that still needs the second factor is not a failure.
        if (inner is ProblemHttpResult { StatusCode: 401 } problem && problem.ProblemDetails.Detail != SignInResult.TwoFactorRequired.ToString())
            guard.AddressFailed(address);
        return result;
    }
}
