using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Queue;

namespace SatuAtap.Web.Pages.Antrian;

/// <summary>A ticket's live page (position, wait, counter), refreshed without JavaScript; printable from the kiosk.</summary>
public sealed class TiketModel(QueueReads reads, CatalogCache catalog, Core.Common.PublicLinks links, Core.Feedback.SurveyLinks surveys) : PageModel
{
    public TicketView Ticket { get; private set; } = null!;
    public string SiteName { get; private set; } = "";
    public string ServiceName { get; private set; } = "";
    public string PageUrl { get; private set; } = "";
    /// <summary>The once-only survey link of a finished ticket not yet rated (Feedback); null otherwise.</summary>
    public string? SurveyUrl { get; private set; }
    [BindProperty(SupportsGet = true, Name = "cetak")] public int? PrintFlag { get; set; }
    public bool Print => PrintFlag == 1;
    /// <summary>Printed at the kiosk (<c>kios=1</c>): bare page, back to the kiosk's start after a while.</summary>
    [BindProperty(SupportsGet = true, Name = "kios")] public int? KioskFlag { get; set; }
    public bool Kiosk => KioskFlag == 1;
    /// <summary>The thermal paper width the ticket is laid out for: 58 or 80 mm.</summary>
    [BindProperty(SupportsGet = true, Name = "kertas")] public int? Paper { get; set; }
    public int PaperWidth => Paper == 58 ? 58 : 80;
    /// <summary>Seconds before a kiosk ticket returns to the kiosk's start.</summary>
    public const int KioskReturnSeconds = 20;

    public string StatusLabel => Ticket.Parked
        ? Core.Common.Lang.T("Ditunda — petugas akan memanggil Anda lagi", "Parked — the officer will call you again")
        : Ticket.Status switch
        {
            "waiting" => Core.Common.Lang.T("Menunggu", "Waiting"),
            "called" => Core.Common.Lang.T("Dipanggil", "Called"),
            "serving" => Core.Common.Lang.T("Sedang dilayani", "Being served"),
            "done" => Core.Common.Lang.T("Selesai", "Done"),
            "no-show" => Core.Common.Lang.T("Tidak hadir saat dipanggil", "Not present when called"),
            _ => Core.Common.Lang.T("Dialihkan ke layanan atau loket lain", "Transferred to another service or counter"),
        };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var ticket = await reads.TicketAsync(id, ct);
        if (ticket is null) return NotFound();
        Ticket = ticket;
        SiteName = (await reads.SiteAsync(ticket.SiteId, ct))?.Name ?? "";
        ServiceName = (await catalog.GetAsync(ct)).ServicesById.GetValueOrDefault(ticket.ServiceId)?.DisplayName ?? "";
        PageUrl = links.To($"/antrian/tiket/{id}");
        if (ticket.Status == "done") SurveyUrl = await surveys.ForTicketAsync(id, ct);
        return Page();
    }
}
