using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;

namespace SatuAtap.Web.Pages.Antrian;

/// <summary>A booking by its code: the QR code for the kiosk, and cancel or move. The code is the key; keep it private.</summary>
public sealed class PemesananModel(SatuAtapDb db, QueueReads reads, CatalogCache catalog, BookSlot book, CancelBooking cancel, MoveBooking move,
    SatuAtap.Web.Queue.BookingLimits limits) : PageModel
{
    [FromRoute] public string Code { get; set; } = "";
    public BookingView Booking { get; private set; } = null!;
    public string ServiceName { get; private set; } = "";
    /// <summary>What to bring: the service's document requirements.</summary>
    public IReadOnlyList<Core.Catalog.RequirementView> ToBring { get; private set; } = [];
    public string SiteName { get; private set; } = "";
    public IReadOnlyList<SlotView> Alternatives { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public string StatusLabel => Booking.Status switch
    {
        "active" => Lang.T("Aktif", "Active"),
        "cancelled" => Lang.T("Dibatalkan", "Cancelled"),
        _ => Lang.T("Sudah mengambil nomor antrian", "Checked in"),
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var booking = await reads.BookingAsync(Code, ct);
        // An unknown code: the lookup page says so and offers to try again.
        if (booking is null) return Redirect("/antrian/pesan/cari?kode=" + Uri.EscapeDataString(CancelBooking.Normalize(Code)));
        Booking = booking;
        var bookedService = (await catalog.GetAsync(ct)).ServicesById.GetValueOrDefault(booking.ServiceId);
        ServiceName = bookedService?.DisplayName ?? "";
        ToBring = bookedService?.Requirements.Where(r => r.Kind == Core.Catalog.RequirementKind.Document).ToList() ?? [];
        var site = (await reads.SiteAsync(booking.SiteId, ct))!;
        SiteName = site.Name;
        if (booking.Status == "active")
        {
            var slot = await db.Slots.FindAsync([booking.SlotId], ct);
            Alternatives = await book.NextSlotsAsync(slot!, site, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        var outcome = await cancel.HandleAsync(Code, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        Message = outcome.Succeeded ? Lang.T("Pemesanan dibatalkan; tempatnya kembali tersedia.", "The booking is cancelled; its place is free again.") : outcome.Message;
        return Redirect($"/antrian/pesan/{CancelBooking.Normalize(Code)}");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid slotId, CancellationToken ct)
    {
        if (limits.Check(HttpContext, phone: null) is { } refusal)
        {
            Message = refusal.Message;
            return Redirect($"/antrian/pesan/{CancelBooking.Normalize(Code)}");
        }
        var attempt = await move.HandleAsync(Code, slotId, ct);
        if (attempt.Outcome.Succeeded) return Redirect($"/antrian/pesan/{attempt.Outcome.Value!.Code}");
        Message = attempt.Outcome.Message;
        return Redirect($"/antrian/pesan/{CancelBooking.Normalize(Code)}");
    }
}
