using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// The complaint inbox: the desk (managers) sees every open complaint, an agency's staff the ones forwarded to their
/// agency; overdue and escalated ones first, then soonest due. <c>status</c> narrows to one status (<c>closed</c> too).
/// </summary>
public sealed class ListComplaints(SatuAtapDb db, CatalogCache catalog, MallTime time)
{
    public const int Limit = 500;

    public async Task<Outcome<IReadOnlyList<ComplaintView>>> HandleAsync(string? status, Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsManager && !caller.IsAgencyStaff) return Outcome<IReadOnlyList<ComplaintView>>.Forbidden();
        ComplaintStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = Enum.GetValues<ComplaintStatus>().Cast<ComplaintStatus?>().FirstOrDefault(s => ComplaintRules.Code(s!.Value) == status);
            if (wanted is null)
                return Outcome<IReadOnlyList<ComplaintView>>.Invalid("status", Lang.T("Status tidak dikenal.", "Unknown status."));
        }
        var q = db.Set<Complaint>().AsNoTracking().Include(c => c.Events).AsQueryable();
        if (!caller.IsManager)
            q = q.Where(c => c.AgencyId == caller.AgencyId && (c.Status == ComplaintStatus.Forwarded || c.Status == ComplaintStatus.Answered
                                                              || c.Status == ComplaintStatus.Closed));
        q = wanted is { } w ? q.Where(c => c.Status == w)
            : q.Where(c => c.Status != ComplaintStatus.Closed && c.Status != ComplaintStatus.Rejected);
        var rows = await q.OrderBy(c => c.ForwardDue).Take(Limit).ToListAsync(ct);
        var snapshot = await catalog.GetAsync(ct);
        var today = time.Today;
        var views = rows.Select(c => ComplaintView.Of(c, snapshot, today, full: true, staff: true))
            .OrderByDescending(v => v.Escalated || v.Overdue)
            .ThenBy(v => v.Status switch { "forwarded" => v.AnswerDue ?? v.ForwardDue, _ => v.ForwardDue })
            .ToList();
        return Outcome<IReadOnlyList<ComplaintView>>.Ok(views);
    }
}
