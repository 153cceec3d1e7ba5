using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Outreach;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Keliling;

/// <summary>
/// The managers' view of the circuit: stops and units (links to edit them), the coming visits (move one, or cancel one
/// with the note told to the people who booked) and
/// the last 30 days' reports: trips saved, and where demand went over the quota.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(OutreachReads reads, OutreachEdits edits, CancelVisit cancel, VisitReports reports, MallTime time) : PageModel
{
    public IReadOnlyList<VisitView> Visits { get; private set; } = [];
    public IReadOnlyList<StopView> Stops { get; private set; } = [];
    public IReadOnlyList<UnitView> Units { get; private set; } = [];
    public PeriodReportView? Report { get; private set; }
    public string? Message { get; private set; }
    public bool Done { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostCancelAsync(Guid visitId, string? catatan, CancellationToken ct)
    {
        var outcome = await cancel.HandleAsync(visitId, new CancelVisitRequest(catatan), HttpContext.Caller(), ct);
        Done = outcome.Succeeded;
        Message = outcome.Succeeded
            ? Lang.T("Kunjungan dibatalkan; pemesan diberi tahu.", "The visit is cancelled; the people who booked are told.")
            : outcome.Message ?? string.Join(" ", outcome.Errors?.Values.SelectMany(v => v) ?? []);
        if (!outcome.Succeeded) Response.StatusCode = Problems.StatusOf(outcome.Kind);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Visits = await reads.ComingAsync(null, null, ct);
        Stops = await reads.StopsAsync(ct);
        Units = await edits.UnitsAsync(ct);
        var period = await reports.PeriodAsync(time.Today.AddDays(-30), time.Today, HttpContext.Caller(), ct);
        Report = period.Value;
    }
}
