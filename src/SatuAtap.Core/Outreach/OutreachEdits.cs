using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

public sealed record StopRequest(string? Code, string? Name, string? DistrictCode, string? Address, double? Latitude, double? Longitude,
    string? Facilities, double? RoadDistanceKm, int? TravelMinutes);

public sealed record UnitRequest(string? Name, string? Vehicle, string? Crew);

public sealed record UnitView(Guid Id, string Name, string Vehicle, string Crew);

/// <summary>The managers' screen of stops and units: create and change them. A new stop gets its Queue site at once.</summary>
public sealed class OutreachEdits(SatuAtapDb db, OutreachReads reads, QueueCache queue)
{
    public async Task<IReadOnlyList<UnitView>> UnitsAsync(CancellationToken ct) =>
        await db.OutreachUnits.AsNoTracking().OrderBy(u => u.Name).Select(u => new UnitView(u.Id, u.Name, u.Vehicle, u.Crew)).ToListAsync(ct);

    public async Task<Outcome<UnitView>> SaveUnitAsync(Guid? id, UnitRequest r, Caller caller, CancellationToken ct)
    {
        if (!caller.IsManager) return Outcome<UnitView>.Forbidden();
        var errors = new FieldErrors();
        errors.Required("name", r.Name?.Trim(), 200);
        errors.Optional("vehicle", r.Vehicle, 200);
        errors.Optional("crew", r.Crew, 1000);
        if (errors.Any) return Outcome<UnitView>.Invalid(errors.ToDictionary());
        OutreachUnit? unit;
        if (id is { } existing)
        {
            unit = await db.OutreachUnits.FirstOrDefaultAsync(u => u.Id == existing, ct);
            if (unit is null) return Outcome<UnitView>.NotFound(Lang.T("Unit MPP keliling tidak ditemukan.", "Unit not found."));
            unit.Name = r.Name!.Trim();
        }
        else
        {
            unit = new OutreachUnit { Name = r.Name!.Trim() };
            db.OutreachUnits.Add(unit);
        }
        unit.Vehicle = r.Vehicle?.Trim() ?? "";
        unit.Crew = r.Crew?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        var view = new UnitView(unit.Id, unit.Name, unit.Vehicle, unit.Crew);
        return id is null ? Outcome<UnitView>.Created(view) : Outcome<UnitView>.Ok(view);
    }

    public async Task<Outcome<StopView>> SaveStopAsync(Guid? id, StopRequest r, Caller caller, CancellationToken ct)
    {
        if (!caller.IsManager) return Outcome<StopView>.Forbidden();
        var errors = new FieldErrors();
        errors.Required("name", r.Name?.Trim(), 200);
        errors.Required("address", r.Address?.Trim(), 500);
        errors.Optional("facilities", r.Facilities, 1000);
        if (id is null)
        {
            errors.Required("code", r.Code?.Trim(), 32);
            if (r.Code is { } c && !System.Text.RegularExpressions.Regex.IsMatch(c.Trim(), "^[A-Za-z0-9-]{1,32}$"))
                errors.Add("code", Lang.T("Hanya huruf, angka dan tanda hubung.", "Letters, digits and hyphens only."));
        }
        if (r.Latitude is { } lat && (lat is < -90 or > 90 || double.IsNaN(lat))) errors.Add("latitude", Lang.T("Lintang -90 sampai 90.", "Latitude -90 to 90."));
        if (r.Longitude is { } lon && (lon is < -180 or > 180 || double.IsNaN(lon))) errors.Add("longitude", Lang.T("Bujur -180 sampai 180.", "Longitude -180 to 180."));
        if (r.Latitude is null != r.Longitude is null) errors.Add("longitude", Lang.T("Isi lintang dan bujur bersama.", "Give latitude and longitude together."));
        if (r.RoadDistanceKm is { } km && (km is < 0 or > 2000 || double.IsNaN(km))) errors.Add("roadDistanceKm", Lang.T("Jarak 0 sampai 2000 km.", "Distance 0 to 2000 km."));
        if (r.TravelMinutes is < 0 or > 2880) errors.Add("travelMinutes", Lang.T("Waktu tempuh 0 sampai 2880 menit.", "Travel time 0 to 2880 minutes."));
        if (!string.IsNullOrWhiteSpace(r.DistrictCode) && !await db.Districts.AnyAsync(d => d.Code == r.DistrictCode, ct))
            errors.Add("districtCode", Lang.T("Kecamatan tidak dikenal.", "Unknown district."));
        if (errors.Any) return Outcome<StopView>.Invalid(errors.ToDictionary());
        MobileStop? stop;
        if (id is { } existing)
        {
            stop = await db.MobileStops.FirstOrDefaultAsync(s => s.Id == existing, ct);
            if (stop is null) return Outcome<StopView>.NotFound(Lang.T("Lokasi MPP keliling tidak ditemukan.", "Stop not found."));
        }
        else
        {
            var code = r.Code!.Trim().ToUpperInvariant();
            if (await db.MobileStops.AnyAsync(s => s.Code == code, ct))
                return Outcome<StopView>.Conflict(Lang.T("Kode lokasi ini sudah dipakai.", "This stop code is taken."));
            stop = new MobileStop { Code = code, Name = r.Name!.Trim() };
            db.MobileStops.Add(stop);
            var zone = await db.Malls.AsNoTracking().Select(m => m.TimeZone).FirstOrDefaultAsync(ct) ?? "Asia/Jakarta";
            db.QueueSites.Add(new Site { Name = $"MPP Keliling {stop.Name}", Kind = SiteKind.Mobile, MobileStopId = stop.Id, TimeZone = zone });
        }
        stop.Name = r.Name!.Trim();
        stop.Address = r.Address!.Trim();
        stop.DistrictCode = r.DistrictCode?.Trim() ?? stop.DistrictCode;
        stop.Latitude = r.Latitude;
        stop.Longitude = r.Longitude;
        stop.Facilities = r.Facilities?.Trim() ?? "";
        stop.RoadDistanceKm = r.RoadDistanceKm ?? stop.RoadDistanceKm;
        stop.TravelMinutes = r.TravelMinutes ?? stop.TravelMinutes;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Outcome<StopView>.Conflict(Lang.T("Kode lokasi ini sudah dipakai.", "This stop code is taken."));
        }
        queue.Invalidate();
        reads.ScheduleChanged();
        var view = (await reads.StopAsync(stop.Id, ct))!;
        return id is null ? Outcome<StopView>.Created(view) : Outcome<StopView>.Ok(view);
    }
}
