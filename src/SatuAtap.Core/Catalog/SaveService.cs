using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Catalog;

/// <summary>A service as the API shows it and takes it back for an edit (with <see cref="Version"/> as the concurrency token).</summary>
public sealed record ServiceDocument(
    Guid? Id, string? Code, string? Name, string? NameEn, string? Summary, string? SummaryEn, Guid? AgencyId,
    string[]? Topics, string[]? Channels, Guid[]? CounterIds, StandardDocument? Standard, Guid? Version, bool IsDemo = false)
{
    public static ServiceDocument From(ServiceView s, bool withInternal) => new(
        s.Id, s.Code, s.Name, s.NameEn, s.Summary, s.SummaryEn, s.Agency.Id,
        s.Topics.Select(t => t.Code).ToArray(), CatalogCodes.Channels(s.Channels), s.Counters.Select(c => c.Id).ToArray(),
        new StandardDocument(
            s.Requirements.Select(r => new RequirementDocument(r.Id, r.Name, r.NameEn, CatalogCodes.RequirementKind(r.Kind), r.Required,
                r.Kind == RequirementKind.Field ? CatalogCodes.FieldType(r.Type) : null)).ToList(),
            s.Standard.Procedure, s.Standard.ProcedureEn, s.Standard.CompletionWorkingDays, s.Standard.CostRupiah,
            s.Standard.Product, s.Standard.ProductEn, s.Standard.ComplaintHandling, s.Standard.ComplaintHandlingEn, s.Standard.LegalBasis,
            withInternal ? new InternalStandardDocument(s.Standard.Facilities, s.Standard.StaffCompetence, s.Standard.InternalSupervision,
                s.Standard.StaffCount, s.Standard.ServiceGuarantee, s.Standard.SafetyGuarantee, s.Standard.PerformanceEvaluation) : null,
            ProductKinds.Code(s.Standard.ProductKind)),
        s.Version, s.IsDemo);
}

public sealed record StandardDocument(
    List<RequirementDocument>? Requirements, string? Procedure, string? ProcedureEn, int? CompletionWorkingDays, long? CostRupiah,
    string? Product, string? ProductEn, string? ComplaintHandling, string? ComplaintHandlingEn, string? LegalBasis,
    InternalStandardDocument? Internal, string? ProductKind = null);

/// <summary>A requirement as the API carries it; <c>type</c> only for a field (absent: <c>text</c>).</summary>
public sealed record RequirementDocument(Guid? Id, string? Name, string? NameEn, string? Kind, bool? Required, string? Type = null);

/// <summary>The eight internal components of the service standard (PermenPANRB 15/2014), shown to staff only.</summary>
public sealed record InternalStandardDocument(
    string? Facilities, string? StaffCompetence, string? InternalSupervision, string? StaffCount,
    string? ServiceGuarantee, string? SafetyGuarantee, string? PerformanceEvaluation);

/// <summary>Creates or edits a service with its whole standard. Agency heads only for their own agency.</summary>
public sealed class SaveService(SatuAtapDb db, CatalogCache cache)
{
    /// <summary>Creates the service (<paramref name="id"/> null) or edits the one with this id.</summary>
    public Task<Outcome<Guid>> HandleAsync(Guid? id, ServiceDocument doc, Caller editor, CancellationToken ct = default) =>
        id is { } existing ? UpdateAsync(existing, doc, editor, ct) : CreateAsync(doc, editor, ct);

    private async Task<Outcome<Guid>> CreateAsync(ServiceDocument doc, Caller editor, CancellationToken ct)
    {
        var errors = await ValidateAsync(doc, null, ct);
        if (errors.Any) return Outcome<Guid>.Invalid(errors.ToDictionary());
        if (!editor.MayEditAgencyContent(doc.AgencyId!.Value)) return Outcome<Guid>.Forbidden();
        var service = new Service { Code = doc.Code!.Trim().ToUpperInvariant(), Name = "" };
        await ApplyAsync(service, doc, ct);
        db.Services.Add(service);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Outcome<Guid>.Created(service.Id);
    }

    private async Task<Outcome<Guid>> UpdateAsync(Guid id, ServiceDocument doc, Caller editor, CancellationToken ct)
    {
        var service = await db.Services.Include(s => s.Requirements).Include(s => s.Topics).Include(s => s.Counters)
            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return Outcome<Guid>.NotFound();
        if (!editor.MayEditAgencyContent(service.AgencyId)) return Outcome<Guid>.Forbidden();
        var errors = await ValidateAsync(doc, service, ct);
        if (errors.Any) return Outcome<Guid>.Invalid(errors.ToDictionary());
        if (!editor.MayEditAgencyContent(doc.AgencyId!.Value)) return Outcome<Guid>.Forbidden();
        if (doc.Version != service.Version) return Outcome<Guid>.StaleVersion();
        db.Entry(service).Property(s => s.Version).OriginalValue = doc.Version.Value;
        service.Version = Guid.NewGuid(); // a change to requirements alone must also move the version
        service.Code = doc.Code!.Trim().ToUpperInvariant();
        await ApplyAsync(service, doc, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Guid>.StaleVersion();
        }
        cache.Invalidate();
        return Outcome<Guid>.Ok(service.Id);
    }

