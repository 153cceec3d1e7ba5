using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Open311;

/// <summary>Managers issue Open311 keys to client applications (the key is shown once) and revoke them.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(ListOpen311Clients list, IssueOpen311Key issue, RevokeOpen311Key revoke) : PageModel
{
    public IReadOnlyList<Open311ClientView> Clients { get; private set; } = [];
    /// <summary>The key just issued, shown on this answer only.</summary>
    public Open311KeyIssued? Issued { get; private set; }
    public string? Message { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task OnGetAsync(CancellationToken ct) =>
        Clients = (await list.HandleAsync(HttpContext.Caller(), ct)).Value ?? [];

    public async Task<IActionResult> OnPostTerbitkanAsync(string? nama, CancellationToken ct)
    {
        var outcome = await issue.HandleAsync(nama, HttpContext.Caller(), ct);
        if (outcome.Succeeded) Issued = outcome.Value;
        else Refuse(outcome);
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCabutAsync(Guid id, CancellationToken ct)
    {
        var outcome = await revoke.HandleAsync(id, HttpContext.Caller(), ct);
        if (outcome.Succeeded) Message = Lang.T($"Kunci {outcome.Value!.Name} dicabut.", $"The key of {outcome.Value!.Name} is revoked.");
        else Refuse(outcome);
        await OnGetAsync(ct);
        return Page();
    }

    private void Refuse<T>(Outcome<T> outcome)
    {
        Message = outcome.Message;
        Errors = new FormErrors(outcome.Errors);
        Response.StatusCode = Problems.StatusOf(outcome.Kind);
    }
}
