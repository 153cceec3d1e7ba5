using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Rights;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Rights;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Koreksi;

/// <summary>For managers: open correction requests, soonest due first, overdue ones flagged, each answered here.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(Corrections corrections, MallTime time) : PageModel
{
    public IReadOnlyList<CorrectionView> Requests { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Done { get; private set; }
    public Guid? FailedId { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid id, string? status, string? jawaban, CancellationToken ct)
    {
        var outcome = await corrections.AnswerAsync(id, new AnswerInput(status, jawaban), HttpContext.Caller(), ct);
        if (outcome.Succeeded)
        {
            Done = true;
            Message = Lang.T("Jawaban tersimpan dan tampil di halaman akun warga.", "The answer is saved and shown on the citizen's account page.");
        }
        else
        {
            FailedId = id;
            Message = outcome.Message;
            Errors = new FormErrors(outcome.Errors?.ToDictionary(e => e.Key == "answer" ? "jawaban" : e.Key, e => e.Value));
            Response.StatusCode = Problems.StatusOf(outcome.Kind);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Requests = (await corrections.ListAsync("open", HttpContext.Caller(), ct)).Value ?? [];

    public DateTime Local(DateTime utc) => time.ToLocal(utc);
}
