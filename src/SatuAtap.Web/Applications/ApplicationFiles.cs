using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Applications.Documents;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Web.Applications;

/// <summary>Serves documents and PDFs only to those who may see the application.</summary>
public sealed class ApplicationFiles(SatuAtapDb db, CatalogCache cache, FileStore files, MallTime time, MallIdentity mall)
{
    public sealed record FileAnswer(Stream Stream, string ContentType, string FileName);

    public async Task<FileAnswer?> DocumentAsync(Guid id, Guid documentId, Caller viewer, CancellationToken ct)
    {
        var app = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null || !viewer.CanSee(app)) return null;
        var doc = await db.ApplicationDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == id, ct);
        if (doc is null || files.Open(doc.FileKey) is not { } stream) return null;
        await LogStaffAccessAsync(app, viewer, AccessLog.DocumentDownload, doc.Id.ToString(), ct);
        return new FileAnswer(stream, doc.ContentType, doc.FileName);
    }

    /// <summary>A member of staff who is not the applicant opened a citizen's document: written to the access log.</summary>
    private async Task LogStaffAccessAsync(Application app, Caller viewer, string what, string? detail, CancellationToken ct)
    {
        if (!viewer.IsAgencyStaff || viewer.IsApplicant(app)) return;
        AccessLog.Add(db, time.UtcNow, viewer.UserId, viewer.Name, viewer.AgencyId, app.ApplicantUserId, AccessLog.Application, app.Id, what, detail);
        await db.SaveChangesAsync(ct);
    }

    public async Task<byte[]?> ReceiptAsync(Guid id, Caller viewer, string baseUrl, CancellationToken ct)
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

    public async Task<byte[]?> ResultAsync(Guid id, Caller viewer, string baseUrl, CancellationToken ct)
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
        if (PickupView.For(service, app.TrackingNumber) is { } pickup)
            return ApplicationPdfs.PickupNotice(new PickupNoticeData(result.VerificationCode, GetApplication.VerifyUrl(baseUrl, result.VerificationCode),
                Lang.Pick(result.ServiceName, result.ServiceNameEn), pickup, result.HolderName, time.ToLocal(result.IssuedAtUtc), result.IssuedByName),
                mall.Letterhead(), time.Now);
        var fields = FieldRules.Parse(app.FieldsJson);
        var facts = service.Requirements.Where(r => r.Kind == RequirementKind.Field && fields.ContainsKey(r.Id))
            .Select(r => (r.DisplayName, FieldRules.Display(r.Type, fields[r.Id]))).ToList();
        return ApplicationPdfs.Result(new ResultData(result.VerificationCode, GetApplication.VerifyUrl(baseUrl, result.VerificationCode),
            Lang.Pick(result.ServiceName, result.ServiceNameEn), Lang.Pick(service.Standard.Product, service.Standard.ProductEn), result.IssuedByAgency,
            result.HolderName, app.TrackingNumber, time.ToLocal(result.IssuedAtUtc), result.IssuedByName, facts), mall.Letterhead(), time.Now);
    }
}
