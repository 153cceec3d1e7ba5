using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

public sealed record VisitServiceRequest(Guid? ServiceId, int? Quota);

/// <summary>
/// What creating, planning and moving visits check against the database: the stop and its Queue site, the unit's other
/// visits, the holiday calendar, and the travelling agreements. A service travels with the unit on a day when it is
/// offered on the mobile unit (the Catalog's channel "mobile") and an agreement in force on that day covers it.
/// </summary>
public sealed class VisitPlanning(SatuAtapDb db, CatalogCache catalog, PlanSlots slots, ScheduleCache schedule, TimeProvider clock)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<(MobileStop Stop, Site Site)?> StopAsync(Guid stopId, CancellationToken ct)
    {
        var stop = await db.MobileStops.AsNoTracking().FirstOrDefaultAsync(s => s.Id == stopId, ct);
        if (stop is null) return null;
        var site = await db.QueueSites.AsNoTracking().Where(s => s.MobileStopId == stopId && s.Kind == SiteKind.Mobile).OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (site is null)
        {
            // A stop made before its site: the Queue site where its visits' slots, tickets and board live.
            site = new Site { Name = $"MPP Keliling {stop.Name}", Kind = SiteKind.Mobile, MobileStopId = stop.Id, TimeZone = await MallZoneAsync(ct) };
            db.QueueSites.Add(site);
            await db.SaveChangesAsync(ct);
            schedule.Invalidate();
        }
        return (stop, site);
    }

    private async Task<string> MallZoneAsync(CancellationToken ct) =>
        await db.Malls.AsNoTracking().Select(m => m.TimeZone).FirstOrDefaultAsync(ct) ?? "Asia/Jakarta";

    public async Task<OutreachUnit?> UnitAsync(Guid unitId, CancellationToken ct) =>
        await db.OutreachUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);

    /// <summary>Checks the list of services and quotas: at least one, no service twice, quotas 1 to the Queue's maximum capacity.</summary>
    public static void CheckServices(VisitServiceRequest[]? services, FieldErrors errors)
    {
        if (services is null || services.Length == 0)
        {
            errors.Add("services", Lang.T("Pilih paling sedikit satu layanan.", "Choose at least one service."));
            return;
        }
        for (var i = 0; i < services.Length; i++)
        {
            if (services[i]?.ServiceId is null) errors.Missing($"services[{i}].serviceId");
            if (services[i]?.Quota is not (>= 1 and <= PlanSlots.MaxCapacity))
                errors.Add($"services[{i}].quota", Lang.T($"Kuota harus 1 sampai {PlanSlots.MaxCapacity}.", $"The quota must be 1 to {PlanSlots.MaxCapacity}."));
        }
        if (services.Where(s => s?.ServiceId is not null).GroupBy(s => s.ServiceId).Any(g => g.Count() > 1))
            errors.Add("services", Lang.T("Sebuah layanan disebut lebih dari sekali.", "A service is listed more than once."));
    }

    /// <summary>Unknown services (404) by id.</summary>
    public async Task<Guid?> UnknownServiceAsync(IEnumerable<Guid> serviceIds, CancellationToken ct)
    {
        var snapshot = await catalog.GetAsync(ct);
        return serviceIds.Where(id => !snapshot.ServicesById.ContainsKey(id)).Cast<Guid?>().FirstOrDefault();
    }

    /// <summary>Why a service cannot travel on this day, or null when every one can.</summary>
    public async Task<string?> UntravelledAsync(IEnumerable<Guid> serviceIds, DateOnly day, CancellationToken ct)
    {
        var snapshot = await catalog.GetAsync(ct);
        var covered = (await db.Agreements.AsNoTracking().Where(a => a.ValidFrom <= day && a.ValidUntil >= day)
            .SelectMany(a => a.Services.Select(s => s.Id)).ToListAsync(ct)).ToHashSet();
        foreach (var id in serviceIds)
        {
            var service = snapshot.ServicesById[id];
            if (!service.Channels.HasFlag(ServiceChannels.Mobile))
                return Lang.T($"Layanan {service.DisplayName} tidak ditawarkan di MPP keliling.", $"The service {service.DisplayName} is not offered on the mobile unit.");
            if (!covered.Contains(id))
                return Lang.T($"Layanan {service.DisplayName} tidak dapat dibawa pada {Formats.Date(day)}: tidak ada perjanjian kerja sama yang berlaku pada tanggal itu yang mencakupnya.",
                    $"The service {service.DisplayName} cannot travel on {Formats.Date(day)}: no agreement in force on that date covers it.");
        }
        return null;
    }

    /// <summary>The days off (national holidays and collective leave) between two dates, with their names.</summary>
    public async Task<Dictionary<DateOnly, string>> DaysOffAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        (await db.Holidays.AsNoTracking().Where(h => h.Date >= from && h.Date <= to).Select(h => new { h.Date, h.Name }).ToListAsync(ct))
        .GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.First().Name);

    /// <summary>The unit's visits that are not cancelled, between two instants (but for one visit being moved).</summary>
    public async Task<List<(TimeSpanUtc Span, Guid StopId)>> UnitVisitsAsync(Guid unitId, DateTime fromUtc, DateTime toUtc, Guid? except, CancellationToken ct) =>
        (await db.OutreachVisits.AsNoTracking()
            .Where(v => v.UnitId == unitId && v.Status != VisitStatus.Cancelled && v.EndUtc > fromUtc && v.StartUtc < toUtc && v.Id != except)
            .Select(v => new { v.StartUtc, v.EndUtc, v.StopId }).ToListAsync(ct))
        .Select(v => (new TimeSpanUtc(v.StartUtc, v.EndUtc), v.StopId)).ToList();

    public async Task<string> ClashMessageAsync(OutreachUnit unit, TimeSpanUtc clash, Guid stopId, TimeZoneInfo zone, CancellationToken ct)
    {
        var stop = await db.MobileStops.AsNoTracking().Where(s => s.Id == stopId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "";
        var from = SiteClock.ToLocal(clash.StartUtc, zone);
        var to = SiteClock.ToLocal(clash.EndUtc, zone);
        return Lang.T($"Unit {unit.Name} sudah dijadwalkan di {stop} pada {Formats.Date(DateOnly.FromDateTime(from))} {from:HH.mm}–{to:HH.mm}; satu unit tidak dapat berada di dua tempat sekaligus.",
            $"The unit {unit.Name} is already at {stop} on {Formats.Date(DateOnly.FromDateTime(from))} {from:HH:mm}–{to:HH:mm}; a unit cannot be in two places at once.");
    }

    public static string HolidayMessage(DateOnly day, string name) => Lang.T(
        $"{Formats.Date(day)} adalah hari libur ({name}). Kunjungan pada hari libur harus dikonfirmasi pengelola (confirmHoliday).",
        $"{Formats.Date(day)} is a day off ({name}). A visit on a day off must be confirmed by a manager (confirmHoliday).");

    public static string PastMessage() => Lang.T("Kunjungan tidak dapat dijadwalkan pada waktu yang sudah lewat.", "A visit cannot be scheduled in the past.");

    /// <summary>
    /// Saves the visit with one Queue slot per service spanning the visit, made by the Queue's own slot planning, its
    /// capacity the service's quota: the Queue's booking rules then hold the quota.
    /// </summary>
    public async Task<Outcome<Visit>> SaveAsync(Visit visit, IReadOnlyList<(Guid ServiceId, int Quota)> services, TimeZoneInfo zone, CancellationToken ct)
    {
        var start = SiteClock.Offset(visit.StartUtc, zone).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var end = SiteClock.Offset(visit.EndUtc, zone).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (serviceId, quota) in services)
        {
            var slot = await slots.CreateAsync(visit.SiteId, new CreateSlotRequest(serviceId, start, end, quota), ct);
            if (!slot.Succeeded) return new Outcome<Visit>(slot.Kind, Message: slot.Message, Errors: slot.Errors);
            visit.Services.Add(new VisitService { VisitId = visit.Id, ServiceId = serviceId, Quota = quota, SlotId = slot.Value!.Id });
        }
        db.OutreachVisits.Add(visit);
        await db.SaveChangesAsync(ct);
        schedule.Invalidate();
        return Outcome<Visit>.Created(visit);
    }

    public static Outcome<T> Unprocessable<T>(string message) => new(OutcomeKind.Unprocessable, Message: message);
}
