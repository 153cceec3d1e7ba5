using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Rights;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Rights;

/// <summary>People's rights (UU 27/2022): export of one's data, correction requests, deleting one's account; retention.</summary>
public static class RightsEndpoints
{
    /// <summary>The ZIP of everything held about the signed-in person, with generated results rendered as PDFs.</summary>
    public static async Task<IResult> ExportAsync(HttpContext http, CancellationToken ct)
    {
        if (http.User.UserId() is not { } me) return Problems.Problem(401, null);
        var viewer = http.Caller();
        var files = http.RequestServices.GetRequiredService<ApplicationFiles>();
        var baseUrl = http.BaseUrl();
        var zip = await http.RequestServices.GetRequiredService<ExportPersonalData>()
            .HandleAsync(me, (id, c) => files.ResultAsync(id, viewer, baseUrl, c), ct);
        if (zip is null) return Problems.Problem(404, Lang.T("Akun tidak ditemukan.", "Account not found."));
        var day = http.RequestServices.GetRequiredService<MallTime>().Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Results.File(zip, "application/zip", $"data-saya-{day}.zip");
    }

    public static void MapRightsEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Rights").RequireAuthorization();
        me.MapGet("/export", ExportAsync);
        me.MapGet("/access-log", async (MyAccessLog handler, HttpContext http, CancellationToken ct) =>
            http.User.UserId() is { } me ? Results.Ok(await handler.HandleAsync(me, ct)) : Problems.Problem(401, null));
        me.MapGet("/corrections", async (Corrections handler, HttpContext http, CancellationToken ct) =>
            Results.Ok(await handler.MineAsync(http.User.UserId()!.Value, ct)));
        me.MapPost("/corrections", async (CorrectionInput body, Corrections handler, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await handler.SubmitAsync(body, http.Caller(), ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/me/corrections/{outcome.Value!.Id}", outcome.Value) : Problems.From(outcome);
        }).RequireRateLimiting(RateLimiting.PublicWrites);
        me.MapDelete("", async (DeleteAccount handler, SignInManager<User> signIn, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await handler.HandleAsync(http.User.UserId()!.Value, ct);
            if (!outcome.Succeeded) return Problems.From(outcome);
            await signIn.SignOutAsync();
            return Results.Ok(outcome.Value);
        });

        var corrections = app.MapGroup("/api/v1/corrections").WithTags("Rights").RequireAuthorization(Policies.Manager);
        corrections.MapGet("", async (string? status, Corrections handler, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await handler.ListAsync(status, http.Caller(), ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : Problems.From(outcome);
        });
        corrections.MapPost("/{id:guid}/answer", async (Guid id, AnswerInput body, Corrections handler, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await handler.AnswerAsync(id, body, http.Caller(), ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : Problems.From(outcome);
        });
    }
}
