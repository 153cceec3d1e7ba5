using SatuAtap.Core.Common;
using SatuAtap.Core.Notifications;
using SatuAtap.Web.Infrastructure;
using static SatuAtap.Web.Infrastructure.Answers;

namespace SatuAtap.Web.Notifications;

/// <summary>Notifications API: the managers' message templates.</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        var templates = api.MapGroup("/notification-templates").WithTags("Notifications").RequireAuthorization(Policies.Manager);
        templates.MapGet("", async (EditNotificationTemplates handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.ListAsync(http.Caller(), ct)));
        templates.MapGet("/{id:guid}", async (Guid id, EditNotificationTemplates handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.GetAsync(id, http.Caller(), ct)));
        templates.MapPut("/{id:guid}", async (Guid id, TemplateEdit body, EditNotificationTemplates handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, body, http.Caller(), ct)));
    }

}