    private async Task<FieldErrors> ValidateAsync(ServiceDocument doc, Service? existing, CancellationToken ct)
    {
        var e = new FieldErrors();
        e.Required("code", doc.Code, 32);
        if (!string.IsNullOrWhiteSpace(doc.Code))
        {
            var code = doc.Code.Trim().ToUpperInvariant();
            if (!code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                e.Add("code", Lang.T("Kode hanya boleh huruf, angka, dan tanda hubung.", "The code may contain only letters, digits and hyphens."));
            else if (await db.Services.AnyAsync(s => s.Code == code && s.Id != (existing == null ? Guid.Empty : existing.Id), ct))
                e.Add("code", Lang.T("Kode ini sudah dipakai layanan lain.", "This code is already used by another service."));
        }
        e.Required("name", doc.Name, 200);
        e.Optional("nameEn", doc.NameEn, 200);
        e.Optional("summary", doc.Summary, 1000);
        e.Optional("summaryEn", doc.SummaryEn, 1000);
        if (doc.AgencyId is not { } agencyId) e.Add("agencyId", Lang.T("Wajib diisi.", "Required."));
        else if (!await db.Agencies.AnyAsync(a => a.Id == agencyId, ct)) e.Add("agencyId", Lang.T("Instansi tidak ditemukan.", "Agency not found."));
        if (existing is not null && doc.Version is null) e.Add("version", Lang.T("Versi (token konkurensi) wajib dikirim.", "The version (concurrency token) is required."));
        foreach (var (c, i) in (doc.Channels ?? []).Select((c, i) => (c, i)))
            if (CatalogCodes.ParseChannel(c) is null)
                e.Add($"channels[{i}]", Lang.T("Harus salah satu dari building, mobile, online.", "Must be one of building, mobile, online."));
        if (doc.Topics is { Length: > 0 } topicCodes)
        {
            var known = await db.Topics.Where(t => topicCodes.Contains(t.Code)).Select(t => t.Code).ToListAsync(ct);
            foreach (var (t, i) in topicCodes.Select((t, i) => (t, i)))
                if (!known.Contains(t)) e.Add($"topics[{i}]", Lang.T($"Topik '{t}' tidak dikenal.", $"Unknown topic '{t}'."));
        }
        if (doc.CounterIds is { Length: > 0 } counterIds && doc.AgencyId is { } ag)
        {
            var own = await db.Counters.Where(c => counterIds.Contains(c.Id) && c.AgencyId == ag).Select(c => c.Id).ToListAsync(ct);
            foreach (var (c, i) in counterIds.Select((c, i) => (c, i)))
                if (!own.Contains(c)) e.Add($"counterIds[{i}]", Lang.T("Loket tidak ditemukan atau bukan milik instansi ini.", "Counter not found or not this agency's."));
        }
        var st = doc.Standard;
        if (st is null)
        {
            e.Add("standard", Lang.T("Standar pelayanan wajib diisi.", "The service standard is required."));
            return e;
        }
        e.Required("standard.procedure", st.Procedure, 4000);
        e.Optional("standard.procedureEn", st.ProcedureEn, 4000);
        if (st.CompletionWorkingDays is not { } days || days < 0 || days > 365)
            e.Add("standard.completionWorkingDays", Lang.T("Jangka waktu harus 0 sampai 365 hari kerja.", "Completion time must be 0 to 365 working days."));
        if (st.CostRupiah is not { } cost || cost < 0 || cost > 1_000_000_000_000)
            e.Add("standard.costRupiah", Lang.T("Biaya harus angka rupiah, 0 bila gratis.", "Cost must be an amount in rupiah, 0 when free."));
        e.Required("standard.product", st.Product, 500);
        e.Optional("standard.productEn", st.ProductEn, 500);
        if (st.ProductKind is not null && ProductKinds.Parse(st.ProductKind) is null)
            e.Add("standard.productKind", Lang.T("Harus salah satu dari: document, card, item, letter.", "Must be one of: document, card, item, letter."));
        e.Required("standard.complaintHandling", st.ComplaintHandling, 4000);
        e.Optional("standard.complaintHandlingEn", st.ComplaintHandlingEn, 4000);
        e.Required("standard.legalBasis", st.LegalBasis, 4000);
        if (st.Internal is { } inner)
        {
            e.Optional("standard.internal.facilities", inner.Facilities, 4000);
            e.Optional("standard.internal.staffCompetence", inner.StaffCompetence, 4000);
            e.Optional("standard.internal.internalSupervision", inner.InternalSupervision, 4000);
            e.Optional("standard.internal.staffCount", inner.StaffCount, 500);
            e.Optional("standard.internal.serviceGuarantee", inner.ServiceGuarantee, 4000);
            e.Optional("standard.internal.safetyGuarantee", inner.SafetyGuarantee, 4000);
            e.Optional("standard.internal.performanceEvaluation", inner.PerformanceEvaluation, 4000);
        }
        var reqs = st.Requirements ?? [];
        if (reqs.Count > 50) e.Add("standard.requirements", Lang.T("Paling banyak 50 persyaratan.", "At most 50 requirements."));
        for (var i = 0; i < reqs.Count; i++)
        {
            if (reqs[i] is null) { e.Missing($"standard.requirements[{i}]"); continue; }
            e.Required($"standard.requirements[{i}].name", reqs[i].Name, 300);
            e.Optional($"standard.requirements[{i}].nameEn", reqs[i].NameEn, 300);
            if (CatalogCodes.ParseRequirementKind(reqs[i].Kind) is null)
                e.Add($"standard.requirements[{i}].kind", Lang.T("Harus 'document' atau 'field'.", "Must be 'document' or 'field'."));
            if (reqs[i].Type is { } type && CatalogCodes.ParseFieldType(type) is null)
                e.Add($"standard.requirements[{i}].type", Lang.T(
                    "Harus salah satu dari: nik, npwp, phone, email, date, address, number, text.",
                    "Must be one of: nik, npwp, phone, email, date, address, number, text."));
        }
        return e;
    }

    private async Task ApplyAsync(Service s, ServiceDocument doc, CancellationToken ct)
    {
        var st = doc.Standard!;
        s.Name = doc.Name!.Trim();
        s.NameEn = Blank(doc.NameEn);
        s.Summary = doc.Summary?.Trim() ?? "";
        s.SummaryEn = Blank(doc.SummaryEn);
        s.AgencyId = doc.AgencyId!.Value;
        s.IsDemo = doc.IsDemo;
        s.Channels = (doc.Channels ?? []).Aggregate(ServiceChannels.None, (acc, c) => acc | CatalogCodes.ParseChannel(c)!.Value);
        var inner = st.Internal;
        var old = s.Standard;
        s.Standard = new ServiceStandard
        {
            Procedure = st.Procedure!.Trim(), ProcedureEn = Blank(st.ProcedureEn),
            CompletionWorkingDays = st.CompletionWorkingDays!.Value, CostRupiah = st.CostRupiah!.Value,
            Product = st.Product!.Trim(), ProductEn = Blank(st.ProductEn),
            // Without a kind the service keeps its own (a new one is a document, as before kinds existed).
            ProductKind = ProductKinds.Parse(st.ProductKind) ?? old.ProductKind,
            ComplaintHandling = st.ComplaintHandling!.Trim(), ComplaintHandlingEn = Blank(st.ComplaintHandlingEn),
            LegalBasis = st.LegalBasis!.Trim(),
            // A body without the internal components keeps them as they were.
            Facilities = inner is null ? old.Facilities : inner.Facilities?.Trim() ?? "",
            StaffCompetence = inner is null ? old.StaffCompetence : inner.StaffCompetence?.Trim() ?? "",
            InternalSupervision = inner is null ? old.InternalSupervision : inner.InternalSupervision?.Trim() ?? "",
            StaffCount = inner is null ? old.StaffCount : inner.StaffCount?.Trim() ?? "",
            ServiceGuarantee = inner is null ? old.ServiceGuarantee : inner.ServiceGuarantee?.Trim() ?? "",
            SafetyGuarantee = inner is null ? old.SafetyGuarantee : inner.SafetyGuarantee?.Trim() ?? "",
            PerformanceEvaluation = inner is null ? old.PerformanceEvaluation : inner.PerformanceEvaluation?.Trim() ?? "",
        };
        var incoming = st.Requirements ?? [];
        var keep = incoming.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToHashSet();
        foreach (var gone in s.Requirements.Where(r => !keep.Contains(r.Id)).ToList())
        {
            s.Requirements.Remove(gone);
            db.Requirements.Remove(gone);
        }
        for (var i = 0; i < incoming.Count; i++)
        {
            var r = incoming[i];
            var target = r.Id is { } rid ? s.Requirements.FirstOrDefault(x => x.Id == rid) : null;
            if (target is null)
            {
                target = new Requirement { Name = "", ServiceId = s.Id };
                s.Requirements.Add(target);
            }
            target.Order = i;
            target.Name = r.Name!.Trim();
            target.NameEn = Blank(r.NameEn);
            target.Kind = CatalogCodes.ParseRequirementKind(r.Kind)!.Value;
            // Without a type an existing field keeps its own (a client that does not know types changes nothing).
            target.FieldType = target.Kind != RequirementKind.Field ? FieldType.Text
                : r.Type is { } type ? CatalogCodes.ParseFieldType(type)!.Value : target.FieldType;
            target.Required = r.Required ?? true;
        }
        var topicCodes = doc.Topics ?? [];
        s.Topics.Clear();
        s.Topics.AddRange(await db.Topics.Where(t => topicCodes.Contains(t.Code)).ToListAsync(ct));
        var counterIds = doc.CounterIds ?? [];
        s.Counters.Clear();
        s.Counters.AddRange(await db.Counters.Where(c => counterIds.Contains(c.Id)).ToListAsync(ct));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
