using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Verifikasi;

/// <summary>The page a document's QR opens: genuine or not, for which service, issued when and by whom, revoked or not, the holder masked.</summary>
[EnableRateLimiting(RateLimiting.Tracking)]
public sealed class IndexModel(TrackApplication lookups, MallTime time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true, Name = "kode")] public string? Kode { get; set; }

    public VerificationView? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code) && !string.IsNullOrWhiteSpace(Kode))
            return Redirect("/verifikasi/" + Uri.EscapeDataString(Kode.Trim().ToUpperInvariant()));
        if (!string.IsNullOrWhiteSpace(Code)) Result = await lookups.VerifyAsync(Code, ct);
        return Page();
    }

    public DateTime Local(DateTime utc) => time.ToLocal(utc);
}
