using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SatuAtap.Core.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Lacak;

/// <summary>
/// Public tracking by number and check (the code on the receipt, or the applicant's full NIK); shows the status and
/// nothing personal. The check travels only in the posted form, never in the address (a link or QR code may carry
/// the number alone, <c>?nomor=</c>), and the page sends no referrer. Every look-up, right or wrong, counts toward
/// the tracking rate limit.
/// </summary>
[EnableRateLimiting(RateLimiting.Tracking)]
public sealed class IndexModel(TrackApplication track) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "nomor")] public string? Nomor { get; set; }
    /// <summary>Bound from the posted form only.</summary>
    [BindProperty(Name = "cek")] public string? Cek { get; set; }
    public TrackingView? Result { get; private set; }
    public bool Missing { get; private set; }

    public void OnGet() => NoReferrer.Apply(Response);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        NoReferrer.Apply(Response);
        var outcome = await track.HandleAsync(Nomor, Cek, ct);
        if (outcome.Succeeded) Result = outcome.Value;
        else
        {
            Missing = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        // The check is not written back into the form.
        Cek = null;
        return Page();
    }
}
