using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

/// <summary>Filter of the backlog and SLA report; dates are local (WIB) and inclusive.</summary>
public sealed record StatsQuery(string? AgencyId, string? ServiceId, DateOnly? From, DateOnly? To);

/// <summary>One agency and service: open now (awaiting a decision), overdue now, completed in the range, completed by the due date, and that share in percent.</summary>
public sealed record StatsRow(Guid AgencyId, string AgencyCode, string AgencyName, Guid ServiceId, string ServiceCode, string ServiceName,
    int Open, int Overdue, int Completed, int CompletedOnTime, double? OnTimePercent);

public sealed record StatsReport(DateOnly From, DateOnly To, IReadOnlyList<StatsRow> Rows, StatsRow? Total);

/// <summary>
/// Backlog and SLA compliance per agency and service, for agency heads (their own agency) and managers and
/// executives (all). Completed = decided (approved or rejected) within the range; on time = decided on or
/// before the due date (WIB).
/// </summary>
public sealed class ApplicationStats(SatuAtapDb db, CatalogCache cache, MallTime time)
{
    public const int DefaultDays = 30;

    private static readonly ApplicationStatus[] Running =
        [ApplicationStatus.Submitted, ApplicationStatus.Resubmitted, ApplicationStatus.InVerification, ApplicationStatus.InProcess];

    /// <summary>Awaiting a decision: submitted and not yet approved or rejected (including those returned to the citizen).</summary>
    private static readonly ApplicationStatus[] Undecided = [.. Running, ApplicationStatus.ReturnedForCorrection];

    public static bool MaySee(Caller viewer) =>
        viewer.SeesWholeMall || viewer.IsAgencyHead;

    public async Task<Outcome<StatsReport>> HandleAsync(StatsQuery query, Caller viewer, CancellationToken ct = default)
    {
        if (!MaySee(viewer))
            return Outcome<StatsReport>.Forbidden(Lang.T("Hanya kepala instansi, pengelola MPP, atau pimpinan daerah yang dapat melihat kinerja layanan.",
                "Only agency heads, mall managers and executives can see service performance."));
        var catalog = await cache.GetAsync(ct);
        Guid? agencyId = null;
        if (!string.IsNullOrWhiteSpace(query.AgencyId))
        {
            if (catalog.FindAgency(query.AgencyId) is not { } agency) return Outcome<StatsReport>.Invalid("agencyId", Lang.T("Instansi tidak dikenal.", "Unknown agency."));
            agencyId = agency.Id;
        }
        var all = viewer.SeesWholeMall;
        if (!all)
        {
            if (agencyId is { } asked && asked != viewer.AgencyId)
                return Outcome<StatsReport>.Forbidden(Lang.T("Kepala instansi hanya dapat melihat kinerja instansinya sendiri.",
                    "An agency head can only see the own agency's performance."));
            agencyId = viewer.AgencyId;
        }
        Guid? serviceId = null;
        if (!string.IsNullOrWhiteSpace(query.ServiceId))
        {
            if (catalog.FindService(query.ServiceId) is not { } service) return Outcome<StatsReport>.Invalid("serviceId", Lang.T("Layanan tidak dikenal.", "Unknown service."));
            serviceId = service.Id;
        }
        var today = time.Today;
        var to = query.To ?? today;
        var from = query.From ?? to.AddDays(-(DefaultDays - 1));
        if (from > to) return Outcome<StatsReport>.Invalid("from", Lang.T("Tanggal awal harus sebelum tanggal akhir.", "The start date must come before the end date."));
        var fromUtc = time.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var toUtc = time.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));

        var scope = db.Applications.AsNoTracking().Where(a => a.Status != ApplicationStatus.Draft);
        if (agencyId is { } ag) scope = scope.Where(a => a.AgencyId == ag);
        if (serviceId is { } sv) scope = scope.Where(a => a.ServiceId == sv);

        var open = await scope.Where(a => Undecided.Contains(a.Status))
            .GroupBy(a => new { a.AgencyId, a.ServiceId })
            .Select(g => new
            {
                g.Key.AgencyId, g.Key.ServiceId, Open = g.Count(),
                Overdue = g.Count(a => Running.Contains(a.Status) && a.DueDate != null && a.DueDate < today),
            })
            .ToListAsync(ct);
        var decided = await scope.Where(a => a.DecidedAtUtc != null && a.DecidedAtUtc >= fromUtc && a.DecidedAtUtc < toUtc)
            .Select(a => new { a.AgencyId, a.ServiceId, a.DecidedAtUtc, a.DueDate })
            .ToListAsync(ct);

        var keys = open.Select(o => (o.AgencyId, o.ServiceId)).Concat(decided.Select(d => (d.AgencyId, d.ServiceId))).Distinct();
        var rows = new List<StatsRow>();
        foreach (var (aId, sId) in keys)
        {
            var o = open.FirstOrDefault(x => x.AgencyId == aId && x.ServiceId == sId);
            var done = decided.Where(x => x.AgencyId == aId && x.ServiceId == sId).ToList();
            var onTime = done.Count(x => x.DueDate is null || DateOnly.FromDateTime(time.ToLocal(x.DecidedAtUtc!.Value)) <= x.DueDate);
            var agency = catalog.Agencies.FirstOrDefault(a => a.Id == aId);
            catalog.ServicesById.TryGetValue(sId, out var service);
            rows.Add(new StatsRow(aId, agency?.Code ?? "", agency is null ? "" : Lang.Pick(agency.Name, agency.NameEn), sId, service?.Code ?? "",
                service is null ? "" : Lang.Pick(service.Name, service.NameEn), o?.Open ?? 0, o?.Overdue ?? 0, done.Count, onTime, Percent(onTime, done.Count)));
        }
        rows = rows.OrderBy(r => r.AgencyName, StringComparer.CurrentCulture).ThenBy(r => r.ServiceName, StringComparer.CurrentCulture).ToList();
        StatsRow? total = null;
        if (rows.Count > 0)
        {
            int completed = rows.Sum(r => r.Completed), onTime = rows.Sum(r => r.CompletedOnTime);
            total = new StatsRow(Guid.Empty, "", Lang.T("Jumlah", "Total"), Guid.Empty, "", "", rows.Sum(r => r.Open), rows.Sum(r => r.Overdue),
                completed, onTime, Percent(onTime, completed));
        }
        return Outcome<StatsReport>.Ok(new StatsReport(from, to, rows, total));
    }

    public static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(part * 100.0 / whole, 1, MidpointRounding.AwayFromZero);
}
