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
using Microsoft.EntityFrameworkCore;

namespace SatuAtap.Web.Api;

/// <summary>Applications API: apply, upload, submit, follow, the officers' inbox and actions, public tracking, documents.</summary>
public static class ApplicationEndpoints
{
    public static IServiceCollection AddApplicationsModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ApplicationsOptions>().Bind(config.GetSection(ApplicationsOptions.Section))
            .Validate(o => o.MaxUploadBytes is >= 1024 and <= 100 * 1024 * 1024, "Applications:MaxUploadBytes must be between 1024 and 104857600.")
            .ValidateOnStart();
        services.AddOptions<NotificationsOptions>().Bind(config.GetSection(NotificationsOptions.Section))
            .Validate(o => o.Http.Channel is Channels.Sms or Channels.WhatsApp, "Notifications:Http:Channel must be 'sms' or 'whatsapp'.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Http.Url) || Uri.TryCreate(o.Http.Url, UriKind.Absolute, out _), "Notifications:Http:Url must be an absolute URL.")
            .Validate(o => o.Smtp.Port is > 0 and < 65536, "Notifications:Smtp:Port must be a TCP port.")
            .PostConfigure<IHostEnvironment>((o, env) => o.Smtp.Security = SmtpSecurity.Effective(o.Smtp.Security, env.IsProduction()))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationsOptions>>(sp => new SmtpSecurityCheck(sp.GetRequiredService<IHostEnvironment>()));
        services.AddHttpClient("notifications", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddSingleton<INotificationChannel>(sp => ActivatorUtilities.CreateInstance<HttpChannel>(sp, Channels.Sms));
        services.AddSingleton<INotificationChannel>(sp => ActivatorUtilities.CreateInstance<HttpChannel>(sp, Channels.WhatsApp));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<Notifier>();
        services.AddScoped<EditNotificationTemplates>();
        services.AddSingleton<TrackingNumberSource>();
        services.AddScoped<ApplicationJournal>();
        services.AddScoped<CreateApplication>();
        services.AddScoped<UploadDocument>();
        services.AddScoped<SubmitApplication>();
        services.AddScoped<ActOnApplication>();
        services.AddScoped<GetApplication>();
        services.AddScoped<RevealNik>();
        services.AddScoped<ListApplications>();
        services.AddScoped<TrackApplication>();
        services.AddScoped<SaveWorkflow>();
        services.AddScoped<HandleOverdueApplications>();
        services.AddScoped<ApplicationStats>();
        services.AddSingleton<OverdueChecker>();
        services.AddHostedService(sp => sp.GetRequiredService<OverdueChecker>());
        services.AddScoped<ApplicationFiles>();
        services.AddScoped<SatuAtap.Web.Pages.Permohonan.ApplicationForm>();
        return services;
    }

    public static Viewer ToViewer(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? Viewer.Anonymous
            : new Viewer(user.UserId(), user.FindFirstValue(SatuAtapClaims.FullName) is { Length: > 0 } n ? n : user.Identity.Name ?? "",
                user.AgencyId(), Roles.All.Where(user.IsInRole).ToArray());

    /// <summary>The mall's public address (<c>Mall:PublicBaseUrl</c>), never the request's Host header.</summary>
    public static string BaseUrl(this HttpContext http) => http.RequestServices.GetRequiredService<PublicLinks>().Base;

    public static void MapApplicationEndpoints(this IEndpointRouteBuilder app)
    {
        var maxUpload = app.ServiceProvider.GetRequiredService<IOptions<ApplicationsOptions>>().Value.MaxUploadBytes;
        var api = app.MapGroup("/api/v1").WithTags("Applications");
        var apps = api.MapGroup("/applications").RequireAuthorization();

        apps.MapPost("", async (CreateApplicationRequest body, CreateApplication handler, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await handler.HandleAsync(body, http.User.ToViewer(), ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/applications/{outcome.Value!.Id}", outcome.Value) : Problems.From(outcome);
        }).WithIdempotency<CreateApplicationRequest>("applications.create");
        apps.MapPut("/{id:guid}", async (Guid id, SaveFieldsRequest body, SubmitApplication handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.SaveFieldsAsync(id, body, http.User.ToViewer(), ct)));
        // The uploads switch the framework's form-token check off so that bearer callers need no token; a caller signed in
        // by cookie must still send one (ApiAntiforgeryMiddleware).
        apps.MapPost("/{id:guid}/documents", async (Guid id, HttpContext http, UploadDocument handler, CancellationToken ct) =>
        {
            var (form, file, refusal) = await ReadUploadAsync(http, maxUpload,
                Lang.T("Kirim sebagai multipart/form-data dengan 'requirementId' dan 'file'.", "Send multipart/form-data with 'requirementId' and 'file'."), ct);
            if (refusal is not null) return refusal;
            await using var stream = file?.OpenReadStream();
            var outcome = await handler.HandleAsync(id, form["requirementId"].ToString(), stream, file?.FileName, file?.Length ?? 0, http.User.ToViewer(), ct);
            return outcome.Succeeded ? Results.Created($"/api/v1/applications/{id}/documents/{outcome.Value!.Id}", outcome.Value) : Problems.From(outcome);
        }).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(maxUpload + 64 * 1024));
        apps.MapGet("/{id:guid}/documents/{documentId:guid}", async (Guid id, Guid documentId, HttpContext http, ApplicationFiles files, CancellationToken ct) =>
            await files.DocumentAsync(id, documentId, http.User.ToViewer(), ct) is { } f
                ? Downloads.Attachment(f.Stream, f.ContentType, f.FileName)
                : Problems.Problem(404, Lang.T("Dokumen tidak ditemukan.", "Document not found.")));
        apps.MapPost("/{id:guid}/submit", async (Guid id, SubmitApplication handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, http.User.ToViewer(), ct)));
        apps.MapGet("/{id:guid}", async (Guid id, GetApplication handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, http.User.ToViewer(), http.BaseUrl(), ct)));
        // Staff see NIKs masked; this returns them in clear and writes the access log.
        apps.MapPost("/{id:guid}/nik", async (Guid id, RevealNik handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, http.User.ToViewer(), ct)));
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
            return Answer(await handler.MineAsync(http.User.ToViewer(), p, size, ct));
        });
        apps.MapPost("/{id:guid}/actions", async (Guid id, ActionRequest body, ActOnApplication handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, body, http.User.ToViewer(), ct)));
        apps.MapPost("/{id:guid}/result", async (Guid id, HttpContext http, ActOnApplication handler, CancellationToken ct) =>
        {
            var (form, file, refusal) = await ReadUploadAsync(http, maxUpload,
                Lang.T("Kirim sebagai multipart/form-data dengan 'file' (PDF) dan 'note' (pilihan).", "Send multipart/form-data with 'file' (a PDF) and optionally 'note'."), ct);
            if (refusal is not null) return refusal;
            await using var stream = file is { Length: > 0 } ? file.OpenReadStream() : null;
            var note = form["note"].ToString();
            return Answer(await handler.IssueWithFileAsync(id, stream, string.IsNullOrWhiteSpace(note) ? null : note, http.User.ToViewer(), ct));
        }).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(maxUpload + 64 * 1024));
        apps.MapGet("/{id:guid}/receipt.pdf", async (Guid id, HttpContext http, ApplicationFiles files, CancellationToken ct) =>
            await files.ReceiptAsync(id, http.User.ToViewer(), http.BaseUrl(), ct) is { } pdf
                ? Downloads.Attachment(pdf, "application/pdf", "tanda-terima.pdf")
                : Problems.Problem(404, Lang.T("Tanda terima tidak tersedia.", "No receipt is available.")));
        apps.MapGet("/{id:guid}/result.pdf", async (Guid id, HttpContext http, ApplicationFiles files, CancellationToken ct) =>
            await files.ResultAsync(id, http.User.ToViewer(), http.BaseUrl(), ct) is { } pdf
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
            return Answer(await handler.InboxAsync(http.User.ToViewer(), new InboxQuery(s, o, p, size), ct));
        }).RequireAuthorization(Policies.Staff);

        api.MapGet("/applications/stats", async (string? agencyId, string? serviceId, string? from, string? to, ApplicationStats handler, HttpContext http, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var f = read.Date("from", from, false);
            var t = read.Date("to", to, false);
            if (read.Failed) return read.Problem();
            return Answer(await handler.HandleAsync(new StatsQuery(agencyId, serviceId, f, t), http.User.ToViewer(), ct));
        }).RequireAuthorization(Policies.Staff);

        api.MapGet("/tracking/{trackingNumber}", async (string trackingNumber, string? check, TrackApplication handler, CancellationToken ct) =>
            Answer(await handler.HandleAsync(trackingNumber, check, ct))).RequireRateLimiting(RateLimiting.Tracking).WithNoReferrer();
        api.MapGet("/verification/{code}", async (string code, TrackApplication handler, CancellationToken ct) =>
            Results.Ok(await handler.VerifyAsync(code, ct))).RequireRateLimiting(RateLimiting.Tracking);

        var templates = api.MapGroup("/notification-templates").WithTags("Notifications").RequireAuthorization(Policies.Manager);
        templates.MapGet("", async (EditNotificationTemplates handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.ListAsync(http.User.ToViewer(), ct)));
        templates.MapGet("/{id:guid}", async (Guid id, EditNotificationTemplates handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.GetAsync(id, http.User.ToViewer(), ct)));
        templates.MapPut("/{id:guid}", async (Guid id, TemplateEdit body, EditNotificationTemplates handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.SaveAsync(id, body, http.User.ToViewer(), ct)));

        api.MapGet("/services/{id}/workflow", async (string id, SaveWorkflow handler, CancellationToken ct) =>
            Answer(await handler.GetAsync(id, ct))).RequireAuthorization(Policies.Staff);
        api.MapPut("/services/{id}/workflow", async (string id, WorkflowDocument body, SaveWorkflow handler, HttpContext http, CancellationToken ct) =>
            Answer(await handler.HandleAsync(id, body, http.User.ToViewer(), ct))).RequireAuthorization(Policies.CatalogEditor);
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

    private static IResult Answer<T>(Outcome<T> outcome) => outcome.Succeeded ? Results.Ok(outcome.Value) : Problems.From(outcome);
}

