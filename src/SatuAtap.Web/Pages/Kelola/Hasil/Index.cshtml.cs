using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Hasil;

/// <summary>
/// For mall managers, who do not see agencies' applications: find an issued result by its verification code (the
/// same facts as the public verification page, holder masked) and revoke it with a reason.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(TrackApplication lookups, ActOnApplication act, SatuAtapDb db, MallTime time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true, Name = "kode")] public string? Kode { get; set; }

    public VerificationView? Result { get; private set; }
    public string? Message { get; private set; }
    public bool Done { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code) && !string.IsNullOrWhiteSpace(Kode))
            return Redirect("/kelola/hasil/" + Uri.EscapeDataString(Kode.Trim().ToUpperInvariant()));
        if (!string.IsNullOrWhiteSpace(Code)) Result = await lookups.VerifyAsync(Code, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? alasan, CancellationToken ct)
    {
        var code = (Code ?? "").Trim().ToUpperInvariant();
        var applicationId = await db.IssuedResults.AsNoTracking().Where(r => r.VerificationCode == code).Select(r => (Guid?)r.ApplicationId).FirstOrDefaultAsync(ct);
        if (applicationId is null) return NotFound();
        var outcome = await act.HandleAsync(applicationId.Value, new ActionRequest("revoke", alasan), HttpContext.Caller(), ct);
        if (outcome.Succeeded)
        {
            Done = true;
            Message = Lang.T("Hasil telah dicabut.", "The result has been revoked.");
        }
        else
        {
            Message = outcome.Message;
            Errors = new FormErrors(outcome.Errors?.ToDictionary(e => e.Key == "note" ? "alasan" : e.Key, e => e.Value));
            Response.StatusCode = Problems.StatusOf(outcome.Kind);
        }
        Result = await lookups.VerifyAsync(code, ct);
        return Page();
    }

    public DateTime Local(DateTime utc) => time.ToLocal(utc);
}
