using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>How a booking written by the <see cref="BookingBatcher"/> went.</summary>
public enum Placement { Placed, Full, Duplicate }

/// <summary>
/// Writes new bookings in batches (<see cref="WriteBatcher{TItem,TResult}"/>): in a rush for a slot every winner waits
/// on the slot's row, so one commit per batch instead of one per booking. Each booking still stands alone: its place
/// is taken with the conditional update (<c>Booked &lt; Capacity</c>, 0 rows: full), then it is inserted; when the
/// insert breaks a person's unique key (a second active booking) only that insert is undone (the provider's savepoint
/// around it) and its place is given back in the same transaction. Bookings are written in slot order (the order in
/// which every node takes the slots' row locks), in arrival order within a slot.
/// </summary>
public sealed class BookingBatcher(IServiceScopeFactory scopes, TimeProvider clock) : WriteBatcher<Booking, Placement>(scopes)
{
    public Task<Placement> PlaceAsync(Booking booking, CancellationToken ct) => EnqueueAsync(booking, ct);

    protected override async Task<Placement[]> WriteAsync(SatuAtapDb db, IReadOnlyList<Booking> batch, CancellationToken ct)
    {
        var results = new Placement[batch.Count];
        var full = new HashSet<Guid>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var i in Enumerable.Range(0, batch.Count).OrderBy(i => batch[i].SlotId))
        {
            var booking = batch[i];
            if (full.Contains(booking.SlotId)) { results[i] = Placement.Full; continue; }
            var taken = await db.Slots
                .Where(s => s.Id == booking.SlotId && s.Booked < s.Capacity && !s.Closed)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), ct);
            if (taken == 0)
            {
                full.Add(booking.SlotId);
                results[i] = Placement.Full;
                continue;
            }
            results[i] = await InsertAsync(db, booking, ct);
            if (results[i] != Placement.Placed)
                await db.Slots.Where(s => s.Id == booking.SlotId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked - 1), ct);
        }
        await tx.CommitAsync(ct);
        return results;
    }

    /// <summary>Inserts the booking (a colliding code is drawn again); Duplicate when the person already holds one.</summary>
    private async Task<Placement> InsertAsync(SatuAtapDb db, Booking booking, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            booking.CreatedUtc = clock.GetUtcNow().UtcDateTime;
            db.Bookings.Add(booking);
            try
            {
                await db.SaveChangesAsync(ct);
                return Placement.Placed;
            }
            catch (DbUpdateException e) when (DbRetry.IsUniqueViolation(e))
            {
                // The provider rolled the insert back to its savepoint; the rest of the batch stands.
                db.Entry(booking).State = EntityState.Detached;
                if (attempt >= 3 || e.InnerException?.Message.Contains("Code", StringComparison.Ordinal) != true) return Placement.Duplicate;
                booking.Code = BookSlot.NewCode();
            }
        }
    }
}
