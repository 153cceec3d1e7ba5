using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

public sealed record IssueTicketRequest(Guid? ServiceId, string? BookingCode, bool? Priority);

/// <summary>The answer to a ticket request; <see cref="OpensAt"/> (site time) with a refusal because the site is closed
/// or the booking's check-in has not opened yet.</summary>
public sealed record TicketAttempt(Outcome<TicketView> Outcome, DateTimeOffset? OpensAt = null);

/// <summary>
/// Issues the next number of the service's series at a site (walk-in, or check-in with a booking code). The number
/// comes from the sequence row of (site, series, day), raised by an atomic update whose row lock (PostgreSQL) or
/// write lock (SQLite) serializes concurrent issuers: unique and without gaps. The write goes through the
/// <see cref="TicketBatcher"/>, which numbers the tickets that arrive together in one transaction.
/// A booking is checked in only from <see cref="QueueOptions.CheckInMinutesBefore"/> before its slot; a walk-in gets a
/// number only while the site is open (<see cref="SiteOpening"/>), unless <see cref="QueueOptions.EnforceOpeningHours"/> is off.
/// </summary>
public sealed class IssueTicket(SatuAtapDb db, CatalogCache catalog, QueueCache cache, TimeProvider clock, QueueReads reads, TicketBatcher batcher, MallMetrics metrics,
    SiteOpening opening, IOptions<QueueOptions> options, IEnumerable<ISiteOffer> offers)
{
    public async Task<TicketAttempt> HandleAsync(Guid siteId, IssueTicketRequest request, bool byStaff, string actor, CancellationToken ct)
    {
        var site = await cache.SiteAsync(siteId, ct);
        if (site is null) return new(Outcome<TicketView>.NotFound(Lang.T("Lokasi tidak ditemukan.", "Site not found.")));
        var now = clock.GetUtcNow().UtcDateTime;
        var today = SiteClock.Today(now, site.Zone);
        Booking? booking = null;
        Guid serviceId;
        if (!string.IsNullOrWhiteSpace(request.BookingCode))
        {
            var code = CancelBooking.Normalize(request.BookingCode);
            booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Code == code, ct);
            if (booking is null) return new(Outcome<TicketView>.NotFound(Lang.T("Kode pemesanan tidak ditemukan.", "Booking code not found.")));
            if (booking.SiteId != siteId)
                return new(QueueOutcome.Unprocessable<TicketView>(Lang.T("Pemesanan ini untuk lokasi lain.", "This booking is for another site.")));
            if (booking.Status != BookingStatus.Active)
                return new(Outcome<TicketView>.Conflict(booking.Status == BookingStatus.CheckedIn
                    ? Lang.T("Pemesanan ini sudah dipakai untuk mengambil nomor antrian.", "This booking has already been checked in.")
                    : Lang.T("Pemesanan ini sudah dibatalkan.", "This booking was cancelled.")));
            if (booking.Day != today)
                return new(QueueOutcome.Unprocessable<TicketView>(Lang.T($"Pemesanan ini untuk tanggal {Formats.Date(booking.Day)}.",
                    $"This booking is for {Formats.Date(booking.Day)}.")));
            var checkInOpens = OpeningHours.CheckInOpensUtc(booking.StartUtc, options.Value.CheckInMinutesBefore);
            if (now < checkInOpens)
                return Closed(Lang.T($"Pemesanan ini baru dapat ditukar dengan nomor antrian mulai {OpeningHours.Describe(checkInOpens, site)}.",
                    $"This booking can be checked in from {OpeningHours.Describe(checkInOpens, site)}."), checkInOpens, site);
            serviceId = booking.ServiceId;
        }
        else if (request.ServiceId is { } s) serviceId = s;
        else return new(Outcome<TicketView>.Invalid("serviceId", Lang.T("Pilih layanan atau masukkan kode pemesanan.", "Choose a service or enter a booking code.")));

        var snapshot = await catalog.GetAsync(ct);
        if (!snapshot.ServicesById.TryGetValue(serviceId, out var service))
            return new(Outcome<TicketView>.NotFound(Lang.T("Layanan tidak ditemukan.", "Service not found.")));
        if (booking is null && options.Value.EnforceOpeningHours && await opening.CheckAsync(site, ct) is { Open: false } shut)
            return shut.NextOpensUtc is { } opens
                ? Closed(Lang.T($"{site.Name} sedang tutup. Buka lagi {OpeningHours.Describe(opens, site)}.",
                    $"{site.Name} is closed. It opens again {OpeningHours.Describe(opens, site)}."), opens, site)
                : new(Outcome<TicketView>.Conflict(Lang.T($"{site.Name} sedang tutup; belum ada jadwal buka berikutnya.",
                    $"{site.Name} is closed; no next opening is scheduled yet.")));
        var counters = await cache.CountersServingAsync(siteId, service, ct);
        if (counters == 0)
            return new(QueueOutcome.Unprocessable<TicketView>(Lang.T("Layanan ini tidak dilayani di lokasi ini.", "This service is not served at this site.")));
        // As the kiosk shows it: at the building, with the hours enforced, a walk-in needs a counter whose agreement
        // staffs it on today's weekday (or names no days); a booking is checked in whatever the day.
        if (booking is null && site.Kind == SiteKind.Building && options.Value.EnforceOpeningHours
            && await cache.CountersServingAsync(siteId, service, ct, today.DayOfWeek) == 0)
            return new(Outcome<TicketView>.Conflict(Lang.T(
                $"Layanan ini tidak dilayani di {site.Name} pada hari {Formats.Weekday(today.DayOfWeek)}; lihat hari layanan loketnya di halaman layanan.",
                $"This service is not served at {site.Name} on {Formats.Weekday(today.DayOfWeek)}; see its counter's days on the service's page.")));
        foreach (var offer in offers)
            if (await offer.RefusalAsync(site, serviceId, today, ct) is { } refusal)
                return new(QueueOutcome.Unprocessable<TicketView>(refusal));
        var series = await SeriesOfAsync(service.Agency.Id, ct);

        var ticket = new Ticket
        {
            SiteId = siteId, ServiceId = serviceId, Series = series, Day = today, Status = TicketStatus.Waiting,
            Priority = byStaff && request.Priority == true, BookingId = booking?.Id, DueUtc = booking?.StartUtc, ArrivedUtc = now,
        };
        var issued = await batcher.IssueAsync(ticket, booking?.Id, actor, ct);
        if (issued.Refusal is not null) return new(Outcome<TicketView>.Conflict(issued.Refusal));
        metrics.TicketIssued(service.Code, service.Agency.Code, booking is not null);
        // Answered from the ticket just written, not read back; a walk-in's place in line was counted by the batch.
        return new(Outcome<TicketView>.Created(await reads.ViewAsync(ticket, site, counters, ct, issued.Ahead)));
    }

    private static TicketAttempt Closed(string message, DateTime opensUtc, Site site) =>
        new(Outcome<TicketView>.Conflict(message), SiteClock.Offset(opensUtc, site.Zone));

    /// <summary>The agency's letter; the first ticket of an agency without one takes the next free letter.</summary>
    private async Task<string> SeriesOfAsync(Guid agencyId, CancellationToken ct)
    {
        if (cache.Letter(agencyId) is { } known) return known;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var letter = await db.QueueSeries.AsNoTracking().Where(s => s.AgencyId == agencyId).Select(s => s.Letter).FirstOrDefaultAsync(ct);
            if (letter is not null)
            {
                cache.RememberLetter(agencyId, letter);
                return letter;
            }
            var used = await db.QueueSeries.AsNoTracking().Select(s => s.Letter).ToListAsync(ct);
            var free = Letters().FirstOrDefault(l => !used.Contains(l)) ?? "Z";
            db.QueueSeries.Add(new QueueSeries { AgencyId = agencyId, Letter = free });
            try
            {
                await db.SaveChangesAsync(ct);
                cache.RememberLetter(agencyId, free);
                return free;
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                db.ChangeTracker.Clear();
            }
        }
        throw new InvalidOperationException("No ticket series could be given to the agency.");
    }

    private static IEnumerable<string> Letters()
    {
        for (var c = 'A'; c <= 'Z'; c++) yield return c.ToString();
        for (var c = 'A'; c <= 'Z'; c++) yield return "Z" + c;
    }
}
