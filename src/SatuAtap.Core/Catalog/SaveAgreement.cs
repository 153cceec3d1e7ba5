using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Catalog;

public sealed record AgreementCounterDocument(Guid? CounterId, int[]? Weekdays, int? Officers);

public sealed record AgreementDocument(
    Guid? Id, string? Number, string? Kind, string? Title, Guid? AgencyId, string? Parties,
    DateOnly? SignedOn, DateOnly? ValidFrom, DateOnly? ValidUntil, Guid[]? ServiceIds, List<AgreementCounterDocument>? Counters,
    Guid? Version, string? DocumentName = null, bool HasDocument = false)
{
    public static AgreementDocument From(Agreement a) => new(
        a.Id, a.Number, CatalogCodes.AgreementKind(a.Kind), a.Title, a.AgencyId, a.Parties, a.SignedOn, a.ValidFrom, a.ValidUntil,
        a.Services.Select(s => s.Id).ToArray(),
        a.Counters.Select(c => new AgreementCounterDocument(c.CounterId, c.Weekdays.IsoNumbers(), c.Officers)).ToList(),
        a.Version, a.DocumentName, a.DocumentFile is not null);
}

/// <summary>Agreements (MoU, PKS, commitment) are the mall managers' to keep.</summary>
public sealed class SaveAgreement(SatuAtapDb db, CatalogCache cache)
{
    public const long MaxDocumentBytes = 10 * 1024 * 1024;

    public static IQueryable<Agreement> Query(SatuAtapDb db) =>
        db.Agreements.Include(a => a.Services).Include(a => a.Counters).Include(a => a.Agency).AsSplitQuery();

