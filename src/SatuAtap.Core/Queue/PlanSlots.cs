using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

public sealed record CreateSlotRequest(Guid? ServiceId, string? Start, string? End, int? Capacity);

/// <summary>
/// A slot plan: for one service at one site, the weekdays (ISO 1–7) and time windows (site time) with a capacity.
/// With <see cref="SkipHolidays"/> no slot is made on a day of the holiday list (national holiday or collective leave),
/// whatever its weekday.
/// </summary>
public sealed record SlotPlan(Guid ServiceId, DateOnly From, DateOnly To, int[] Weekdays, (TimeOnly Start, TimeOnly End)[] Windows, int Capacity, bool SkipHolidays = true);

/// <summary>Managers define slots: one ad-hoc slot, a plan over a range of days, or the closure of a slot.</summary>
public sealed class PlanSlots(SatuAtapDb db, CatalogCache catalog, QueueCache cache)
{
    public const int MaxCapacity = 10_000;

    public async Task<Outcome<SlotView>> CreateAsync(Guid siteId, CreateSlotRequest r, CancellationToken ct)
    {
        var site = await db.QueueSites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null) return Outcome<SlotView>.NotFound(Lang.T("Lokasi tidak ditemukan.", "Site not found."));
        var errors = new FieldErrors();
        var start = SiteClock.ParseInstant(r.Start, site.Zone);
        var end = SiteClock.ParseInstant(r.End, site.Zone);
        if (r.ServiceId is null) errors.Add("serviceId", Lang.T("Wajib diisi.", "Required."));
        if (start is null) errors.Add("start", Lang.T("Waktu mulai wajib diisi dalam format ISO 8601 (contoh 2026-12-01T08:00:00+07:00).", "The start is required in ISO 8601 (e.g. 2026-12-01T08:00:00+07:00)."));
        if (end is null) errors.Add("end", Lang.T("Waktu selesai wajib diisi dalam format ISO 8601.", "The end is required in ISO 8601."));
        if (r.Capacity is null or < 1 or > MaxCapacity) errors.Add("capacity", Lang.T($"Kapasitas harus 1 sampai {MaxCapacity}.", $"The capacity must be 1 to {MaxCapacity}."));
        if (start is not null && end is not null)
        {
            if (end <= start) errors.Add("end", Lang.T("Waktu selesai harus setelah waktu mulai.", "The end must be after the start."));
            else if (DateOnly.FromDateTime(SiteClock.ToLocal(start.Value, site.Zone)) != DateOnly.FromDateTime(SiteClock.ToLocal(end.Value.AddTicks(-1), site.Zone)))
                errors.Add("end", Lang.T("Slot harus berada dalam satu hari.", "A slot must lie within one day."));
        }
        if (errors.Any) return Outcome<SlotView>.Invalid(errors.ToDictionary());
        if (!(await catalog.GetAsync(ct)).ServicesById.ContainsKey(r.ServiceId!.Value))
            return Outcome<SlotView>.NotFound(Lang.T("Layanan tidak ditemukan.", "Service not found."));
        var slot = new Slot
        {
            SiteId = siteId, ServiceId = r.ServiceId.Value, StartUtc = start!.Value, EndUtc = end!.Value, Capacity = r.Capacity!.Value,
            Day = DateOnly.FromDateTime(SiteClock.ToLocal(start.Value, site.Zone)),
        };
        db.Slots.Add(slot);
        await db.SaveChangesAsync(ct);
        cache.SlotChanged(null);
        return Outcome<SlotView>.Created(BookSlot.SlotViewOf(slot, site.Zone));
    }

    /// <summary>Creates the plan's slots that do not exist yet (same service, site and start); returns how many.</summary>
    public async Task<Outcome<int>> ApplyAsync(Guid siteId, SlotPlan plan, CancellationToken ct)
    {
        var site = await db.QueueSites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null) return Outcome<int>.NotFound(Lang.T("Lokasi tidak ditemukan.", "Site not found."));
        var snapshot = await catalog.GetAsync(ct);
        if (!snapshot.ServicesById.ContainsKey(plan.ServiceId)) return Outcome<int>.NotFound(Lang.T("Layanan tidak ditemukan.", "Service not found."));
        var errors = new FieldErrors();
        if (plan.To < plan.From || plan.To.DayNumber - plan.From.DayNumber > 366) errors.Add("to", Lang.T("Rentang tanggal 1 sampai 366 hari.", "The range is 1 to 366 days."));
        if (plan.Capacity is < 1 or > MaxCapacity) errors.Add("capacity", Lang.T($"Kapasitas harus 1 sampai {MaxCapacity}.", $"The capacity must be 1 to {MaxCapacity}."));
        if (plan.Windows.Length == 0 || plan.Windows.Any(w => w.End <= w.Start)) errors.Add("windows", Lang.T("Setiap jendela waktu harus berakhir setelah mulai.", "Each window must end after it starts."));
        if (plan.Weekdays.Length == 0 || plan.Weekdays.Any(d => d is < 1 or > 7)) errors.Add("weekdays", Lang.T("Pilih hari 1 (Senin) sampai 7 (Minggu).", "Choose days 1 (Monday) to 7 (Sunday)."));
        if (errors.Any) return Outcome<int>.Invalid(errors.ToDictionary());
        var fromUtc = SiteClock.ToUtc(plan.From.ToDateTime(TimeOnly.MinValue), site.Zone);
        var toUtc = SiteClock.ToUtc(plan.To.AddDays(1).ToDateTime(TimeOnly.MinValue), site.Zone);
        var existing = (await db.Slots.Where(s => s.SiteId == siteId && s.ServiceId == plan.ServiceId && s.StartUtc >= fromUtc && s.StartUtc < toUtc)
            .Select(s => s.StartUtc).ToListAsync(ct)).ToHashSet();
        // The holiday list itself, not the working-day calendar: a plan may name Saturdays (the mall opens some), and a
        // national holiday or collective leave day on a Saturday or Sunday must be skipped as well as one on a weekday.
        var daysOff = plan.SkipHolidays
            ? (await db.Holidays.AsNoTracking().Where(h => h.Date >= plan.From && h.Date <= plan.To).Select(h => h.Date).ToListAsync(ct)).ToHashSet()
            : [];
        var created = 0;
        for (var day = plan.From; day <= plan.To; day = day.AddDays(1))
        {
            var iso = day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;
            if (!plan.Weekdays.Contains(iso)) continue;
            if (daysOff.Contains(day)) continue;
            foreach (var (start, end) in plan.Windows)
            {
                var s = SiteClock.ToUtc(day.ToDateTime(start), site.Zone);
                if (!existing.Add(s)) continue;
                db.Slots.Add(new Slot { SiteId = siteId, ServiceId = plan.ServiceId, Day = day, StartUtc = s, EndUtc = SiteClock.ToUtc(day.ToDateTime(end), site.Zone), Capacity = plan.Capacity });
                created++;
            }
        }
        await db.SaveChangesAsync(ct);
        cache.SlotChanged(null);
        return Outcome<int>.Ok(created);
    }

    public async Task<Outcome<bool>> SetClosedAsync(Guid slotId, bool closed, CancellationToken ct)
    {
        var n = await db.Slots.Where(s => s.Id == slotId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Closed, closed), ct);
        cache.SlotChanged(slotId);
        return n == 0 ? Outcome<bool>.NotFound(Lang.T("Slot tidak ditemukan.", "Slot not found.")) : Outcome<bool>.Ok(true);
    }

    /// <summary>Places a counter at a site (moving it from any other), or takes it away.</summary>
    public async Task<Outcome<bool>> PlaceCounterAsync(Guid counterId, Guid? siteId, CancellationToken ct)
    {
        if (!await db.Counters.AnyAsync(c => c.Id == counterId, ct)) return Outcome<bool>.NotFound(Lang.T("Loket tidak ditemukan.", "Counter not found."));
        if (siteId is { } s && !await db.QueueSites.AnyAsync(x => x.Id == s, ct)) return Outcome<bool>.NotFound(Lang.T("Lokasi tidak ditemukan.", "Site not found."));
        await db.SiteCounters.Where(c => c.CounterId == counterId).ExecuteDeleteAsync(ct);
        if (siteId is { } site)
        {
            db.SiteCounters.Add(new SiteCounter { CounterId = counterId, SiteId = site });
            await db.SaveChangesAsync(ct);
        }
        cache.Invalidate();
        return Outcome<bool>.Ok(true);
    }
}
