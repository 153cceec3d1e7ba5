using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Licensing;

public sealed record BundleDocumentUploaded(string Name, IReadOnlyList<string> Applications);

/// <summary>
/// Takes a document once for the whole bundle (the once-only principle): it is stored with every child application
/// whose service asks for a document of that name and that can still take one (a draft, or returned for correction),
/// through <see cref="UploadDocument"/> (same type checks), and with no other. Only the bundle's applicant uploads.
/// </summary>
public sealed class UploadBundleDocument(SatuAtapDb db, CatalogCache catalogs, UploadDocument upload)
{
    public async Task<Outcome<BundleDocumentUploaded>> HandleAsync(Guid bundleId, string? name, Stream? content, string? fileName, long length, Caller caller,
        CancellationToken ct = default)
    {
        var bundle = await db.LicensingBundles.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bundleId, ct);
        if (bundle is null) return Outcome<BundleDocumentUploaded>.NotFound(GetBundle.NotFound());
        var children = await GetBundle.ChildrenAsync(db, bundleId, ct);
        if (!GetBundle.MaySee(caller, bundle, children)) return Outcome<BundleDocumentUploaded>.NotFound(GetBundle.NotFound());
        if (GetBundle.RefuseApplicantWork(caller, bundle, Lang.T("Hanya pemohon yang dapat mengunggah dokumen.", "Only the applicant can upload documents.")) is { } refused)
            return new Outcome<BundleDocumentUploaded>(refused.Kind, Message: refused.Message);
        if (string.IsNullOrWhiteSpace(name)) return Outcome<BundleDocumentUploaded>.Invalid("name", Lang.T("Wajib diisi.", "Required."));
        var catalog = await catalogs.GetAsync(ct);
        var key = GetBundle.DocumentKey(name);
        var targets = children
            .Select(c => (Child: c, Requirement: catalog.ServicesById.GetValueOrDefault(c.ServiceId)?.Requirements
                .FirstOrDefault(r => r.Kind == RequirementKind.Document && (GetBundle.DocumentKey(r.Name) == key || r.NameEn is { } en && GetBundle.DocumentKey(en) == key))))
            .Where(t => t.Requirement is not null).ToList();
        if (targets.Count == 0)
            return Outcome<BundleDocumentUploaded>.Invalid("name", Lang.T("Tidak ada izin dalam bundel ini yang meminta dokumen tersebut.",
                "No permit of this bundle asks for that document."));
        // Children already submitted keep what they were given; a document goes to those that can still take one.
        targets = targets.Where(t => t.Child.Status is ApplicationStatus.Draft or ApplicationStatus.ReturnedForCorrection).ToList();
        if (targets.Count == 0)
            return Outcome<BundleDocumentUploaded>.Conflict(Lang.T("Dokumen hanya dapat diunggah pada draf atau permohonan yang dikembalikan untuk perbaikan.",
                "Documents can only be uploaded to a draft or to an application returned for correction."));
        if (content is null || length <= 0) return Outcome<BundleDocumentUploaded>.Invalid("file", Lang.T("Pilih berkas yang akan diunggah.", "Choose a file to upload."));

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        foreach (var (child, requirement) in targets)
        {
            using var copy = new MemoryStream(bytes, writable: false);
            var outcome = await upload.HandleAsync(child.Id, requirement!.Id.ToString(), copy, fileName, bytes.Length, caller, ct);
            if (!outcome.Succeeded) return new Outcome<BundleDocumentUploaded>(outcome.Kind, default, outcome.Message, outcome.Errors);
        }
        return Outcome<BundleDocumentUploaded>.Created(new BundleDocumentUploaded(targets[0].Requirement!.Name, targets.Select(t => t.Child.TrackingNumber).ToList()));
    }
}
