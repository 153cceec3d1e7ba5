using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SatuAtap.Core.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Lacak;

/// <summary>Public tracking by number and the last four digits of the NIK or phone; shows the status and nothing personal.</summary>
[EnableRateLimiting(RateLimiting.Tracking)]
public sealed class IndexModel(TrackApplication track) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "nomor")] public string? Nomor { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "cek")] public string? Cek { get; set; }
    public TrackingView? Result { get; private set; }
    public bool Missing { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Nomor) || string.IsNullOrWhiteSpace(Cek)) return;
        var outcome = await track.HandleAsync(Nomor, Cek, ct);
        if (outcome.Succeeded) Result = outcome.Value;
        else Missing = true;
    }
}
