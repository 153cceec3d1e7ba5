using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

public sealed record DocumentUploaded(Guid Id, Guid RequirementId, string FileName, string ContentType, long SizeBytes);

/// <summary>
/// Takes a document for a requirement while the application is a draft or returned for correction. The type is
/// recognised from the content (PDF, JPEG or PNG) and must agree with the name; a new upload replaces the old one.
/// The size limit is enforced by the caller before the body is read.
/// </summary>
public sealed class UploadDocument(SatuAtapDb db, CatalogCache cache, FileStore files, MallTime time)
{
    public async Task<Outcome<DocumentUploaded>> HandleAsync(Guid applicationId, string? requirementId, Stream? content, string? fileName, long length,
        Caller viewer, CancellationToken ct = default)
    {
        var app = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null || !viewer.CanSee(app)) return Outcome<DocumentUploaded>.NotFound(Lang.T("Permohonan tidak ditemukan.", "Application not found."));
        if (!viewer.IsApplicant(app)) return Outcome<DocumentUploaded>.Forbidden(Lang.T("Hanya pemohon yang dapat mengunggah dokumen.", "Only the applicant can upload documents."));
        if (app.Status is not (ApplicationStatus.Draft or ApplicationStatus.ReturnedForCorrection))
            return Outcome<DocumentUploaded>.Conflict(Lang.T("Dokumen hanya dapat diunggah pada draf atau permohonan yang dikembalikan untuk perbaikan.",
                "Documents can only be uploaded to a draft or to an application returned for correction."));
        var service = (await cache.GetAsync(ct)).ServicesById.GetValueOrDefault(app.ServiceId);
        var requirement = service?.Requirements.FirstOrDefault(r => r.Kind == RequirementKind.Document
            && Guid.TryParse(requirementId, out var rid) && r.Id == rid);
        if (requirement is null)
            return Outcome<DocumentUploaded>.Invalid("requirementId", string.IsNullOrWhiteSpace(requirementId)
                ? Lang.T("Wajib diisi.", "Required.") : Lang.T("Bukan persyaratan dokumen layanan ini.", "Not a document requirement of this service."));
        if (content is null || length <= 0) return Outcome<DocumentUploaded>.Invalid("file", Lang.T("Pilih berkas yang akan diunggah.", "Choose a file to upload."));

        var (buffer, sniffed) = await FileSniffer.ReadAsync(content, ct);
        var claimed = FileSniffer.FromName(fileName);
        if (claimed is null)
            return Unprocessable(Lang.T("Hanya berkas PDF, JPEG, atau PNG yang diterima.", "Only PDF, JPEG or PNG files are accepted."));
        if (sniffed is null) return Unprocessable(FileSniffer.NotAFile());
        if (sniffed != claimed)
            return Unprocessable(Lang.T("Isi berkas tidak sesuai dengan namanya (jenis berkas berbeda).", "The file's content does not match its name (a different type)."));

        var key = await files.SaveAsync(buffer, $"applications/{app.Id:N}", ct);
        var old = await db.ApplicationDocuments.Where(d => d.ApplicationId == app.Id && d.RequirementId == requirement.Id).ToListAsync(ct);
        db.ApplicationDocuments.RemoveRange(old);
        var doc = new ApplicationDocument
        {
            ApplicationId = app.Id, RequirementId = requirement.Id, FileKey = key, FileName = SafeName(fileName!),
            ContentType = sniffed, SizeBytes = buffer.Length, UploadedAtUtc = time.UtcNow,
        };
        db.ApplicationDocuments.Add(doc);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            files.Delete(key);
            throw;
        }
        foreach (var o in old) files.Delete(o.FileKey);
        return Outcome<DocumentUploaded>.Created(new DocumentUploaded(doc.Id, doc.RequirementId, doc.FileName, doc.ContentType, doc.SizeBytes));
    }

    private static Outcome<DocumentUploaded> Unprocessable(string message) =>
        new(OutcomeKind.Unprocessable, Message: message, Errors: new Dictionary<string, string[]> { ["file"] = [message] });

    private static string SafeName(string name)
    {
        var n = Path.GetFileName(name.Replace('\\', '/'));
        n = new string(n.Where(c => !char.IsControl(c)).ToArray());
        return n.Length > 200 ? n[^200..] : n;
    }
}