public sealed record AccessLogView(DateTime At, Guid? ViewerUserId, string ViewerName, Guid? ViewerAgencyId, Guid? SubjectUserId, string What, string? Detail);

/// <summary>Refuses, in Production, an SMTP mode that lets mail go out in plain text (the message names the setting).</summary>
internal sealed class SmtpSecurityCheck(IHostEnvironment env) : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions o) =>
        SmtpSecurity.Problem(o.Smtp.Security, env.IsProduction(), o.Smtp.AllowPlainText) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}

/// <summary>Serves documents and PDFs only to those who may see the application.</summary>
public sealed class ApplicationFiles(SatuAtapDb db, CatalogCache cache, FileStore files, MallTime time, MallIdentity mall)
{
    public sealed record FileAnswer(Stream Stream, string ContentType, string FileName);

    public async Task<FileAnswer?> DocumentAsync(Guid id, Guid documentId, Viewer viewer, CancellationToken ct)
    {
        var app = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null || !viewer.CanSee(app)) return null;
        var doc = await db.ApplicationDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == id, ct);
        if (doc is null || files.Open(doc.FileKey) is not { } stream) return null;
        await LogStaffAccessAsync(app, viewer, AccessLog.DocumentDownload, doc.Id.ToString(), ct);
        return new FileAnswer(stream, doc.ContentType, doc.FileName);
    }

    /// <summary>A member of staff who is not the applicant opened a citizen's document: written to the access log.</summary>
    private async Task LogStaffAccessAsync(Application app, Viewer viewer, string what, string? detail, CancellationToken ct)
    {
        if (!viewer.IsAgencyStaff || viewer.IsApplicant(app)) return;
        AccessLog.Add(db, time.UtcNow, viewer.UserId, viewer.Name, viewer.AgencyId, app.ApplicantUserId, AccessLog.Application, app.Id, what, detail);
        await db.SaveChangesAsync(ct);
    }

    public async Task<byte[]?> ReceiptAsync(Guid id, Viewer viewer, string baseUrl, CancellationToken ct)
    {
        var app = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null || !viewer.CanSee(app) || app.SubmittedAtUtc is null) return null;
        var service = (await cache.GetAsync(ct)).ServicesById[app.ServiceId];
        var docs = await db.ApplicationDocuments.AsNoTracking().Where(d => d.ApplicationId == id).ToListAsync(ct);
        var names = service.Requirements.Where(r => docs.Any(d => d.RequirementId == r.Id)).Select(r => r.DisplayName).ToList();
        var checkCode = await TrackingCheck.EnsureAsync(db, app, ct);
        return ApplicationPdfs.Receipt(new ReceiptData(app.TrackingNumber, service.DisplayName, service.Agency.DisplayName, app.ApplicantName,
            time.ToLocal(app.SubmittedAtUtc.Value), app.DueDate, names, $"{baseUrl}/lacak?nomor={app.TrackingNumber}", checkCode), mall.Letterhead(), time.Now);
    }

    public async Task<byte[]?> ResultAsync(Guid id, Viewer viewer, string baseUrl, CancellationToken ct)
    {
        var app = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null || !viewer.CanSee(app)) return null;
        var result = await db.IssuedResults.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == id, ct);
        if (result is null) return null;
        await LogStaffAccessAsync(app, viewer, AccessLog.ResultDownload, null, ct);
        if (result.FileKey is not null && files.Open(result.FileKey) is { } uploaded)
        {
            await using (uploaded)
            {
                using var copy = new MemoryStream();
                await uploaded.CopyToAsync(copy, ct);
                return copy.ToArray();
            }
        }
        var service = (await cache.GetAsync(ct)).ServicesById[app.ServiceId];
        var fields = FieldRules.Parse(app.FieldsJson);
        var facts = service.Requirements.Where(r => r.Kind == RequirementKind.Field && fields.ContainsKey(r.Id))
            .Select(r => (r.DisplayName, fields[r.Id])).ToList();
        return ApplicationPdfs.Result(new ResultData(result.VerificationCode, GetApplication.VerifyUrl(baseUrl, result.VerificationCode),
            Lang.Pick(result.ServiceName, result.ServiceNameEn), Lang.Pick(service.Standard.Product, service.Standard.ProductEn), result.IssuedByAgency,
            result.HolderName, app.TrackingNumber, time.ToLocal(result.IssuedAtUtc), result.IssuedByName, facts), mall.Letterhead(), time.Now);
    }
}
