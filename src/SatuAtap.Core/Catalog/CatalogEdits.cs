using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Catalog;

/// <summary>An agency as the API takes it; address, hours and contact left out (null) keep what is stored.</summary>
public sealed record AgencyDocument(Guid? Id, string? Code, string? Name, string? NameEn, string? Kind, string? Description, string? DescriptionEn, Guid? Version,
    string? Address = null, string? OpeningHours = null, string? OpeningHoursEn = null, string? Phone = null, string? Email = null);
public sealed record TopicDocument(Guid? Id, string? Code, string? Name, string? NameEn, int? Order, Guid? Version);
public sealed record SynonymDocument(Guid? Id, string? Term, string[]? Alternatives, Guid? Version);
public sealed record CounterDocument(Guid? Id, string? Code, string? Name, Guid? AgencyId, Guid[]? ServiceIds, Guid? Version);

/// <summary>
/// The smaller catalog edits (agencies, topics, synonyms, counters): validate, check the editor's right and the
/// concurrency token, save (audited), refresh the catalog picture.
/// </summary>
public sealed class CatalogEdits(SatuAtapDb db, CatalogCache cache)
{
    public Task<Outcome<Guid>> SaveAgencyAsync(Guid? id, AgencyDocument doc, Caller editor, CancellationToken ct = default) =>
        SaveAsync(id, doc.Version, editor.IsManager, db.Agencies, () => new Agency { Code = "", Name = "" }, async (a, e) =>
        {
            e.Required("code", doc.Code, 32);
            e.Required("name", doc.Name, 200);
            e.Optional("nameEn", doc.NameEn, 200);
            e.Optional("description", doc.Description, 2000);
            e.Optional("descriptionEn", doc.DescriptionEn, 2000);
            e.Optional("address", doc.Address, 300);
            e.Optional("openingHours", doc.OpeningHours, 200);
            e.Optional("openingHoursEn", doc.OpeningHoursEn, 200);
            e.Optional("phone", doc.Phone, 50);
            e.Optional("email", doc.Email, 256);
            if (!string.IsNullOrWhiteSpace(doc.Email) && !System.Net.Mail.MailAddress.TryCreate(doc.Email.Trim(), out _))
                e.Add("email", Lang.T("Alamat email tidak valid.", "Not a valid email address."));
            var kind = CatalogCodes.ParseAgencyKind(doc.Kind);
            if (kind is null) e.Add("kind", Lang.T("Harus salah satu dari regional, vertical, stateEnterprise, bank, other.", "Must be one of regional, vertical, stateEnterprise, bank, other."));
            var code = doc.Code?.Trim().ToUpperInvariant();
            if (code is not null && await db.Agencies.AnyAsync(x => x.Code == code && x.Id != a.Id, ct))
                e.Add("code", Lang.T("Kode ini sudah dipakai instansi lain.", "This code is already used by another agency."));
            if (e.Any) return;
            a.Code = code!; a.Name = doc.Name!.Trim(); a.NameEn = Blank(doc.NameEn); a.Kind = kind!.Value;
            a.Description = doc.Description?.Trim() ?? ""; a.DescriptionEn = Blank(doc.DescriptionEn);
            if (doc.Address is not null) a.Address = doc.Address.Trim();
            if (doc.OpeningHours is not null) a.OpeningHours = doc.OpeningHours.Trim();
            if (doc.OpeningHoursEn is not null) a.OpeningHoursEn = Blank(doc.OpeningHoursEn);
            if (doc.Phone is not null) a.Phone = doc.Phone.Trim();
            if (doc.Email is not null) a.Email = doc.Email.Trim();
        }, ct);

    public Task<Outcome<Guid>> SaveTopicAsync(Guid? id, TopicDocument doc, Caller editor, CancellationToken ct = default) =>
        SaveAsync(id, doc.Version, editor.IsManager, db.Topics, () => new Topic { Code = "", Name = "" }, async (t, e) =>
        {
            e.Required("code", doc.Code, 32);
            e.Required("name", doc.Name, 200);
            e.Optional("nameEn", doc.NameEn, 200);
            var code = doc.Code?.Trim().ToLowerInvariant();
            if (code is not null && await db.Topics.AnyAsync(x => x.Code == code && x.Id != t.Id, ct))
                e.Add("code", Lang.T("Kode ini sudah dipakai topik lain.", "This code is already used by another topic."));
            if (e.Any) return;
            t.Code = code!; t.Name = doc.Name!.Trim(); t.NameEn = Blank(doc.NameEn); t.Order = doc.Order ?? t.Order;
        }, ct);

