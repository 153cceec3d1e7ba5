using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

/// <summary>A visit of the day as the crew rule sees it: the agencies whose services it offers and the officers chosen.</summary>
public sealed record CrewVisit(Guid VisitId, IReadOnlyCollection<Guid> Agencies, IReadOnlyCollection<Guid> Officers);

/// <summary>
/// The rules of a visit's crew, pure: who may be chosen to travel with a visit, and who may work at a stop's site on
/// a day. A manager may always work there; an officer may on the day of a visit that offers their agency's services,
/// and, once the visit's officers are chosen, only when chosen (before any is chosen, the agency's officers work it
/// as at the building).
/// </summary>
public static class CrewRules
{
    /// <summary>Why the account cannot travel with a visit offering the agencies' services, or null when it can.</summary>
    public static string? ChoiceRefusal(string name, Guid? accountAgencyId, IReadOnlyCollection<Guid> visitAgencies)
    {
        if (accountAgencyId is not { } agency)
            return Lang.T($"{name} bukan petugas instansi: hanya petugas instansi yang dapat bertugas pada kunjungan.",
                $"{name} is not an agency's officer: only agencies' officers can travel with a visit.");
        if (!visitAgencies.Contains(agency))
            return Lang.T($"Instansi {name} tidak membawa layanan pada kunjungan ini.",
                $"{name}'s agency offers no service at this visit.");
        return null;
    }

    /// <summary>Why the staff member may not work at the stop's site on a day with these visits (not cancelled), or null.</summary>
    public static string? WorkRefusal(Caller staff, IReadOnlyList<CrewVisit> visitsOfTheDay)
    {
        if (staff.IsManager) return null;
        if (visitsOfTheDay.Count == 0)
            return Lang.T("Hari ini tidak ada kunjungan MPP keliling di lokasi ini.", "There is no mobile-unit visit at this site today.");
        var carrying = visitsOfTheDay.Where(v => staff.AgencyId is { } a && v.Agencies.Contains(a)).ToList();
        if (carrying.Count == 0)
            return Lang.T("Kunjungan hari ini tidak membawa layanan instansi Anda.", "Today's visit offers no service of your agency.");
        if (carrying.Any(v => v.Officers.Count == 0 || staff.UserId is { } me && v.Officers.Contains(me))) return null;
        return Lang.T("Anda tidak termasuk petugas yang dipilih untuk kunjungan hari ini.", "You are not one of the officers chosen for today's visit.");
    }
}

/// <summary>
/// At a mobile site, only the crew of the day's visit works the counters and takes applications
/// (<see cref="CrewRules.WorkRefusal"/>); other sites are not limited.
/// </summary>
public sealed class VisitCrew(SatuAtapDb db, ScheduleCache schedule, CatalogCache catalog) : ISiteStaffing
{
    public async ValueTask<string?> RefusalAsync(Site site, Caller staff, DateOnly day, CancellationToken ct)
    {
        if (site.Kind != SiteKind.Mobile || staff.IsManager) return null;
        var visits = (await schedule.GetAsync(ct)).Visits.Where(v => v.SiteId == site.Id && v.Day == day && v.Status != VisitStatus.Cancelled).ToList();
        return CrewRules.WorkRefusal(staff, await CrewAsync(visits, ct));
    }

    /// <summary>The visits as the crew rule sees them: their services' agencies and their chosen officers.</summary>
    internal async Task<IReadOnlyList<CrewVisit>> CrewAsync(IReadOnlyList<Visit> visits, CancellationToken ct)
    {
        if (visits.Count == 0) return [];
        var snapshot = await catalog.GetAsync(ct);
        var ids = visits.Select(v => v.Id).ToList();
        var officers = (await db.OutreachVisitOfficers.AsNoTracking().Where(o => ids.Contains(o.VisitId)).ToListAsync(ct))
            .ToLookup(o => o.VisitId, o => o.UserId);
        return visits.Select(v => new CrewVisit(v.Id, AgenciesOf(v, snapshot), officers[v.Id].ToHashSet())).ToList();
    }

    /// <summary>The agencies whose services the visit offers.</summary>
    internal static HashSet<Guid> AgenciesOf(Visit visit, CatalogSnapshot snapshot) =>
        visit.Services.Select(s => snapshot.ServicesById.GetValueOrDefault(s.ServiceId)?.Agency.Id).OfType<Guid>().ToHashSet();
}
