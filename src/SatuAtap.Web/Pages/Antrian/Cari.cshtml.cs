using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Queue;

namespace SatuAtap.Web.Pages.Antrian;

public sealed class CariModel : PageModel
{
    public IActionResult OnGet(string? kode) =>
        string.IsNullOrWhiteSpace(kode) ? Page() : Redirect("/antrian/pesan/" + Uri.EscapeDataString(CancelBooking.Normalize(kode)));
}