    public Task<Outcome<Guid>> SaveSynonymAsync(Guid? id, SynonymDocument doc, Caller editor, CancellationToken ct = default) =>
        SaveAsync(id, doc.Version, editor.IsManager, db.Synonyms, () => new Synonym { Term = "" }, async (s, e) =>
        {
            e.Required("term", doc.Term, 100);
            var alternatives = (doc.Alternatives ?? []).Where(a => a is not null).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
            if (alternatives.Count == 0) e.Add("alternatives", Lang.T("Isi paling sedikit satu padanan kata.", "Give at least one alternative."));
            if (alternatives.Any(a => a.Length > 100 || a.Contains('\n'))) e.Add("alternatives", Lang.T("Setiap padanan paling banyak 100 karakter, satu baris.", "Each alternative: one line, at most 100 characters."));
            var term = doc.Term?.Trim().ToLowerInvariant();
            if (term is not null && await db.Synonyms.AnyAsync(x => x.Term == term && x.Id != s.Id, ct))
                e.Add("term", Lang.T("Kata ini sudah ada di daftar sinonim.", "This term is already in the synonym list."));
            if (e.Any) return;
            s.Term = term!; s.Alternatives = alternatives;
        }, ct);

    public Task<Outcome<Guid>> SaveCounterAsync(Guid? id, CounterDocument doc, Caller editor, CancellationToken ct = default) =>
        SaveAsync(id, doc.Version, null, db.Counters.Include(c => c.Services), () => new Counter { Code = "", Name = "" }, async (c, e) =>
        {
            e.Required("code", doc.Code, 32);
            e.Required("name", doc.Name, 100);
            if (doc.AgencyId is not { } agencyId) { e.Add("agencyId", Lang.T("Wajib diisi.", "Required.")); return; }
            if (!await db.Agencies.AnyAsync(a => a.Id == agencyId, ct)) e.Add("agencyId", Lang.T("Instansi tidak ditemukan.", "Agency not found."));
            var code = doc.Code?.Trim().ToUpperInvariant();
            if (code is not null && await db.Counters.AnyAsync(x => x.Code == code && x.Id != c.Id, ct))
                e.Add("code", Lang.T("Kode ini sudah dipakai loket lain.", "This code is already used by another counter."));
            var serviceIds = doc.ServiceIds ?? [];
            var services = await db.Services.Where(s => serviceIds.Contains(s.Id) && s.AgencyId == agencyId).ToListAsync(ct);
            if (services.Count != serviceIds.Distinct().Count())
                e.Add("serviceIds", Lang.T("Ada layanan yang tidak ditemukan atau bukan milik instansi ini.", "A service was not found or is not this agency's."));
            if (e.Any) return;
            c.Code = code!; c.Name = doc.Name!.Trim(); c.AgencyId = agencyId;
            c.Services.Clear(); c.Services.AddRange(services);
        }, ct, c => editor.MayEditAgencyContent(c.AgencyId) && (doc.AgencyId is not { } a || editor.MayEditAgencyContent(a)));

    /// <summary>
    /// The shared shape of an edit. <paramref name="allowed"/> is the editor's right when it does not depend on
    /// the record; <paramref name="allowedFor"/> when it does (checked on the stored and on the new values).
    /// </summary>
    private async Task<Outcome<Guid>> SaveAsync<T>(Guid? id, Guid? version, bool? allowed, IQueryable<T> query, Func<T> create,
        Func<T, FieldErrors, Task> apply, CancellationToken ct, Func<T, bool>? allowedFor = null)
        where T : Entity, IVersioned
    {
        T? entity;
        if (id is { } existingId)
        {
            entity = await query.FirstOrDefaultAsync(x => x.Id == existingId, ct);
            if (entity is null) return Outcome<Guid>.NotFound();
            if (allowed == false || allowedFor?.Invoke(entity) == false) return Outcome<Guid>.Forbidden();
            if (version is null) return Outcome<Guid>.Invalid("version", Lang.T("Versi (token konkurensi) wajib dikirim.", "The version (concurrency token) is required."));
            if (version != entity.Version) return Outcome<Guid>.StaleVersion();
            db.Entry(entity).Property(x => x.Version).OriginalValue = version.Value;
            entity.Version = Guid.NewGuid();
        }
        else
        {
            if (allowed == false) return Outcome<Guid>.Forbidden();
            entity = create();
        }
        var errors = new FieldErrors();
        await apply(entity, errors);
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return Outcome<Guid>.Invalid(errors.ToDictionary());
        }
        if (allowedFor?.Invoke(entity) == false) return Outcome<Guid>.Forbidden();
        if (id is null) db.Add(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Guid>.StaleVersion();
        }
        cache.Invalidate();
        return id is null ? Outcome<Guid>.Created(entity.Id) : Outcome<Guid>.Ok(entity.Id);
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
