using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Catalog;

public sealed record AuditItem(Guid Id, DateTime AtUtc, string UserName, string EntityType, string EntityKey, string Action, string? Before, string? After);

/// <summary>Agreements (MoU, PKS, commitments) with their scanned documents, and the audit log, for the mall's managers.</summary>
public static class AgreementEndpoints
{
    /// <summary>The verify answer always names <c>firstBroken</c>, null when the chain holds.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions AuditVerifyJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static void MapAgreementEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/agreements").WithTags("Agreements").RequireAuthorization(Policies.Staff);

        api.MapGet("/", async (string? expiringWithinDays, SatuAtapDb db, MallTime time, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var days = read.Int("expiringWithinDays", expiringWithinDays, -1, 0, 3650);
            if (read.Failed) return read.Problem();
            var query = SaveAgreement.Query(db).AsNoTracking();
            if (days >= 0)
            {
                var today = time.Today;
                var until = today.AddDays(days);
                query = query.Where(a => a.ValidUntil >= today && a.ValidUntil <= until);
            }
            var list = await query.OrderBy(a => a.ValidUntil).ToListAsync(ct);
            return Results.Ok(list.Select(AgreementDocument.From).ToList());
        });
        api.MapGet("/{id:guid}", async (Guid id, SatuAtapDb db, CancellationToken ct) =>
            await SaveAgreement.Query(db).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } a
                ? Results.Ok(AgreementDocument.From(a))
                : Problems.Problem(404, Lang.T("Perjanjian tidak ditemukan.", "Agreement not found.")));
        api.MapPost("/", (AgreementDocument body, SaveAgreement save, HttpContext http, CancellationToken ct) =>
            CatalogEndpoints.Write(save.HandleAsync(null, body, http.Caller(), ct), id => $"/api/v1/agreements/{id}", http))
            .RequireAuthorization(Policies.Manager);
        api.MapPut("/{id:guid}", (Guid id, AgreementDocument body, SaveAgreement save, HttpContext http, CancellationToken ct) =>
            CatalogEndpoints.Write(save.HandleAsync(id, body, http.Caller(), ct), i => $"/api/v1/agreements/{i}", http))
            .RequireAuthorization(Policies.Manager);
        api.MapPost("/{id:guid}/document", async (Guid id, IFormFile file, SaveAgreement save, FileStore files, HttpContext http, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            var outcome = await save.AttachDocumentAsync(id, stream, file.FileName, files, http.Caller(), ct);
            return outcome.Succeeded ? Results.NoContent() : Problems.From(outcome);
        }).RequireAuthorization(Policies.Manager).DisableAntiforgery()
          .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SaveAgreement.MaxDocumentBytes + 64 * 1024));
        api.MapGet("/{id:guid}/document", async (Guid id, SatuAtapDb db, FileStore files, CancellationToken ct) =>
        {
            var a = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a?.DocumentFile is null || files.Open(a.DocumentFile) is not { } stream)
                return Problems.Problem(404, Lang.T("Dokumen perjanjian belum diunggah.", "No document has been uploaded for this agreement."));
            return Downloads.Attachment(stream, a.DocumentContentType ?? "application/octet-stream", a.DocumentName ?? "dokumen");
        });

        app.MapGet("/api/v1/audit", async (string? entityType, string? entityKey, string? page, SatuAtapDb db, CancellationToken ct) =>
        {
            var read = new QueryReader();
            var p = read.Int("page", page, 1, 1, 100_000);
            if (read.Failed) return read.Problem();
            var query = db.AuditEntries.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(entityType)) query = query.Where(a => a.EntityType == entityType);
            if (!string.IsNullOrWhiteSpace(entityKey)) query = query.Where(a => a.EntityKey == entityKey);
            var items = await query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Skip((p - 1) * 50).Take(50)
                .Select(a => new AuditItem(a.Id, a.AtUtc, a.UserName, a.EntityType, a.EntityKey, a.Action, a.Before, a.After)).ToListAsync(ct);
            return Results.Ok(items);
        }).WithTags("Audit").RequireAuthorization(Policies.Manager);

        // Recomputes the audit hash chain: { "checked": N, "firstBroken": null | { "sequence": n, "id": "…" } }.
        app.MapGet("/api/v1/audit/verify", async (VerifyAuditChain handler, CancellationToken ct) =>
            Results.Json(await handler.HandleAsync(ct), AuditVerifyJson))
            .WithTags("Audit").RequireAuthorization(Policies.Administrator);
    }
}
