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
public sealed class BookSlot(SatuAtapDb db, TimeProvider clock, IOptions<QueueOptions> options)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<BookingAttempt> ExecuteAsync(BookSlotRequest request, Guid? userId, CancellationToken ct)
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

        var slot = await db.Slots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.SlotId, ct);
        if (slot is null) return new(Outcome<BookingView>.NotFound(Lang.T("Slot tidak ditemukan.", "Slot not found.")));
        var site = await db.QueueSites.AsNoTracking().FirstAsync(s => s.Id == slot.SiteId, ct);
        var check = await CheckBookableAsync(slot, site, ct);
        if (check is not null) return check;
        // Already full when read: refuse without a write transaction (in a rush most clients arrive after the
        // places are gone). A slot read with places left still goes through the conditional update, which decides.
        if (slot.Booked >= slot.Capacity) return Full(await NextSlotsAsync(slot, site, ct));

        var booking = New(slot, request.Name!.Trim(), phone!, nik, userId);
        var attempt = await DbRetry.RunAsync(db, async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var refused = await PlaceAsync(booking, slot, site, c);
            if (refused is not null) { await tx.RollbackAsync(c); return refused; }
            await tx.CommitAsync(c);
            return null;
        }, ct);
        return attempt ?? new(Outcome<BookingView>.Created(View(booking, slot, site)));
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

    internal static Booking New(Slot slot, string name, string phone, string? nik, Guid? userId) => new()
    {
        Code = NewCode(), SlotId = slot.Id, SiteId = slot.SiteId, ServiceId = slot.ServiceId, Day = slot.Day, StartUtc = slot.StartUtc,
        Name = name, Phone = phone, Nik = nik, UserId = userId, Status = BookingStatus.Active,
        PhoneKey = Booking.PersonKey(slot.ServiceId, slot.Day, "p" + phone),
        NikKey = nik is null ? null : Booking.PersonKey(slot.ServiceId, slot.Day, "n" + nik),
    };

    /// <summary>Inside the caller's transaction: takes a place and inserts the booking, or says why not (the caller rolls back).</summary>
    internal async Task<BookingAttempt?> PlaceAsync(Booking booking, Slot slot, Site site, CancellationToken ct)
    {
        booking.CreatedUtc = clock.GetUtcNow().UtcDateTime;
        var taken = await db.Slots
            .Where(s => s.Id == slot.Id && s.Booked < s.Capacity && !s.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), ct);
        if (taken == 0) return Full(await NextSlotsAsync(slot, site, ct));
        db.Bookings.Add(booking);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbRetry.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            if (e.InnerException?.Message.Contains("Code", StringComparison.Ordinal) == true)
            {
                booking.Code = NewCode();
                throw new DbRetry.RetryableUniqueException(e);
            }
            return new(Outcome<BookingView>.Conflict(Lang.T(
                    "Sudah ada pemesanan aktif atas nomor HP atau NIK ini untuk layanan yang sama pada hari itu. Batalkan atau pindahkan pemesanan itu, atau pilih hari lain.",
                    "There is already an active booking with this phone number or NIK for the same service on that day. Cancel or move it, or choose another day.")),
                NextSlots: await NextSlotsAsync(slot, site, ct, otherDaysOnly: true));
        }
        return null;
    }

    private static BookingAttempt Full(IReadOnlyList<SlotView> next) =>
        new(Outcome<BookingView>.Conflict(Lang.T("Slot ini sudah penuh.", "This slot is full.")), NextSlots: next);

    /// <summary>The next slots of the same service and site that are open for booking and have places left.</summary>
    public async Task<IReadOnlyList<SlotView>> NextSlotsAsync(Slot slot, Site site, CancellationToken ct, bool otherDaysOnly = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lastOpenDay = SiteClock.Today(now, site.Zone).AddDays(options.Value.BookingOpensDaysAhead
            - (SiteClock.ToLocal(now, site.Zone).Hour < options.Value.BookingOpensHour ? 1 : 0));
        var query = db.Slots.AsNoTracking()
            .Where(s => s.SiteId == slot.SiteId && s.ServiceId == slot.ServiceId && s.Id != slot.Id && !s.Closed
                        && s.StartUtc > now && s.Booked < s.Capacity && s.Day <= lastOpenDay);
        if (otherDaysOnly) query = query.Where(s => s.Day != slot.Day);
        var found = await query.OrderBy(s => s.StartUtc).Take(options.Value.SuggestedSlots).ToListAsync(ct);
        return found.Select(s => SlotViewOf(s, site.Zone)).ToList();
    }

    public static SlotView SlotViewOf(Slot s, TimeZoneInfo zone) =>
        new(s.Id, s.ServiceId, SiteClock.Offset(s.StartUtc, zone), SiteClock.Offset(s.EndUtc, zone), s.Capacity, Math.Max(0, s.Capacity - s.Booked));

    public static BookingView View(Booking b, Slot slot, Site site) =>
        new(b.Code, b.SlotId, b.SiteId, b.ServiceId, SiteClock.Offset(slot.StartUtc, site.Zone), SiteClock.Offset(slot.EndUtc, site.Zone),
            b.Name, b.Phone, b.Nik, BookingCodes.Status(b.Status));

    private static string NewCode()
    {
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(code);
    }
}
