using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Pengaduan;

/// <summary>The complaint inbox: the desk (managers) verifies, rejects, forwards and closes; an agency's staff answer what reached their agency.</summary>
public sealed class IndexModel(ListComplaints list, ActOnComplaint act, CatalogCache catalog) : PageModel
{
    public IReadOnlyList<ComplaintView> Complaints { get; private set; } = [];
    public IReadOnlyList<AgencyView> Agencies { get; private set; } = [];
    public bool IsManager => HttpContext.Caller().IsManager;
    public string? Message { get; private set; }
    public bool Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostVerifikasiAsync(string nomor, string? publik, CancellationToken ct) =>
        ActAsync(nomor, ComplaintAction.Verify, new ComplaintActInput(PublicText: publik), ct);

    public Task<IActionResult> OnPostTolakAsync(string nomor, CancellationToken ct) =>
        ActAsync(nomor, ComplaintAction.Reject, new ComplaintActInput(Text: Lang.T("Laporan tidak dapat ditindaklanjuti.", "The report cannot be followed up.")), ct);

    public Task<IActionResult> OnPostTeruskanAsync(string nomor, string? instansi, CancellationToken ct) =>
        ActAsync(nomor, ComplaintAction.Forward, new ComplaintActInput(AgencyId: instansi), ct);

    public Task<IActionResult> OnPostJawabAsync(string nomor, string? teks, CancellationToken ct) =>
        ActAsync(nomor, ComplaintAction.Answer, new ComplaintActInput(Text: teks), ct);

    public Task<IActionResult> OnPostTutupAsync(string nomor, CancellationToken ct) =>
        ActAsync(nomor, ComplaintAction.Close, new ComplaintActInput(), ct);

    private async Task<IActionResult> ActAsync(string nomor, ComplaintAction action, ComplaintActInput input, CancellationToken ct)
    {
        var outcome = await act.HandleAsync(nomor, action, input, HttpContext.Caller(), ct);
        Done = outcome.Succeeded;
        Message = outcome.Succeeded ? Lang.T($"{nomor}: {outcome.Value!.StatusLabel}.", $"{nomor}: {outcome.Value!.StatusLabel}.")
            : $"{nomor}: " + (outcome.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? outcome.Message);
        if (!outcome.Succeeded) Response.StatusCode = Problems.StatusOf(outcome.Kind);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Complaints = (await list.HandleAsync(null, HttpContext.Caller(), ct)).Value ?? [];
        Agencies = (await catalog.GetAsync(ct)).Agencies.OrderBy(a => a.DisplayName, StringComparer.CurrentCulture).ToList();
    }
}
