using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>
/// The demo: the mall building as a site with every counter, a mobile site per stop (where the Outreach module's
/// visits put their slots), a ticket letter per agency, and booking slots for the coming two weeks.
/// Seeded only when the queue has no site yet.
/// </summary>
public static class QueueDemo
{
    public const string BuildingName = "MPP Kabupaten Sukabumi";

    /// <summary>The building's demo hours: Monday–Thursday 08.00–15.00, Friday 08.00–14.30 (the demo agreements staff
    /// the counters on weekdays); closed at the weekend and on the holiday calendar's days off.</summary>
    public static List<SiteHours> BuildingHours() =>
    [
        .. Enumerable.Range(1, 4).Select(d => new SiteHours { Weekday = d, Opens = new TimeOnly(8, 0), Closes = new TimeOnly(15, 0) }),
        new SiteHours { Weekday = 5, Opens = new TimeOnly(8, 0), Closes = new TimeOnly(14, 30) },
    ];

    public static async Task<bool> SeedAsync(SatuAtapDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.QueueSites.AnyAsync(ct))
        {
            // A demo seeded before sites had hours: the building gets the demo hours once.
            var existing = await db.QueueSites.FirstOrDefaultAsync(s => s.Name == BuildingName && s.Kind == SiteKind.Building, ct);
            if (existing is null || existing.Hours.Count > 0) return false;
            existing.Hours = BuildingHours();
            await db.SaveChangesAsync(ct);
            return false;
        }
        var building = new Site { Name = BuildingName, Kind = SiteKind.Building, TimeZone = "Asia/Jakarta", Hours = BuildingHours() };
        db.QueueSites.Add(building);
        foreach (var stop in await db.MobileStops.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct))
            db.QueueSites.Add(new Site { Name = $"MPP Keliling {stop.Name}", Kind = SiteKind.Mobile, TimeZone = "Asia/Jakarta", MobileStopId = stop.Id });
        foreach (var counter in await db.Counters.AsNoTracking().Select(c => c.Id).ToListAsync(ct))
            db.SiteCounters.Add(new SiteCounter { CounterId = counter, SiteId = building.Id });
        var agencies = await db.Agencies.AsNoTracking().ToListAsync(ct);
        var order = new[] { "DUKCAPIL", "DPMPTSP", "POLRES", "SAMSAT", "BAPENDA" };
        var letter = 'A';
        foreach (var a in agencies.OrderBy(a => Array.IndexOf(order, a.Code) is var i && i >= 0 ? i : 100).ThenBy(a => a.Code, StringComparer.Ordinal))
            if (letter <= 'Z') db.QueueSeries.Add(new QueueSeries { AgencyId = a.Id, Letter = (letter++).ToString() });
        await db.SaveChangesAsync(ct);

        // Booking slots for the most asked-for services: 08.00–12.00 in hourly windows of 10 places, working days.
        var zone = building.Zone;
        var today = SiteClock.Today(clock.GetUtcNow().UtcDateTime, zone);
        var services = await db.Services.AsNoTracking().Where(s => new[] { "DKP-KTP", "DKP-KK", "DKP-AKTA-LAHIR", "PTSP-NIB", "PTSP-LINKSATU", "POL-SKCK", "SAM-PKB" }.Contains(s.Code))
            .Select(s => s.Id).ToListAsync(ct);
        for (var day = today; day <= today.AddDays(14); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            foreach (var service in services)
                for (var hour = 8; hour < 12; hour++)
                    db.Slots.Add(new Slot
                    {
                        SiteId = building.Id, ServiceId = service, Day = day, Capacity = 10,
                        StartUtc = SiteClock.ToUtc(day.ToDateTime(new TimeOnly(hour, 0)), zone),
                        EndUtc = SiteClock.ToUtc(day.ToDateTime(new TimeOnly(hour + 1, 0)), zone),
                    });
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}
