using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Web.Api;

namespace SatuAtap.Web.Pages.Kelola.Permohonan;

/// <summary>An application as an officer works it: the data, the documents, and the actions allowed now.</summary>
public sealed class DetailModel(GetApplication get, ActOnApplication act) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public ApplicationDetail Detail { get; private set; } = null!;
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? aksi, string? catatan, bool diambil, CancellationToken ct)
    {
        var outcome = await act.HandleAsync(Id, new ActionRequest(aksi, catatan, diambil), User.ToViewer(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded) Message = Lang.T("Tersimpan: ", "Done: ") + ApplicationCodes.StatusLabel(ApplicationCodes.ParseStatus(outcome.Value!.Status)!.Value);
        else Error = outcome.Errors is { Count: > 0 } e ? string.Join(" ", e.Values.SelectMany(v => v)) : outcome.Message;
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var found = await get.HandleAsync(Id, User.ToViewer(), HttpContext.BaseUrl(), ct);
        if (!found.Succeeded) return NotFound();
        Detail = found.Value!;
        return Page();
    }
}
