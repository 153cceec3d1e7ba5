using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SatuAtap.Core.Rights;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Rights;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>A citizen asks for a correction of their data; the answer appears on <c>/akun</c>.</summary>
[Authorize]
[EnableRateLimiting(RateLimiting.PublicWrites)]
public sealed class KoreksiModel(Corrections corrections) : PageModel
{
    [BindProperty(Name = "salah")] public string? Salah { get; set; }
    [BindProperty(Name = "seharusnya")] public string? Seharusnya { get; set; }
    public FormErrors Errors { get; private set; } = new(null);
    public string? Message { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await corrections.SubmitAsync(new CorrectionInput(Salah, Seharusnya), HttpContext.Caller(), ct);
        if (outcome.Succeeded) return LocalRedirect("/akun");
        Message = outcome.Message;
        Errors = new FormErrors(outcome.Errors?.ToDictionary(e => e.Key switch { "whatIsWrong" => "salah", "shouldBe" => "seharusnya", var k => k }, e => e.Value));
        Response.StatusCode = Problems.StatusOf(outcome.Kind);
        return Page();
    }
}
