using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Insights;

/// <summary>
/// The staffing advice of a period: the first-hop tickets of the filter read as arrivals and turned into the table of
/// <see cref="StaffingTable"/> for <c>Insights:TargetWaitMinutes</c>, with the counter that first called each ticket
/// (its <c>CounterId</c>, set at the first call) for the counters open. The same callers as the other insights; a head
/// sees the own agency only.
/// </summary>
public sealed class AdviseStaffing(SatuAtapDb db, KeepInsights keeper, MallTime time, IOptions<InsightsOptions> options)
{
    public async Task<Outcome<IReadOnlyList<StaffingRow>>> HandleAsync(InsightFilter filter, Caller caller, CancellationToken ct)
    {
        var scoped = InsightReads.Scope(filter, caller);
        if (!scoped.Succeeded) return new Outcome<IReadOnlyList<StaffingRow>>(scoped.Kind, Message: scoped.Message);
        var f = scoped.Value!;
        var context = await keeper.ContextAsync(ct);
        var agencyOf = context.Services.ToDictionary(kv => kv.Key, kv => kv.Value.AgencyId);
        var q = db.Tickets.AsNoTracking().Where(t => t.Day >= f.From && t.Day <= f.To && t.Hop == 0);
        if (f.SiteId is { } site) q = q.Where(t => t.SiteId == site);
        if (f.AgencyId is { } agency)
        {
            var services = agencyOf.Where(kv => kv.Value == agency).Select(kv => kv.Key).ToList();
            q = q.Where(t => services.Contains(t.ServiceId));
        }
        if (!string.IsNullOrEmpty(f.District))
        {
            var sites = context.Sites.Where(kv => kv.Value.District == f.District).Select(kv => kv.Key).ToList();
            q = q.Where(t => sites.Contains(t.SiteId));
        }
        var tickets = await q.Select(t => new { t.ServiceId, t.Day, t.ArrivedUtc, t.CalledUtc, t.StartedUtc, t.FinishedUtc, t.CounterId }).ToListAsync(ct);
        var arrivals = tickets.Select(t => new ArrivalRecord(agencyOf.GetValueOrDefault(t.ServiceId), t.Day, time.ToLocal(t.ArrivedUtc),
            t.CalledUtc is { } c ? Math.Max(0, (c - t.ArrivedUtc).TotalMinutes) : null,
            t.StartedUtc is { } s && t.FinishedUtc is { } e ? Math.Max(0, (e - s).TotalMinutes) : null,
            t.CounterId, t.CalledUtc is { } called ? time.ToLocal(called) : null));
        return Outcome<IReadOnlyList<StaffingRow>>.Ok(StaffingTable.Build(arrivals, options.Value.TargetWaitMinutes));
    }
}
