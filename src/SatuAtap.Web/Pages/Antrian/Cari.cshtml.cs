using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Queue;

namespace SatuAtap.Web.Pages.Antrian;

/// <summary>Opens a booking by its code; an unknown code is said to be unknown (404) with the form to try again.</summary>
public sealed class CariModel(QueueReads reads) : PageModel
{
    /// <summary>The code that was asked for and does not exist.</summary>
    public string? Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? kode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(kode)) return Page();
        var code = CancelBooking.Normalize(kode);
        if (code.Length <= 16 && await reads.BookingAsync(code, ct) is not null)
            return Redirect("/antrian/pesan/" + Uri.EscapeDataString(code));
        Missing = code.Length <= 16 ? code : code[..16];
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
