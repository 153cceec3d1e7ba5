using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>Cancels an active booking by its code; the place returns to the slot in the same transaction.</summary>
public sealed class CancelBooking(SatuAtapDb db, TimeProvider clock, QueueCache cache)
{
    public async Task<Outcome<bool>> ExecuteAsync(string code, CancellationToken ct)
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

/// <summary>Moves an active booking to another slot of the same service and site, in one transaction: never both, never neither.</summary>
public sealed class MoveBooking(SatuAtapDb db, BookSlot book, CancelBooking cancel, QueueCache cache)
{
    public async Task<BookingAttempt> ExecuteAsync(string code, Guid newSlotId, CancellationToken ct)
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