    public async Task<Outcome<Guid>> HandleAsync(Guid? id, AgreementDocument doc, Caller editor, CancellationToken ct = default)
    {
        if (!editor.IsManager) return Outcome<Guid>.Forbidden();
        Agreement? a = null;
        if (id is { } existing)
        {
            a = await Query(db).FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (a is null) return Outcome<Guid>.NotFound();
        }
        var e = new FieldErrors();
        e.Required("number", doc.Number, 100);
        e.Required("title", doc.Title, 300);
        e.Optional("parties", doc.Parties, 1000);
        var kind = CatalogCodes.ParseAgreementKind(doc.Kind);
        if (kind is null) e.Add("kind", Lang.T("Harus salah satu dari memorandum, cooperation, commitment.", "Must be one of memorandum, cooperation, commitment."));
        if (doc.AgencyId is not { } agencyId || !await db.Agencies.AnyAsync(x => x.Id == agencyId, ct))
            e.Add("agencyId", Lang.T("Instansi tidak ditemukan.", "Agency not found."));
        if (doc.SignedOn is null) e.Add("signedOn", Lang.T("Tanggal penandatanganan wajib diisi.", "The signing date is required."));
        if (doc.ValidFrom is null) e.Add("validFrom", Lang.T("Tanggal mulai berlaku wajib diisi.", "The start of validity is required."));
        if (doc.ValidUntil is null) e.Add("validUntil", Lang.T("Tanggal akhir berlaku wajib diisi.", "The end of validity is required."));
        else if (doc.ValidFrom is { } from && doc.ValidUntil < from)
            e.Add("validUntil", Lang.T("Tanggal akhir berlaku harus sesudah tanggal mulai.", "The end of validity must be after its start."));
        if (a is not null && doc.Version is null) e.Add("version", Lang.T("Versi (token konkurensi) wajib dikirim.", "The version (concurrency token) is required."));
        var number = doc.Number?.Trim();
        if (number is not null && await db.Agreements.AnyAsync(x => x.Number == number && x.Id != (a == null ? Guid.Empty : a.Id), ct))
            e.Add("number", Lang.T("Nomor ini sudah dipakai perjanjian lain.", "This number is already used by another agreement."));
        var serviceIds = (doc.ServiceIds ?? []).Distinct().ToArray();
        var services = await db.Services.Where(s => serviceIds.Contains(s.Id)).ToListAsync(ct);
        if (services.Count != serviceIds.Length) e.Add("serviceIds", Lang.T("Ada layanan yang tidak ditemukan.", "A service was not found."));
        var counters = doc.Counters ?? [];
        var counterIds = counters.Where(c => c?.CounterId is not null).Select(c => c.CounterId!.Value).ToArray();
        var knownCounters = await db.Counters.Where(c => counterIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        for (var i = 0; i < counters.Count; i++)
        {
            var c = counters[i];
            if (c is null) { e.Missing($"counters[{i}]"); continue; }
            if (c.CounterId is not { } cid || !knownCounters.Contains(cid)) e.Add($"counters[{i}].counterId", Lang.T("Loket tidak ditemukan.", "Counter not found."));
            if (c.Weekdays is not { Length: > 0 } days || days.Any(d => d is < 1 or > 7))
                e.Add($"counters[{i}].weekdays", Lang.T("Hari kerja: angka 1 (Senin) sampai 7 (Minggu), paling sedikit satu.", "Weekdays: numbers 1 (Monday) to 7 (Sunday), at least one."));
            if (c.Officers is not { } n || n < 1 || n > 100)
                e.Add($"counters[{i}].officers", Lang.T("Jumlah petugas 1 sampai 100.", "Officers: 1 to 100."));
        }
        if (counterIds.Length != counterIds.Distinct().Count()) e.Add("counters", Lang.T("Satu loket hanya boleh sekali.", "Each counter only once."));
        if (e.Any) return Outcome<Guid>.Invalid(e.ToDictionary());
        if (a is null)
        {
            a = new Agreement { Number = "", Title = "" };
            db.Agreements.Add(a);
        }
        else
        {
            if (doc.Version != a.Version) return Outcome<Guid>.StaleVersion();
            db.Entry(a).Property(x => x.Version).OriginalValue = doc.Version!.Value;
            a.Version = Guid.NewGuid();
        }
        a.Number = number!; a.Kind = kind!.Value; a.Title = doc.Title!.Trim(); a.AgencyId = doc.AgencyId!.Value;
        a.Parties = doc.Parties?.Trim() ?? ""; a.SignedOn = doc.SignedOn!.Value; a.ValidFrom = doc.ValidFrom!.Value; a.ValidUntil = doc.ValidUntil!.Value;
        a.Services.Clear(); a.Services.AddRange(services);
        a.Counters.Clear();
        a.Counters.AddRange(counters.Select(c => new AgreementCounter
        {
            AgreementId = a.Id, CounterId = c.CounterId!.Value, Weekdays = WeekdaysExtensions.FromIso(c.Weekdays!), Officers = c.Officers!.Value,
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Guid>.StaleVersion();
        }
        cache.Invalidate();
        return id is null ? Outcome<Guid>.Created(a.Id) : Outcome<Guid>.Ok(a.Id);
    }

    /// <summary>Attaches the scanned agreement (PDF, JPEG or PNG by content).</summary>
    public async Task<Outcome<Guid>> AttachDocumentAsync(Guid id, Stream content, string? fileName, FileStore files, Caller editor, CancellationToken ct = default)
    {
        if (!editor.IsManager) return Outcome<Guid>.Forbidden();
        var a = await db.Agreements.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Outcome<Guid>.NotFound();
        var (buffer, type) = await FileSniffer.ReadAsync(content, ct);
        if (type is null)
            return new Outcome<Guid>(OutcomeKind.Unprocessable, Message: Lang.T("Dokumen harus berkas PDF, JPEG, atau PNG.", "The document must be a PDF, JPEG or PNG file.")
                + " " + FileSniffer.NotAFile());
        var old = a.DocumentFile;
        a.DocumentFile = await files.SaveAsync(buffer, "agreements", ct);
        a.DocumentName = Path.GetFileName(fileName ?? "dokumen");
        a.DocumentContentType = type;
        await db.SaveChangesAsync(ct);
        if (old is not null) files.Delete(old);
        return Outcome<Guid>.Ok(a.Id);
    }
}
