using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

public sealed record ApplicationSummary(Guid Id, string TrackingNumber, string Status, string StatusLabel, Guid ServiceId, string ServiceCode, string ServiceName,
    string ApplicantName, DateTime CreatedAt, DateTime? SubmittedAt, DateOnly? DueDate, bool Overdue, int Step, string? AssignedTo, bool Escalated = false);

public sealed record ApplicationPage(IReadOnlyList<ApplicationSummary> Items, int Total, int Page, int PageSize);

public sealed record InboxQuery(int? Step, bool? Overdue, int Page = 1, int PageSize = 20);

/// <summary>Lists: a citizen's own applications, and an agency's inbox (open applications, soonest due first).</summary>
public sealed class ListApplications(SatuAtapDb db, CatalogCache cache, MallTime time)
{
    public async Task<Outcome<ApplicationPage>> MineAsync(Caller viewer, int page, int pageSize, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } me) return Outcome<ApplicationPage>.Forbidden();
        var query = db.Applications.AsNoTracking().Where(a => a.ApplicantUserId == me || a.ApplicantUserId == null && a.CapturedByUserId == me);
        var (items, total) = await PageAsync(query, query.OrderByDescending(a => a.CreatedAtUtc).Skip((page - 1) * pageSize).Take(pageSize), ct);
        return Outcome<ApplicationPage>.Ok(new ApplicationPage(await SummariesAsync(items, ct), total, page, pageSize));
    }

    /// <summary>
    /// The inbox of the caller's agency: applications waiting on it, soonest due first (overdue ones on top).
    /// Served by the partial index IX_Applications_Inbox (CurrentAgencyId, DueDate, SubmittedAtUtc, StepIndex, IsOpen) of open applications.
    /// </summary>
    public async Task<Outcome<ApplicationPage>> InboxAsync(Caller viewer, InboxQuery q, CancellationToken ct = default)
    {
        if (!viewer.IsAgencyStaff || viewer.AgencyId is not { } agency) return Outcome<ApplicationPage>.Forbidden(Lang.T(
            "Kotak masuk hanya untuk petugas instansi.", "The inbox is for agency officers."));
        var today = time.Today;
        int? stepIndex = q.Step is { } step ? step - 1 : null;
        bool? overdueOnly = q.Overdue == true ? true : null, notOverdueOnly = q.Overdue == false ? true : null;
        var items = await InboxRowsAsync(agency, stepIndex, overdueOnly, notOverdueOnly, today, (q.Page - 1) * q.PageSize, q.PageSize, ct);
        // A page past the end has no rows to carry the total: the first row of the list does.
        var total = items.Count > 0 ? items[0].Total
            : (await InboxRowsAsync(agency, stepIndex, overdueOnly, notOverdueOnly, today, 0, 1, ct)).FirstOrDefault()?.Total ?? 0;
        return Outcome<ApplicationPage>.Ok(new ApplicationPage(await SummariesAsync(items, ct), total, q.Page, q.PageSize));
    }

    private async Task<List<Row>> InboxRowsAsync(Guid agency, int? stepIndex, bool? overdueOnly, bool? notOverdueOnly, DateOnly today, int skip, int take, CancellationToken ct)
    {
        var rows = new List<Row>(take);
        await foreach (var row in InboxQuery(db, agency, stepIndex, overdueOnly, notOverdueOnly, today, skip, take).WithCancellation(ct)) rows.Add(row);
        return rows;
    }

    /// <summary>
    /// The inbox's page with its total, compiled once. Built with LINQ on every request, the query's expression tree
    /// (reflection for each member it reads), its parameter extraction and its cache lookup were about a quarter of what
    /// the inbox page allocated (docs/benchmarks/2026-12-02-inbox-query.md). A filter that is not asked for is a null
    /// parameter, and EF Core leaves it out of the SQL (one statement per combination of null parameters), so the
    /// partial index IX_Applications_Inbox serves every variant as before.
    /// </summary>
    private static readonly Func<SatuAtapDb, Guid, int?, bool?, bool?, DateOnly, int, int, IAsyncEnumerable<Row>> InboxQuery =
        EF.CompileAsyncQuery((SatuAtapDb db, Guid agency, int? stepIndex, bool? overdueOnly, bool? notOverdueOnly, DateOnly today, int skip, int take) =>
            db.Applications.AsNoTracking()
                .Where(a => a.CurrentAgencyId == agency && a.IsOpen && (stepIndex == null || a.StepIndex == stepIndex)
                    && (overdueOnly == null || a.DueDate < today && a.Status != ApplicationStatus.Approved)
                    && (notOverdueOnly == null || a.DueDate >= today || a.Status == ApplicationStatus.Approved))
                .OrderBy(a => a.DueDate).ThenBy(a => a.SubmittedAtUtc).Skip(skip).Take(take)
                .Select(a => new Row(a.Id, a.TrackingNumber, a.Status, a.ServiceId, a.ApplicantName, a.CreatedAtUtc, a.SubmittedAtUtc,
                    a.DueDate, a.StepIndex, a.AssignedToName, a.EscalatedAtUtc, a.OverdueHandledStep,
                    db.Applications.Count(b => b.CurrentAgencyId == agency && b.IsOpen && (stepIndex == null || b.StepIndex == stepIndex)
                        && (overdueOnly == null || b.DueDate < today && b.Status != ApplicationStatus.Approved)
                        && (notOverdueOnly == null || b.DueDate >= today || b.Status == ApplicationStatus.Approved)))));

    /// <summary>The columns a summary shows, and no others (not the field values, documents or SLA bookkeeping), with the list's total.</summary>
    private sealed record Row(Guid Id, string TrackingNumber, ApplicationStatus Status, Guid ServiceId, string ApplicantName,
        DateTime CreatedAtUtc, DateTime? SubmittedAtUtc, DateOnly? DueDate, int StepIndex, string? AssignedToName, DateTime? EscalatedAtUtc,
        int? OverdueHandledStep, int Total);

    /// <summary>
    /// One page of <paramref name="query"/> and its total in one round trip: the count is an uncorrelated subquery in the
    /// page's SELECT, which SQLite and PostgreSQL evaluate once. Only a page past the end (no rows) asks for the count alone.
    /// </summary>
    private static async Task<(List<Row> Items, int Total)> PageAsync(IQueryable<Application> query, IQueryable<Application> page, CancellationToken ct)
    {
        var items = await page.Select(a => new Row(a.Id, a.TrackingNumber, a.Status, a.ServiceId, a.ApplicantName, a.CreatedAtUtc,
            a.SubmittedAtUtc, a.DueDate, a.StepIndex, a.AssignedToName, a.EscalatedAtUtc, a.OverdueHandledStep, query.Count())).ToListAsync(ct);
        return (items, items.Count > 0 ? items[0].Total : await query.CountAsync(ct));
    }

    private async Task<List<ApplicationSummary>> SummariesAsync(List<Row> items, CancellationToken ct)
    {
        var catalog = await cache.GetAsync(ct);
        var today = time.Today;
        return items.Select(a =>
        {
            var s = catalog.ServicesById.GetValueOrDefault(a.ServiceId);
            return new ApplicationSummary(a.Id, a.TrackingNumber, ApplicationCodes.Status(a.Status), ApplicationCodes.StatusLabel(a.Status),
                a.ServiceId, s?.Code ?? "", s?.DisplayName ?? "", a.ApplicantName, a.CreatedAtUtc, a.SubmittedAtUtc, a.DueDate,
                SlaClock.IsOverdue(a.DueDate, today, a.Status), a.StepIndex + 1, a.AssignedToName,
                SlaClock.IsEscalated(a.EscalatedAtUtc, a.OverdueHandledStep, a.StepIndex));
        }).ToList();
    }
}
