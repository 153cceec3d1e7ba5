using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Queue;

public sealed record BookSlotRequest(Guid? SlotId, string? Name, string? Phone, string? Nik);

/// <summary>A refused booking may carry the opening time (422) and the next slots with places left (409).</summary>
public sealed record BookingAttempt(Outcome<BookingView> Outcome, DateTimeOffset? OpensAt = null, IReadOnlyList<SlotView>? NextSlots = null);

/// <summary>
/// Books a place in a slot. The place is taken with one conditional update (<c>Booked &lt; Capacity</c>) and the
/// booking is inserted in the same short transaction; unique keys refuse a second active booking of the same person.
/// </summary>
public sealed class BookSlot(SatuAtapDb db, TimeProvider clock, IOptions<QueueOptions> options, QueueCache cache, BookingBatcher batcher, PersonalDataProtector protector, MallMetrics metrics)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<BookingAttempt> HandleAsync(BookSlotRequest request, Guid? userId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.SlotId is null) errors.Add("slotId", Lang.T("Wajib diisi.", "Required."));
        errors.Required("name", request.Name?.Trim(), 100);
        var phone = PhoneNumber.Normalize(request.Phone);
        if (string.IsNullOrWhiteSpace(request.Phone)) errors.Add("phone", Lang.T("Nomor HP wajib diisi.", "The phone number is required."));
        else if (phone is null) errors.Add("phone", Lang.T("Nomor HP tidak valid (contoh: 0812 3456 7890).", "The phone number is not valid (e.g. 0812 3456 7890)."));
        var nik = string.IsNullOrWhiteSpace(request.Nik) ? null : request.Nik.Trim();
        if (nik is not null && Nik.Validate(nik) is var problem && problem != Nik.Problem.None) errors.Add("nik", Nik.Message(problem));
        if (errors.Any) return new(Outcome<BookingView>.Invalid(errors.ToDictionary()));

        // The slot as this node saw it a moment ago: in a rush most clients arrive after the places are gone, and are
        // refused without a query. The memory only ever refuses; every place is taken by the conditional update.
        var slot = await cache.SlotAsync(request.SlotId!.Value, ct);
        if (slot is null) return new(Outcome<BookingView>.NotFound(Lang.T("Slot tidak ditemukan.", "Slot not found.")));
        var site = await cache.SiteAsync(slot.SiteId, ct) ?? throw new InvalidOperationException("The slot's site is missing.");
        var check = await CheckBookableAsync(slot, site, ct);
        if (check is not null) { metrics.BookingRefused("unavailable"); return check; }
        // Full when last seen: refuse without a write transaction. A slot seen with places left goes through the
        // conditional update, which decides.
        if (slot.Booked >= slot.Capacity) { metrics.BookingRefused("full"); return Full(await NextSlotsAsync(slot, site, ct)); }

        // Written with the other bookings that arrive meanwhile (one commit for all), each standing alone.
        var booking = New(slot, request.Name!.Trim(), phone!, nik, userId);
        var placement = await batcher.PlaceAsync(booking, ct);
        if (placement == Placement.Placed) { cache.PlaceTaken(); metrics.BookingMade(); } else metrics.BookingRefused(placement == Placement.Full ? "full" : "duplicate");
        return placement switch
        {
            Placement.Placed => new(Outcome<BookingView>.Created(View(booking, slot, site))),
            Placement.Full => Full(await NextSlotsAsync(slot, site, ct, full: true)),
            _ => Duplicate(await NextSlotsAsync(slot, site, ct, otherDaysOnly: true)),
        };
    }

    internal async Task<BookingAttempt?> CheckBookableAsync(Slot slot, Site site, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = site.Zone;
        if (slot.StartUtc <= now)
            return new(QueueOutcome.Unprocessable<BookingView>(Lang.T("Slot ini sudah lewat.", "This slot is in the past.")),
                NextSlots: await NextSlotsAsync(slot, site, ct));
        var opens = SiteClock.BookingOpensUtc(slot.Day, zone, options.Value.BookingOpensDaysAhead, options.Value.BookingOpensHour);
        if (now < opens)
        {
            var local = SiteClock.ToLocal(opens, zone);
            return new(QueueOutcome.Unprocessable<BookingView>(Lang.T(
                    $"Slot ini baru dibuka untuk pemesanan pada {Formats.Date(DateOnly.FromDateTime(local))} pukul {local:HH.mm}.",
                    $"Booking for this slot opens on {Formats.Date(DateOnly.FromDateTime(local))} at {local:HH:mm}.")),
                OpensAt: SiteClock.Offset(opens, zone));
        }
        if (slot.Closed)
            return new(Outcome<BookingView>.Conflict(Lang.T("Slot ini ditutup.", "This slot is closed.")), NextSlots: await NextSlotsAsync(slot, site, ct));
        return null;
    }

    internal Booking New(Slot slot, string name, string phone, string? nik, Guid? userId) => new()
    {
        Code = NewCode(), SlotId = slot.Id, SiteId = slot.SiteId, ServiceId = slot.ServiceId, Day = slot.Day, StartUtc = slot.StartUtc,
        Name = name, Phone = phone, Nik = nik, UserId = userId, Status = BookingStatus.Active,
        PhoneKey = Booking.PersonKey(protector, slot.ServiceId, slot.Day, "p" + phone),
        NikKey = nik is null ? null : Booking.PersonKey(protector, slot.ServiceId, slot.Day, "n" + nik),
    };

    /// <summary>Inside the caller's transaction: takes a place and inserts the booking, or says why not (the caller rolls back).</summary>
    internal async Task<BookingAttempt?> PlaceAsync(Booking booking, Slot slot, Site site, CancellationToken ct)
    {
        booking.CreatedUtc = clock.GetUtcNow().UtcDateTime;
        var taken = await db.Slots
            .Where(s => s.Id == slot.Id && s.Booked < s.Capacity && !s.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), ct);
        if (taken == 0) return Full(await NextSlotsAsync(slot, site, ct, full: true));
        db.Bookings.Add(booking);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            db.ChangeTracker.Clear();
            if (UniqueViolation.On<Booking>(db, e, nameof(Booking.Code)))
            {
                booking.Code = NewCode();
                throw new DbRetry.RetryableUniqueException(e);
            }
            return Duplicate(await NextSlotsAsync(slot, site, ct, otherDaysOnly: true));
        }
        return null;
    }

    private static BookingAttempt Duplicate(IReadOnlyList<SlotView> next) =>
        new(Outcome<BookingView>.Conflict(Lang.T(
                "Sudah ada pemesanan aktif atas nomor HP atau NIK ini untuk layanan yang sama pada hari itu. Batalkan atau pindahkan pemesanan itu, atau pilih hari lain.",
                "There is already an active booking with this phone number or NIK for the same service on that day. Cancel or move it, or choose another day.")),
            NextSlots: next);


    private static BookingAttempt Full(IReadOnlyList<SlotView> next) =>
        new(Outcome<BookingView>.Conflict(Lang.T("Slot ini sudah penuh.", "This slot is full.")), NextSlots: next);

    /// <summary>
    /// The next slots of the same service and site that are open for booking and have places left. The common
    /// suggestion (any day) is read at most every few seconds per node (<see cref="QueueCache.OpenSlotsAsync"/>): a
    /// refusal in a rush should not cost a query; the places it shows may be a moment old.
    /// </summary>
    public async Task<IReadOnlyList<SlotView>> NextSlotsAsync(Slot slot, Site site, CancellationToken ct, bool otherDaysOnly = false, bool full = false)
    {
        // The database just found the slot full: remember it (and forget suggestions that may still list it).
        if (full) cache.RememberFull(slot);
        var now = clock.GetUtcNow().UtcDateTime;
        var take = options.Value.SuggestedSlots;
        IReadOnlyList<Slot> found;
        if (otherDaysOnly)
            found = await OpenSlots(slot.SiteId, slot.ServiceId, site, now).Where(s => s.Id != slot.Id && s.Day != slot.Day).Take(take).ToListAsync(ct);
        else
            found = (await cache.OpenSlotsAsync(async () => await OpenSlots(slot.SiteId, slot.ServiceId, site, now).Take(take + 1).ToListAsync(ct), slot.SiteId, slot.ServiceId))
                .Where(s => s.Id != slot.Id && s.StartUtc > now).Take(take).ToList();
        return found.Select(s => SlotViewOf(s, site.Zone)).ToList();
    }

    private IQueryable<Slot> OpenSlots(Guid siteId, Guid serviceId, Site site, DateTime now)
    {
        var lastOpenDay = SiteClock.Today(now, site.Zone).AddDays(options.Value.BookingOpensDaysAhead
            - (SiteClock.ToLocal(now, site.Zone).Hour < options.Value.BookingOpensHour ? 1 : 0));
        return db.Slots.AsNoTracking()
            .Where(s => s.SiteId == siteId && s.ServiceId == serviceId && !s.Closed && s.StartUtc > now && s.Booked < s.Capacity && s.Day <= lastOpenDay)
            .OrderBy(s => s.StartUtc);
    }

    public static SlotView SlotViewOf(Slot s, TimeZoneInfo zone) =>
        new(s.Id, s.ServiceId, SiteClock.Offset(s.StartUtc, zone), SiteClock.Offset(s.EndUtc, zone), s.Capacity, Math.Max(0, s.Capacity - s.Booked));

    /// <summary>
    /// What anyone holding the code sees: the booking with the person's name, phone and NIK masked
    /// (<see cref="NameMask"/>); a code is a bearer secret printed and passed around, not proof of identity.
    /// </summary>
    public static BookingView View(Booking b, Slot slot, Site site) =>
        new(b.Code, b.SlotId, b.SiteId, b.ServiceId, SiteClock.Offset(slot.StartUtc, site.Zone), SiteClock.Offset(slot.EndUtc, site.Zone),
            NameMask.Mask(b.Name), NameMask.Phone(b.Phone)!, NameMask.Nik(b.Nik), BookingCodes.Status(b.Status));

    internal static string NewCode()
    {
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(code);
    }
}
