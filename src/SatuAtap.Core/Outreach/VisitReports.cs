using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

/// <summary>
/// One service at one visit, from what was recorded. <see cref="Demand"/> is the places booked plus the people who
/// came without a booking (walk-in tickets); <see cref="OverQuota"/> is how far it went past the quota.
/// <see cref="Applications"/> counts the applications officers took at the visit's site on its day (any status).
/// </summary>
public sealed record VisitServiceReport(Guid ServiceId, string Code, string Name, int Quota, int Bookings, int CheckedIn, int BookingNoShows,
    int Tickets, int WalkIns, int Served, int TicketNoShows, double? WaitMedianMinutes, double? WaitP90Minutes, int Demand, int OverQuota,
    int Applications);

public sealed record VisitReportView(Guid VisitId, StopView Stop, DateTimeOffset Start, DateTimeOffset End, string Status,
    IReadOnlyList<VisitServiceReport> Services, int Tickets, int Served, int Bookings, int BookingNoShows, double? WaitMedianMinutes,
    double? WaitP90Minutes, TripsSaved TripsSaved, int Applications);

public sealed record ReportRow(string Key, string Name, int Visits, int Tickets, int Served, int Bookings, int BookingNoShows, int Demand, int Quota, TripsSaved TripsSaved,
    int Applications);

public sealed record DemandRank(Guid StopId, string Stop, Guid ServiceId, string Service, int Visits, int Quota, int Demand, int OverQuota);

public sealed record PeriodReportView(DateOnly From, DateOnly To, int Visits, int Tickets, int Served, int Bookings, int BookingNoShows, TripsSaved TripsSaved,
    IReadOnlyList<ReportRow> ByStop, IReadOnlyList<ReportRow> ByService, IReadOnlyList<DemandRank> OverQuota, int Applications);

/// <summary>
/// Reports computed from the Queue's records of a visit's site and day: tickets, bookings, no-shows, waiting times,
/// applications taken there, and trips saved. Managers and executives see every service; an agency's staff see their agency's services only.
/// </summary>
public sealed class VisitReports(SatuAtapDb db, OutreachReads reads, CatalogCache catalog, IOptions<OutreachOptions> options, IOptions<QueueOptions> queueOptions)
{
    public const int MaxPeriodDays = 366;

