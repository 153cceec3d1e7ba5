using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>How a booking written by the <see cref="BookingBatcher"/> went.</summary>
public enum Placement { Placed, Full, Duplicate }

/// <summary>
/// Writes new bookings in batches (<see cref="WriteBatcher{TItem,TResult}"/>): in a rush for a slot every winner waits
/// on the slot's row, so one commit per batch instead of one per booking, and a few statements per slot instead of
/// several per booking. Each booking still stands alone: a person who already holds a booking of the service that day
/// (or asks twice in the batch) is refused before any place is taken; the places of a slot are taken with one
/// conditional update (never above the capacity, never on a closed slot) and go to the batch's bookings in arrival
/// order; the rest are refused as full. The unique keys stay the judge: if the insert of the batch still breaks one
/// (a booking made meanwhile on another node), the provider's savepoint undoes it and the bookings are inserted one
/// by one, a refused one giving its place back. Slots are taken in id order (the order of the row locks on every node).
/// </summary>
public sealed class BookingBatcher(IServiceScopeFactory scopes, TimeProvider clock) : WriteBatcher<Booking, Placement>(scopes)
{
    public Task<Placement> PlaceAsync(Booking booking, CancellationToken ct) => EnqueueAsync(booking, ct);

    protected override async Task<Placement[]> WriteAsync(SatuAtapDb db, IReadOnlyList<Booking> batch, CancellationToken ct)
    {
        var results = new Placement[batch.Count];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var keys = batch.SelectMany(Keys).Distinct().ToList();
        var held = (await db.Bookings.Where(b => keys.Contains(b.PhoneKey!) || keys.Contains(b.NikKey!))
                .Select(b => new { b.PhoneKey, b.NikKey }).ToListAsync(ct))
            .SelectMany(b => new[] { b.PhoneKey, b.NikKey }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var granted = new List<int>();
        foreach (var slot in Enumerable.Range(0, batch.Count).GroupBy(i => batch[i].SlotId).OrderBy(g => g.Key))
        {
            var wanting = new List<int>();
            foreach (var i in slot)
            {
                if (Keys(batch[i]).Any(held.Contains)) results[i] = Placement.Duplicate;
                else if (wanting.Any(w => Keys(batch[w]).Intersect(Keys(batch[i])).Any())) results[i] = Placement.Full;
                else wanting.Add(i);
            }
            var places = await TakeAsync(db, slot.Key, wanting.Count, ct);
            for (var k = 0; k < wanting.Count; k++)
            {
                if (k >= places) { results[wanting[k]] = Placement.Full; continue; }
                granted.Add(wanting[k]);
                foreach (var key in Keys(batch[wanting[k]])) held.Add(key);
            }
        }
        // Same person asking twice in one slot: the second is a duplicate when the first got the place.
        foreach (var slot in Enumerable.Range(0, batch.Count).Where(i => results[i] == Placement.Full).GroupBy(i => batch[i].SlotId))
            foreach (var i in slot)
                if (granted.Any(g => batch[g].SlotId == slot.Key && Keys(batch[g]).Intersect(Keys(batch[i])).Any())) results[i] = Placement.Duplicate;

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var i in granted)
        {
            batch[i].CreatedUtc = now;
            db.Bookings.Add(batch[i]);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            foreach (var i in granted) results[i] = Placement.Placed;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // The provider rolled the batch's insert back to its savepoint: insert them one by one.
            db.ChangeTracker.Clear();
            foreach (var i in granted)
            {
                results[i] = await InsertAsync(db, batch[i], ct);
                if (results[i] != Placement.Placed)
                    await db.Slots.Where(s => s.Id == batch[i].SlotId)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked - 1), ct);
            }
        }
        await tx.CommitAsync(ct);
        return results;
    }

    private static IEnumerable<string> Keys(Booking b) => new[] { b.PhoneKey, b.NikKey }.OfType<string>();

    /// <summary>
    /// Takes up to <paramref name="wanted"/> places of the slot with conditional updates (compare and set on
    /// <c>Booked</c>: never above the capacity, never on a closed slot); how many it took.
    /// </summary>
    private static async Task<int> TakeAsync(SatuAtapDb db, Guid slotId, int wanted, CancellationToken ct)
    {
        if (wanted == 0) return 0;
        if (await db.Slots.Where(s => s.Id == slotId && s.Booked + wanted <= s.Capacity && !s.Closed)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + wanted), ct) == 1)
            return wanted;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var now = await db.Slots.AsNoTracking().Where(s => s.Id == slotId).Select(s => new { s.Booked, s.Capacity, s.Closed }).FirstOrDefaultAsync(ct);
            if (now is null || now.Closed) return 0;
            var take = Math.Min(wanted, now.Capacity - now.Booked);
            if (take <= 0) return 0;
            var seen = now.Booked;
            if (await db.Slots.Where(s => s.Id == slotId && s.Booked == seen && !s.Closed)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + take), ct) == 1)
                return take;
        }
        throw new DbRetry.RetryableUniqueException(new InvalidOperationException("The slot kept changing while its places were taken."));
    }

    /// <summary>Inserts one booking (a colliding code is drawn again); Duplicate when the person already holds one.</summary>
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
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // The provider rolled the insert back to its savepoint; the rest of the batch stands.
                db.Entry(booking).State = EntityState.Detached;
                if (attempt >= 3 || !UniqueViolation.On<Booking>(db, e, nameof(Booking.Code))) return Placement.Duplicate;
                booking.Code = BookSlot.NewCode();
            }
        }
    }
}
