using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Feedback;

/// <summary>A service of Open311 GeoReport v2: a catalog service that complaints can be about.</summary>
public sealed record Open311Service(string ServiceCode, string ServiceName, string Description, bool Metadata, string Type, string Keywords, string Group);

/// <summary>A service request of Open311 GeoReport v2: a complaint as the public sees it (the desk's public text, never the reporter's).</summary>
public sealed record Open311Request(string ServiceRequestId, string Status, string? StatusNotes, string? ServiceName, string? ServiceCode,
    string? Description, string? AgencyResponsible, string? ServiceNotice, string RequestedDatetime, string UpdatedDatetime, string? ExpectedDatetime,
    string? Address, string? AddressId, string? Zipcode, double? Latitude, double? Longitude, string? MediaUrl);

/// <summary>The query of <c>GET requests</c>: ids (comma-separated), a service code, a period and a status.</summary>
public sealed record Open311Query(IReadOnlyList<string>? Ids, string? ServiceCode, DateTime? StartUtc, DateTime? EndUtc, string? Status);

/// <summary>
/// The complaint desk as Open311 GeoReport v2 presents it: the services, the requests and their public status
/// (<c>open</c> or <c>closed</c>), and the client applications' keys. Filing goes through <see cref="FileComplaint"/>.
/// </summary>
public sealed class Open311Desk(SatuAtapDb db, CatalogCache catalog, MallTime time, PersonalDataProtector protector)
{
    /// <summary>At most this many requests in one answer, as the specification allows a server to limit.</summary>
    public const int MaxRequests = 1000;
    /// <summary>Without dates, the requests of the last 90 days, as the specification says.</summary>
    public const int DefaultDays = 90;

    public async Task<IReadOnlyList<Open311Service>> ServicesAsync(CancellationToken ct = default) =>
        (await catalog.GetAsync(ct)).Services.OrderBy(s => s.Code, StringComparer.Ordinal).Select(ToService).ToList();

    public async Task<Open311Service?> ServiceAsync(string code, CancellationToken ct = default) =>
        (await catalog.GetAsync(ct)).ServicesByCode.TryGetValue(code, out var s) ? ToService(s) : null;

    private static Open311Service ToService(ServiceView s) =>
        new(s.Code, s.DisplayName, s.DisplaySummary, false, "realtime", string.Join(",", s.Topics.Select(t => t.DisplayName)), s.Agency.DisplayName);

    /// <summary>The client application a key belongs to, or null when the key is unknown or withdrawn.</summary>
    public async Task<Guid?> ClientOfKeyAsync(string? apiKey, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 200) return null;
        var hash = KeyHash(apiKey);
        return await db.Set<Open311Client>().AsNoTracking().Where(c => c.KeyHash == hash && c.Active).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
    }

    public string KeyHash(string apiKey) => protector.Hash("open311:" + apiKey);

    public async Task<IReadOnlyList<Open311Request>> RequestsAsync(Open311Query query, CancellationToken ct = default)
    {
        var snapshot = await catalog.GetAsync(ct);
        var q = db.Set<Complaint>().AsNoTracking().Include(c => c.Events).AsQueryable();
        if (query.Ids is { Count: > 0 } ids)
        {
            var numbers = ids.Select(i => i.Trim().ToUpperInvariant()).ToList();
            q = q.Where(c => numbers.Contains(c.Number));
        }
        else
        {
            var end = query.EndUtc ?? time.UtcNow;
            var start = query.StartUtc ?? end.AddDays(-DefaultDays);
            q = q.Where(c => c.SubmittedAtUtc >= start && c.SubmittedAtUtc <= end);
            if (query.ServiceCode is { } code)
            {
                var serviceId = snapshot.ServicesByCode.TryGetValue(code, out var s) ? s.Id : Guid.Empty;
                q = q.Where(c => c.ServiceId == serviceId);
            }
            if (query.Status == "open") q = q.Where(c => c.Status != ComplaintStatus.Closed && c.Status != ComplaintStatus.Rejected);
            if (query.Status == "closed") q = q.Where(c => c.Status == ComplaintStatus.Closed || c.Status == ComplaintStatus.Rejected);
        }
        var rows = await q.OrderByDescending(c => c.SubmittedAtUtc).Take(MaxRequests).ToListAsync(ct);
        return rows.Select(c => ToRequest(c, snapshot)).ToList();
    }

    private Open311Request ToRequest(Complaint c, CatalogSnapshot snapshot)
    {
        var service = c.ServiceId is { } s && snapshot.ServicesById.TryGetValue(s, out var sv) ? sv : null;
        var agency = c.AgencyId is { } a ? snapshot.Agencies.FirstOrDefault(x => x.Id == a) : null;
        // Nothing the reporter wrote is public until the desk has verified it and written the public text.
        var published = c.PublicText is not null;
        var notes = c.Events.Where(e => e.Public && e.Text is not null && e.Action is ComplaintAction.Answer or ComplaintAction.Reject)
            .OrderBy(e => e.AtUtc).LastOrDefault()?.Text;
        var due = ComplaintRules.StaffDue(c.Status, c.ForwardDue, c.AnswerDue);
        return new Open311Request(c.Number, ComplaintRules.IsOpen(c.Status) ? "open" : "closed", notes ?? ComplaintRules.Label(c.Status),
            service?.DisplayName, service?.Code, published ? c.PublicText : null, agency?.DisplayName, null,
            Iso(c.SubmittedAtUtc), Iso(c.UpdatedAtUtc), due is { } d ? Iso(time.ToUtc(d.ToDateTime(new TimeOnly(23, 59, 59)))) : null,
            published ? c.Address : null, null, null, published ? c.Latitude : null, published ? c.Longitude : null, null);
    }

    /// <summary>ISO 8601 with the mall zone's offset (<c>2026-11-30T09:00:00+07:00</c>), as the specification asks.</summary>
    public string Iso(DateTime utc)
    {
        var offset = time.Zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + offset, offset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
