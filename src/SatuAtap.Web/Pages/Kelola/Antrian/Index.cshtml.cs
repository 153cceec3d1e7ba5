using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Queue;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Antrian;

/// <summary>The officer picks a counter of their agency; managers see every counter and the slot pages.</summary>
public sealed class IndexModel(SatuAtapDb db, QueueStats stats, MallTime time) : PageModel
{
    public sealed record CounterLink(Guid Id, string Name, string Site, string Agency);

    public List<CounterLink> Counters { get; private set; } = [];
    public bool IsManager { get; private set; }
    /// <summary>Officers and managers work counters; an executive sees the figures only.</summary>
    public bool WorksCounters { get; private set; }
    public QueueStatsView Stats { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var staff = HttpContext.Caller();
        IsManager = staff.IsManager;
        WorksCounters = staff.IsAgencyStaff || staff.IsManager;
        var placed = await (from sc in db.SiteCounters
                            join c in db.Counters on sc.CounterId equals c.Id
                            join s in db.QueueSites on sc.SiteId equals s.Id
                            join a in db.Agencies on c.AgencyId equals a.Id
                            select new { c.Id, c.Code, c.Name, c.AgencyId, Site = s.Name, Agency = a.Name }).ToListAsync(ct);
        Counters = placed.Where(c => staff.MayActFor(c.AgencyId)).OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new CounterLink(c.Id, c.Name, c.Site, c.Agency)).ToList();
        var seesAll = staff.SeesWholeMall;
        Stats = await stats.HandleAsync(null, time.Today, time.Today, seesAll ? null : staff.AgencyId ?? Guid.Empty, ct);
    }
}
