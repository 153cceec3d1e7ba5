using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Queue;

/// <summary>
/// Who may work at a site on a day beyond the counter's agency, given by a module that runs the site's days (the
/// mobile unit's visits at a mobile site: only the officers chosen for the day's visit). Without any, the counter's
/// agency alone decides, as at the building.
/// </summary>
public interface ISiteStaffing
{
    /// <summary>Why the staff member may not work at the site on the day (the message), or null when they may.</summary>
    ValueTask<string?> RefusalAsync(Site site, Caller staff, DateOnly day, CancellationToken ct);
}

/// <summary>
/// Where a staff member may work: at a counter placed at a site (call next, serve), and the site an application is
/// taken at. One rule for both: the site's <see cref="ISiteStaffing"/> limits apply on the site's today.
/// </summary>
public sealed class WorkSites(SatuAtapDb db, QueueReads reads, TimeProvider clock, IEnumerable<ISiteStaffing> staffing)
{
    /// <summary>Why the staff member may not work a counter at the site today (a 403's message), or null.</summary>
    public async Task<string?> CounterRefusalAsync(Site site, Caller staff, CancellationToken ct)
    {
        var today = SiteClock.Today(clock.GetUtcNow().UtcDateTime, site.Zone);
        foreach (var rule in staffing)
            if (await rule.RefusalAsync(site, staff, today, ct) is { } refusal) return refusal;
        return null;
    }

    /// <summary>
    /// The site an officer takes an application at: it exists, a counter of the officer's agency is placed there, and
    /// the site's limits of the day let the officer work there. NotFound for an unknown site; Unprocessable otherwise.
    /// </summary>
    public async Task<Outcome<Site>> CaptureSiteAsync(Guid siteId, Caller staff, CancellationToken ct)
    {
        var site = await reads.SiteAsync(siteId, ct);
        if (site is null) return Outcome<Site>.NotFound(Lang.T("Lokasi tidak ditemukan.", "Site not found."));
        var agencyCounter = staff.AgencyId is { } agency && await (from sc in db.SiteCounters
                                                                   join c in db.Counters on sc.CounterId equals c.Id
                                                                   where sc.SiteId == siteId && c.AgencyId == agency
                                                                   select sc).AnyAsync(ct);
        if (!agencyCounter)
            return QueueOutcome.Unprocessable<Site>(Lang.T("Instansi Anda tidak memiliki loket di lokasi ini.",
                "Your agency has no counter at this site."));
        if (await CounterRefusalAsync(site, staff, ct) is { } refusal) return QueueOutcome.Unprocessable<Site>(refusal);
        return Outcome<Site>.Ok(site);
    }
}
