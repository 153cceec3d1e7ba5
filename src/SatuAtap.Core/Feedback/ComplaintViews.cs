using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Feedback;

/// <summary>One public step of a complaint: an answer of the agency, a reply of the reporter, a change of status.</summary>
public sealed record ComplaintStep(DateTime AtUtc, string Action, string Status, string StatusLabel, string? By, string? Text);

/// <summary>
/// A complaint as the reporter and the public see it (<see cref="Text"/> only with the check code or for staff) and as
/// staff see it (the reporter's contact, the overdue flag).
/// </summary>
public sealed record ComplaintView(
    Guid Id, string Number, string Status, string StatusLabel, string? ServiceCode, string? ServiceName, Guid? AgencyId, string? AgencyName, Guid? SiteId,
    string? Text, string? PublicText, double? Latitude, double? Longitude, string? Address, bool HasAttachment,
    DateTime SubmittedAtUtc, DateOnly ForwardDue, DateOnly? AnswerDue, DateOnly? CloseOn, DateTime UpdatedAtUtc, bool Overdue, bool Escalated,
    IReadOnlyList<ComplaintStep> Steps, string LaporUrl, string? CheckCode = null, string? ReporterName = null, string? ReporterEmail = null, string? ReporterPhone = null)
{
    /// <summary>The national channel, SP4N-LAPOR!.</summary>
    public const string Lapor = "https://www.lapor.go.id";

    /// <summary>The view of a complaint; <paramref name="full"/> adds the reporter's own text and contact (reporter, desk, agency).</summary>
    public static ComplaintView Of(Complaint c, CatalogSnapshot catalog, DateOnly today, bool full, bool staff)
    {
        var service = c.ServiceId is { } s && catalog.ServicesById.TryGetValue(s, out var sv) ? sv : null;
        var agency = c.AgencyId is { } a ? catalog.Agencies.FirstOrDefault(x => x.Id == a) : null;
        var steps = c.Events.OrderBy(e => e.AtUtc)
            .Where(e => e.Public || staff)
            .Select(e => new ComplaintStep(e.AtUtc, ComplaintRules.Code(e.Action), ComplaintRules.Code(e.ToStatus), ComplaintRules.Label(e.ToStatus),
                e.ActorName == "" ? null : e.ActorName, e.Text))
            .ToList();
        return new ComplaintView(c.Id, c.Number, ComplaintRules.Code(c.Status), ComplaintRules.Label(c.Status), service?.Code, service?.DisplayName,
            c.AgencyId, agency?.DisplayName, c.SiteId, full ? c.Text : null, c.PublicText, staff || full ? c.Latitude : null, staff || full ? c.Longitude : null,
            staff || full ? c.Address : c.Address is null ? null : c.Address, c.AttachmentKey is not null && (full || staff),
            c.SubmittedAtUtc, c.ForwardDue, c.AnswerDue, c.CloseOn, c.UpdatedAtUtc,
            ComplaintRules.IsOverdue(c.Status, c.ForwardDue, c.AnswerDue, today), c.EscalatedAtUtc is not null, steps, Lapor,
            ReporterName: staff ? c.ReporterName : null, ReporterEmail: staff ? c.ReporterEmail : null, ReporterPhone: staff ? c.ReporterPhone : null);
    }
}
