using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>Moves an active booking to another slot of the same service and site, in one transaction: never both, never neither.</summary>
public sealed class MoveBooking(SatuAtapDb db, BookSlot book, CancelBooking cancel, QueueCache cache)
{
    public async Task<BookingAttempt> HandleAsync(string code, Guid newSlotId, CancellationToken ct)
    {
        code = CancelBooking.Normalize(code);
        var old = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Code == code, ct);
        if (old is null) return new(Outcome<BookingView>.NotFound(Lang.T("Kode pemesanan tidak ditemukan.", "Booking code not found.")));
        if (old.Status != BookingStatus.Active)
            return new(Outcome<BookingView>.Conflict(Lang.T("Hanya pemesanan aktif yang dapat dipindahkan.", "Only an active booking can be moved.")));
        var slot = await db.Slots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == newSlotId, ct);
        if (slot is null) return new(Outcome<BookingView>.NotFound(Lang.T("Slot tidak ditemukan.", "Slot not found.")));
        if (slot.ServiceId != old.ServiceId || slot.SiteId != old.SiteId)
            return new(QueueOutcome.Unprocessable<BookingView>(Lang.T("Pemesanan hanya dapat dipindah ke slot layanan dan lokasi yang sama.",
                "A booking can only move to a slot of the same service and site.")));
        var site = await cache.SiteAsync(slot.SiteId, ct) ?? throw new InvalidOperationException("The slot's site is missing.");
        if (await book.CheckBookableAsync(slot, site, ct) is { } refused) return refused;
        var booking = book.New(slot, old.Name, old.Phone, old.Nik, old.UserId);
        var attempt = await DbRetry.RunAsync(db, async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            if (!await cancel.ReleaseAsync(old.Id, old.SlotId, c))
                return new BookingAttempt(Outcome<BookingView>.Conflict(Lang.T("Pemesanan ini sudah tidak aktif.", "This booking is no longer active.")));
            var placed = await book.PlaceAsync(booking, slot, site, c);
            if (placed is not null) { await tx.RollbackAsync(c); return placed; }
            await tx.CommitAsync(c);
            return null;
        }, ct);
        if (attempt is null) cache.SlotChanged(old.SlotId);
        return attempt ?? new(Outcome<BookingView>.Ok(BookSlot.View(booking, slot, site)));
    }
}
