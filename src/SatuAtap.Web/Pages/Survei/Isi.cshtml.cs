using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Survei;

/// <summary>The survey behind a ticket's or an application's once-only link; a used or expired link is refused politely.</summary>
[EnableRateLimiting(RateLimiting.PublicWrites)]
public sealed class IsiModel(SurveyLinks links, SubmitSurveyResponse submit, CatalogCache catalog) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    public string? ServiceName { get; private set; }
    public string? Refusal { get; private set; }
    public bool Thanks { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task OnGetAsync(CancellationToken ct) => await CheckAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await CheckAsync(ct)) return Page();
        var (scores, respondent, comment) = SurveyForm.Read(Request.Form);
        var outcome = await submit.HandleAsync(new SurveyInput(null, null, Token, scores, respondent, comment, Language: Lang.Code), HttpContext.Caller(), ct);
        if (outcome.Succeeded) Thanks = true;
        else if (outcome.Kind == OutcomeKind.Invalid) Errors = new FormErrors(outcome.Errors);
        else Refusal = outcome.Message;
        if (!outcome.Succeeded) Response.StatusCode = Problems.StatusOf(outcome.Kind);
        return Page();
    }

    private async Task<bool> CheckAsync(CancellationToken ct)
    {
        NoReferrer.Apply(Response);
        var outcome = await links.CheckAsync(Token, ct);
        if (!outcome.Succeeded)
        {
            Refusal = outcome.Message;
            Response.StatusCode = Problems.StatusOf(outcome.Kind);
            return false;
        }
        ServiceName = (await catalog.GetAsync(ct)).ServicesById.GetValueOrDefault(outcome.Value!.ServiceId)?.DisplayName;
        return true;
    }
}
