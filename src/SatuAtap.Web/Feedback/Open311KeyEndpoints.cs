using SatuAtap.Core.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Feedback;

/// <summary>The managers' Open311 keys: list the client applications, issue a key (shown once), revoke one.</summary>
public static class Open311KeyEndpoints
{
    public sealed record IssueKeyInput(string? Name);

    public static void MapOpen311KeyEndpoints(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/v1/open311/clients").WithTags("Open311").RequireAuthorization(Policies.Staff);
        clients.MapGet("", async (ListOpen311Clients handler, HttpContext http, CancellationToken ct) =>
            Answers.Answer(await handler.HandleAsync(http.Caller(), ct)));
        clients.MapPost("", async (IssueKeyInput? body, IssueOpen311Key handler, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await handler.HandleAsync(body?.Name, http.Caller(), ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/open311/clients/{outcome.Value!.Id}", outcome.Value) : Problems.From(outcome);
        });
        clients.MapPost("/{id}/revoke", async (string id, RevokeOpen311Key handler, HttpContext http, CancellationToken ct) =>
            Guid.TryParse(id, out var clientId)
                ? Answers.Answer(await handler.HandleAsync(clientId, http.Caller(), ct))
                : Problems.Problem(404, null));
    }
}