    public async Task<Outcome<VisitReportView>> VisitAsync(Guid visitId, Caller caller, CancellationToken ct)
    {
        if (!caller.SeesWholeMall && !caller.IsAgencyStaff) return Outcome<VisitReportView>.Forbidden();
        var visit = await db.OutreachVisits.AsNoTracking().Include(v => v.Services).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null) return Outcome<VisitReportView>.NotFound(Lang.T("Kunjungan tidak ditemukan.", "Visit not found."));
        var reports = await ComputeAsync([visit], caller, ct);
        if (reports.Count == 0) return Outcome<VisitReportView>.Forbidden(Lang.T("Kunjungan ini tidak membawa layanan instansi Anda.", "This visit carries no service of your agency."));
        return Outcome<VisitReportView>.Ok(reports[0]);
    }

    public async Task<Outcome<PeriodReportView>> PeriodAsync(DateOnly from, DateOnly to, Caller caller, CancellationToken ct)
    {
        if (!caller.SeesWholeMall && !caller.IsAgencyStaff) return Outcome<PeriodReportView>.Forbidden();
        var visits = await db.OutreachVisits.AsNoTracking().Include(v => v.Services)
            .Where(v => v.Day >= from && v.Day <= to && v.Status != VisitStatus.Cancelled).OrderBy(v => v.StartUtc).ToListAsync(ct);
        var reports = await ComputeAsync(visits, caller, ct);
        var lines = reports.SelectMany(r => r.Services.Select(s => (Report: r, Line: s))).ToList();
        var byStop = reports.GroupBy(r => r.Stop.Id).Select(g => new ReportRow(g.Key.ToString(), g.First().Stop.Name, g.Count(),
                g.Sum(r => r.Tickets), g.Sum(r => r.Served), g.Sum(r => r.Bookings), g.Sum(r => r.BookingNoShows),
                g.Sum(r => r.Services.Sum(s => s.Demand)), g.Sum(r => r.Services.Sum(s => s.Quota)), TripsSaved.Sum(g.Select(r => r.TripsSaved)),
                g.Sum(r => r.Applications)))
            .OrderBy(r => r.Name).ToList();
        var byService = lines.GroupBy(l => l.Line.ServiceId).Select(g => new ReportRow(g.Key.ToString(), g.First().Line.Name, g.Count(),
                g.Sum(l => l.Line.Tickets), g.Sum(l => l.Line.Served), g.Sum(l => l.Line.Bookings), g.Sum(l => l.Line.BookingNoShows),
                g.Sum(l => l.Line.Demand), g.Sum(l => l.Line.Quota), Trips(g.Sum(l => l.Line.Served), g.Select(l => l.Report.Stop)),
                g.Sum(l => l.Line.Applications)))
            .OrderByDescending(r => r.Served).ThenBy(r => r.Name).ToList();
        var ranking = lines.GroupBy(l => (l.Report.Stop.Id, l.Line.ServiceId))
            .Select(g => new DemandRank(g.Key.Item1, g.First().Report.Stop.Name, g.Key.ServiceId, g.First().Line.Name, g.Count(),
                g.Sum(l => l.Line.Quota), g.Sum(l => l.Line.Demand), g.Sum(l => l.Line.OverQuota)))
            .Where(r => r.OverQuota > 0).OrderByDescending(r => r.OverQuota).ThenBy(r => r.Stop).ThenBy(r => r.Service).ToList();
        return Outcome<PeriodReportView>.Ok(new PeriodReportView(from, to, reports.Count, reports.Sum(r => r.Tickets), reports.Sum(r => r.Served),
            reports.Sum(r => r.Bookings), reports.Sum(r => r.BookingNoShows), TripsSaved.Sum(reports.Select(r => r.TripsSaved)), byStop, byService, ranking,
            reports.Sum(r => r.Applications)));
    }

    private TripsSaved Trips(int served, IEnumerable<StopView> stops)
    {
        var stop = stops.First();
        return TripsSaved.Of(served, stop.RoadDistanceKm, stop.TravelMinutes, options.Value.CostPerKmRupiah);
    }

    private async Task<IReadOnlyList<VisitReportView>> ComputeAsync(List<Visit> visits, Caller caller, CancellationToken ct)
    {
        if (visits.Count == 0) return [];
        var snapshot = await catalog.GetAsync(ct);
        bool Visible(Guid serviceId) => caller.SeesWholeMall
            || snapshot.ServicesById.TryGetValue(serviceId, out var s) && s.Agency.Id == caller.AgencyId;
        var views = (await reads.ViewsAsync(visits, ct)).ToDictionary(v => v.Id);
        var siteIds = visits.Select(v => v.SiteId).Distinct().ToList();
        var days = visits.Select(v => v.Day).Distinct().ToList();
        var slotIds = visits.SelectMany(v => v.Services.Select(s => s.SlotId)).ToList();
        var tickets = await db.Tickets.AsNoTracking().Where(t => siteIds.Contains(t.SiteId) && days.Contains(t.Day))
            .Select(t => new { t.SiteId, t.Day, t.BookingId, Row = new QueueStats.Row(t.SiteId, t.ServiceId, t.Day, t.Hop, t.Status, t.ArrivedUtc, t.CalledUtc, t.StartedUtc, t.FinishedUtc) })
            .ToListAsync(ct);
        var bookings = await db.Bookings.AsNoTracking().Where(b => slotIds.Contains(b.SlotId) && b.Status != BookingStatus.Cancelled)
            .Select(b => new { b.SlotId, b.Status }).ToListAsync(ct);
        // Applications taken at the sites: read over the UTC span of the visits' days (widened by a day each side for
        // the zones), then kept to each visit's day in its stop's zone.
        var minUtc = days.Min().ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(-1);
        var maxUtc = days.Max().ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(2);
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.SiteId != null && siteIds.Contains(a.SiteId.Value) && a.CreatedAtUtc >= minUtc && a.CreatedAtUtc < maxUtc)
            .Select(a => new { SiteId = a.SiteId!.Value, a.ServiceId, a.CreatedAtUtc }).ToListAsync(ct);
        var now = reads.UtcNow;
        var target = queueOptions.Value.TargetWaitMinutes;
        var result = new List<VisitReportView>();
        foreach (var visit in visits)
        {
            var view = views[visit.Id];
            var visitTickets = tickets.Where(t => t.SiteId == visit.SiteId && t.Day == visit.Day).ToList();
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(view.Stop.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var visitApplications = applications.Where(a => a.SiteId == visit.SiteId && SiteClock.Today(a.CreatedAtUtc, zone) == visit.Day).ToList();
            var lines = new List<VisitServiceReport>();
            foreach (var vs in visit.Services.Where(s => Visible(s.ServiceId)))
            {
                var serviceTickets = visitTickets.Where(t => t.Row.ServiceId == vs.ServiceId).ToList();
                var figures = QueueStats.Compute(serviceTickets.Select(t => t.Row), target);
                var slotBookings = bookings.Where(b => b.SlotId == vs.SlotId).ToList();
                var checkedIn = slotBookings.Count(b => b.Status == BookingStatus.CheckedIn);
                // A booking still active after the visit is a no-show; before its end it is simply still to come.
                var bookingNoShows = visit.IsDone(now) ? slotBookings.Count(b => b.Status == BookingStatus.Active) : 0;
                var walkIns = serviceTickets.Count(t => t.Row.Hop == 0 && t.BookingId is null);
                var demand = slotBookings.Count + walkIns;
                var service = snapshot.ServicesById.GetValueOrDefault(vs.ServiceId);
                lines.Add(new VisitServiceReport(vs.ServiceId, service?.Code ?? "", service?.DisplayName ?? "", vs.Quota, slotBookings.Count, checkedIn,
                    bookingNoShows, figures.Tickets, walkIns, figures.Served, figures.NoShows, figures.WaitMedianMinutes, figures.WaitP90Minutes,
                    demand, Math.Max(0, demand - vs.Quota), visitApplications.Count(a => a.ServiceId == vs.ServiceId)));
            }
            if (lines.Count == 0) continue;
            var visible = lines.Select(l => l.ServiceId).ToHashSet();
            var all = QueueStats.Compute(visitTickets.Where(t => visible.Contains(t.Row.ServiceId)).Select(t => t.Row), target);
            var served = lines.Sum(l => l.Served);
            result.Add(new VisitReportView(visit.Id, view.Stop, view.Start, view.End, view.Status, lines.OrderBy(l => l.Code, StringComparer.Ordinal).ToList(),
                all.Tickets, served, lines.Sum(l => l.Bookings), lines.Sum(l => l.BookingNoShows), all.WaitMedianMinutes, all.WaitP90Minutes,
                TripsSaved.Of(served, view.Stop.RoadDistanceKm, view.Stop.TravelMinutes, options.Value.CostPerKmRupiah), lines.Sum(l => l.Applications)));
        }
        return result;
    }
}
