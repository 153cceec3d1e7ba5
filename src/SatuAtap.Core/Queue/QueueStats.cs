using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>Queue figures of a group of tickets: waiting and service times are measured from the recorded steps.</summary>
public sealed record QueueFigures(int Tickets, int Served, int NoShows, int Transferred, double? WaitMedianMinutes, double? WaitP90Minutes,
    double? ServiceMedianMinutes, double? ServiceP90Minutes, double? ServedWithinTargetShare);

public sealed record QueueFigureRow(string Key, string Name, QueueFigures Figures);

public sealed record QueueStatsView(DateOnly From, DateOnly To, int TargetWaitMinutes, QueueFigures Total,
    IReadOnlyList<QueueFigureRow> BySite, IReadOnlyList<QueueFigureRow> ByService, IReadOnlyList<QueueFigureRow> ByAgency, IReadOnlyList<QueueFigureRow> ByDay);

/// <summary>Tickets, served, no-shows, wait and service time (median, 90th percentile), share called within the target wait.</summary>
public sealed class QueueStats(SatuAtapDb db, CatalogCache catalog, IOptions<QueueOptions> options)
{
    public sealed record Row(Guid SiteId, Guid ServiceId, DateOnly Day, int Hop, TicketStatus Status, DateTime ArrivedUtc, DateTime? CalledUtc,
        DateTime? StartedUtc, DateTime? FinishedUtc);

    public async Task<QueueStatsView> HandleAsync(Guid? siteId, DateOnly from, DateOnly to, Guid? agencyId, CancellationToken ct)
    {
        var snapshot = await catalog.GetAsync(ct);
        var q = db.Tickets.AsNoTracking().Where(t => t.Day >= from && t.Day <= to);
        if (siteId is { } s) q = q.Where(t => t.SiteId == s);
        if (agencyId is { } a)
        {
            var services = snapshot.Services.Where(x => x.Agency.Id == a).Select(x => x.Id).ToList();
            q = q.Where(t => services.Contains(t.ServiceId));
        }
        var rows = await q.Select(t => new Row(t.SiteId, t.ServiceId, t.Day, t.Hop, t.Status, t.ArrivedUtc, t.CalledUtc, t.StartedUtc, t.FinishedUtc))
            .ToListAsync(ct);
        var sites = await db.QueueSites.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var target = options.Value.TargetWaitMinutes;
        string ServiceName(Guid id) => snapshot.ServicesById.TryGetValue(id, out var v) ? v.DisplayName : id.ToString();
        AgencyView? AgencyOf(Guid serviceId) => snapshot.ServicesById.GetValueOrDefault(serviceId)?.Agency;
        return new QueueStatsView(from, to, target, Compute(rows, target),
            rows.GroupBy(r => r.SiteId).Select(g => new QueueFigureRow(g.Key.ToString(), sites.GetValueOrDefault(g.Key, ""), Compute(g, target))).OrderBy(r => r.Name).ToList(),
            rows.GroupBy(r => r.ServiceId).Select(g => new QueueFigureRow(g.Key.ToString(), ServiceName(g.Key), Compute(g, target))).OrderBy(r => r.Name).ToList(),
            rows.GroupBy(r => AgencyOf(r.ServiceId)?.Id ?? Guid.Empty)
                .Select(g => new QueueFigureRow(g.Key.ToString(), AgencyOf(g.First().ServiceId)?.DisplayName ?? "", Compute(g, target))).OrderBy(r => r.Name).ToList(),
            rows.GroupBy(r => r.Day).OrderBy(g => g.Key)
                .Select(g => new QueueFigureRow(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Compute(g, target))).ToList());
    }

    /// <summary>
    /// People are counted once (the ticket as issued, hop 0); their wait is from arrival to the first call. Service
    /// time is from start to finish of every finished ticket, including those continued after a transfer.
    /// </summary>
    public static QueueFigures Compute(IEnumerable<Row> all, int targetWaitMinutes)
    {
        var rows = all.ToList();
        var people = rows.Where(r => r.Hop == 0).ToList();
        var waits = people.Where(r => r.CalledUtc is not null).Select(r => (r.CalledUtc!.Value - r.ArrivedUtc).TotalMinutes).ToList();
        var service = rows.Where(r => r.Status == TicketStatus.Done && r.StartedUtc is not null && r.FinishedUtc is not null)
            .Select(r => (r.FinishedUtc!.Value - r.StartedUtc!.Value).TotalMinutes).ToList();
        return new QueueFigures(
            people.Count,
            rows.Count(r => r.Status == TicketStatus.Done),
            rows.Count(r => r.Status == TicketStatus.NoShow),
            rows.Count(r => r.Status == TicketStatus.Transferred),
            Round(WaitEstimate.Percentile(waits, 0.5)), Round(WaitEstimate.Percentile(waits, 0.9)),
            Round(WaitEstimate.Percentile(service, 0.5)), Round(WaitEstimate.Percentile(service, 0.9)),
            waits.Count == 0 ? null : Math.Round(waits.Count(w => w <= targetWaitMinutes) / (double)waits.Count, 3));
    }

    private static double? Round(double? v) => v is null ? null : Math.Round(v.Value, 1);
}
