using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Applications.Documents;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Notifications;
using SatuAtap.Web.Infrastructure;
using static SatuAtap.Web.Infrastructure.Answers;
using Microsoft.EntityFrameworkCore;

namespace SatuAtap.Web.Applications;

/// <summary>Applications API: apply, upload, submit, follow, the officers' inbox and actions, public tracking, documents.</summary>
public static class ApplicationEndpoints
{
    public static void MapApplicationEndpoints(this IEndpointRouteBuilder app)
    {
        var maxUpload = app.ServiceProvider.GetRequiredService<IOptions<ApplicationsOptions>>().Value.MaxUploadBytes;
        var api = app.MapGroup("/api/v1").WithTags("Applications");
        var apps = api.MapGroup("/applications").RequireAuthorization();

        apps.MapPost("", async (CreateApplicationRequest body, CreateApplication handler, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await handler.HandleAsync(body, http.Caller(), ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/applications/{outcome.Value!.Id}", outcome.Value) : Problems.From(outcome);
        }).WithIdempotency<CreateApplicationRequest>("applications.create");
        apps.MapPut("/{id:guid}", async (Guid id, SaveFieldsRequest body, SubmitApplication handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.SaveFieldsAsync(id, body, http.Caller(), ct)));
        // The uploads switch the framework's form-token check off so that bearer callers need no token; a caller signed in
        // by cookie must still send one (ApiAntiforgeryMiddleware).
        apps.MapPost("/{id:guid}/documents", async (Guid id, HttpContext http, UploadDocument handler, CancellationToken ct) =>
        {
            var (form, file, refusal) = await ReadUploadAsync(http, maxUpload,
                Lang.T("Kirim sebagai multipart/form-data dengan 'requirementId' dan 'file'.", "Send multipart/form-data with 'requirementId' and 'file'."), ct);
            if (refusal is not null) return refusal;
            await using var stream = file?.OpenReadStream();
            var outcome = await handler.HandleAsync(id, form["requirementId"].ToString(), stream, file?.FileName, file?.Length ?? 0, http.Caller(), ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/applications/{id}/documents/{outcome.Value!.Id}", outcome.Value) : Problems.From(outcome);
        }).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(maxUpload + 64 * 1024));
        apps.MapGet("/{id:guid}/documents/{documentId:guid}", async (Guid id, Guid documentId, HttpContext http, ApplicationFiles files, CancellationToken ct) =>
            await files.DocumentAsync(id, documentId, http.Caller(), ct) is { } f
                ? Downloads.Attachment(f.Stream, f.ContentType, f.FileName)
                : Problems.Problem(404, Lang.T("Dokumen tidak ditemukan.", "Document not found.")));
        apps.MapPost("/{id:guid}/submit", async (Guid id, SubmitApplication handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, http.Caller(), ct)));
        apps.MapGet("/{id:guid}", async (Guid id, GetApplication handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, http.Caller(), http.BaseUrl(), ct)));
        // Staff see NIKs masked; this returns them in clear and writes the access log.
        apps.MapPost("/{id:guid}/nik", async (Guid id, RevealNik handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, http.Caller(), ct)));
        // Managers read who looked at an application's personal data.
        apps.MapGet("/{id:guid}/access-log", async (Guid id, SatuAtapDb db, CancellationToken ct) =>
            Results.Ok((await AccessLog.ForRecordAsync(db, AccessLog.Application, id, ct: ct))
                .Select(e => new AccessLogView(DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc), e.ViewerUserId, e.ViewerName, e.ViewerAgencyId, e.SubjectUserId, e.What, e.Detail))))
            .RequireAuthorization(Policies.Manager);
        apps.MapGet("", async (string? mine, string? page, string? pageSize, ListApplications handler, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var p = read.Int("page", page, 1, 1, 100_000);
            var size = read.Int("pageSize", pageSize, 20, 1, 100);
            if (mine is not (null or "true")) read.Fail("mine", Lang.T("Gunakan mine=true; daftar petugas ada di /api/v1/inbox.", "Use mine=true; officers use /api/v1/inbox."));
            if (read.Failed) return read.Problem();
            return Answer(await handler.MineAsync(http.Caller(), p, size, ct));
        });
        apps.MapPost("/{id:guid}/actions", async (Guid id, ActionRequest body, ActOnApplication handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, body, http.Caller(), ct)));
        apps.MapPost("/{id:guid}/result", async (Guid id, HttpContext http, ActOnApplication handler, CancellationToken ct) =>
        {
            var (form, file, refusal) = await ReadUploadAsync(http, maxUpload,
                Lang.T("Kirim sebagai multipart/form-data dengan 'file' (PDF) dan 'note' (pilihan).", "Send multipart/form-data with 'file' (a PDF) and optionally 'note'."), ct);
            if (refusal is not null) return refusal;
            await using var stream = file is { Length: > 0 } ? file.OpenReadStream() : null;
            var note = form["note"].ToString();
            return Answer(await handler.IssueWithFileAsync(id, stream, string.IsNullOrWhiteSpace(note) ? null : note, http.Caller(), ct));
        }).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(maxUpload + 64 * 1024));
        apps.MapGet("/{id:guid}/receipt.pdf", async (Guid id, HttpContext http, ApplicationFiles files, CancellationToken ct) =>
            await files.ReceiptAsync(id, http.Caller(), http.BaseUrl(), ct) is { } pdf
                ? Downloads.Attachment(pdf, "application/pdf", "tanda-terima.pdf")
                : Problems.Problem(404, Lang.T("Tanda terima tidak tersedia.", "No receipt is available.")));
        apps.MapGet("/{id:guid}/result.pdf", async (Guid id, HttpContext http, ApplicationFiles files, CancellationToken ct) =>
            await files.ResultAsync(id, http.Caller(), http.BaseUrl(), ct) is { } pdf
                ? Downloads.Attachment(pdf, "application/pdf", "hasil-layanan.pdf")
                : Problems.Problem(404, Lang.T("Hasil layanan tidak tersedia.", "No result is available.")));

        api.MapGet("/inbox", async (string? step, string? overdue, string? page, string? pageSize, ListApplications handler, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            int? s = string.IsNullOrWhiteSpace(step) ? null : read.Int("step", step, 1, 1, 50);
            bool? o = overdue switch { null or "" => null, "true" => true, "false" => false, _ => Fail(read, "overdue") };
            var p = read.Int("page", page, 1, 1, 100_000);
            var size = read.Int("pageSize", pageSize, 20, 1, 100);
            if (read.Failed) return read.Problem();
            return Answer(await handler.InboxAsync(http.Caller(), new InboxQuery(s, o, p, size), ct));
        }).RequireAuthorization(Policies.Staff);

        api.MapGet("/applications/stats", async (string? agencyId, string? serviceId, string? from, string? to, ApplicationStats handler, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var f = read.Date("from", from, false);
            var t = read.Date("to", to, false);
            if (read.Failed) return read.Problem();
            return Answer(await handler.HandleAsync(new StatsQuery(agencyId, serviceId, f, t), http.Caller(), ct));
        }).RequireAuthorization(Policies.Staff);

        api.MapGet("/tracking/{trackingNumber}", async (string trackingNumber, string? check, TrackApplication handler, CancellationToken ct) =>
            Answer(await handler.HandleAsync(trackingNumber, check, ct))).RequireRateLimiting(RateLimiting.Tracking).WithNoReferrer();
        api.MapGet("/verification/{code}", async (string code, TrackApplication handler, CancellationToken ct) =>
            Results.Ok(await handler.VerifyAsync(code, ct))).RequireRateLimiting(RateLimiting.Tracking);

        api.MapGet("/services/{id}/workflow", async (string id, SaveWorkflow handler, CancellationToken ct) =>
            Answer(await handler.GetAsync(id, ct))).RequireAuthorization(Policies.Staff);
        api.MapPut("/services/{id}/workflow", async (string id, WorkflowDocument body, SaveWorkflow handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, body, http.Caller(), ct))).RequireAuthorization(Policies.CatalogEditor);
    }

    /// <summary>Reads a multipart upload: 415 when it is not a form, 413 when its <c>file</c> is over the limit.</summary>
    private static async Task<(IFormCollection Form, IFormFile? File, IResult? Refusal)> ReadUploadAsync(HttpContext http, long maxUpload, string expected, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType) return (FormCollection.Empty, null, Problems.Problem(415, expected));
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        return file is not null && file.Length > maxUpload
            ? (form, file, Problems.Problem(413, Lang.T($"Berkas melebihi batas {maxUpload / 1024 / 1024.0:0.#} MB.", $"The file is over the {maxUpload / 1024 / 1024.0:0.#} MB limit.")))
            : (form, file, null);
    }

    private static bool? Fail(QueryReader read, string name)
    {
        read.Fail(name, Lang.T("Harus true atau false.", "Must be true or false."));
        return null;
    }

}

public sealed record AccessLogView(DateTime At, Guid? ViewerUserId, string ViewerName, Guid? ViewerAgencyId, Guid? SubjectUserId, string What, string? Detail);
