using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>Cancels an active booking by its code; the place returns to the slot in the same transaction.</summary>
public sealed class CancelBooking(SatuAtapDb db, TimeProvider clock, QueueCache cache)
{
    public async Task<Outcome<bool>> HandleAsync(string code, CancellationToken ct)
    {
        code = Normalize(code);
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Code == code, ct);
        if (booking is null) return Outcome<bool>.NotFound(Lang.T("Kode pemesanan tidak ditemukan.", "Booking code not found."));
        var released = await DbRetry.RunAsync(db, async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var ok = await ReleaseAsync(booking.Id, booking.SlotId, c);
            if (ok) await tx.CommitAsync(c);
            return ok;
        }, ct);
        if (released) cache.SlotChanged(booking.SlotId);
        return released ? Outcome<bool>.Ok(true) : Outcome<bool>.Conflict(booking.Status == BookingStatus.CheckedIn
            ? Lang.T("Pemesanan ini sudah dipakai untuk mengambil nomor antrian.", "This booking has already been checked in.")
            : Lang.T("Pemesanan ini sudah dibatalkan.", "This booking is already cancelled."));
    }

    /// <summary>Inside the caller's transaction: cancels if still active and gives the place back.</summary>
    internal async Task<bool> ReleaseAsync(Guid bookingId, Guid slotId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cancelled = await db.Bookings.Where(b => b.Id == bookingId && b.Status == BookingStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Cancelled).SetProperty(b => b.CancelledUtc, now)
                .SetProperty(b => b.PhoneKey, (string?)null).SetProperty(b => b.NikKey, (string?)null), ct);
        if (cancelled == 0) return false;
        await db.Slots.Where(s => s.Id == slotId && s.Booked > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked - 1), ct);
        return true;
    }

    public static string Normalize(string? code) => (code ?? "").Trim().Replace("-", "").Replace(" ", "").ToUpperInvariant();
}
