using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Insights;

/// <summary>A period and what it is cut to (each filter optional).</summary>
public sealed record InsightFilter(DateOnly From, DateOnly To, Guid? AgencyId = null, Guid? SiteId = null, string? District = null);

public sealed record WaitMinutes(int? P50, int? P90);

/// <summary>What the kept rows of a period are added up to by the database before the figures are computed
/// (<see cref="InsightReads.RowsAsync"/>): one row per agency, per agency and month, per month, per day, per site or per service.</summary>
public enum InsightGrain { Agency, AgencyMonth, Month, Day, Site, Service }

/// <summary>GET /api/v1/insights/summary: the figures of a period (docs/insights.md defines each).</summary>
public sealed record InsightSummary(
    string Period, DateOnly From, DateOnly To, int Served, WaitMinutes WaitMinutes, double? WaitAverageMinutes, double? ServiceMinutes,
    double? OnTimeShare, double? OnlineShare, int BookingsKept, int BookingNoShows, int Returns, double? FreeShare,
    double TripsSavedKm, double TripsSavedHours, long TripsSavedFareRupiah, int Respondents, decimal? Ikm, string? Grade,
    int ComplaintsAnswered, double? ComplaintsOnTimeShare, int Bundles, int PermitsIssued, long InvestmentRupiah, int Jobs,
    int TicketsServed, int ApplicationsCompleted)
{
    public static InsightSummary Of(InsightFilter f, Figures x) => new(
        PeriodOf(f.From, f.To), f.From, f.To, x.Served, new WaitMinutes(x.WaitP50, x.WaitP90), x.WaitAverageMinutes, x.ServiceMinutes,
        x.OnTimeShare, x.OnlineShare, x.BookingsKept, x.BookingNoShows, x.Returns, x.FreeShare, x.Trips.Kilometres, x.Trips.Hours,
        x.Trips.FareRupiah, x.Respondents, x.Ikm, x.Grade, x.ComplaintsAnswered, x.ComplaintsOnTimeShare, x.Bundles, x.PermitsIssued,
        x.InvestmentRupiah, x.Jobs, x.TicketsServed, x.ApplicationsCompleted);

    public static string PeriodOf(DateOnly from, DateOnly to) =>
        $"{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

public sealed record SeriesPoint(string Period, double? Value);

/// <summary>One group of a breakdown (an agency in a month, say); <see cref="Hidden"/> when the small-group rule hides its figures.</summary>
public sealed record GroupFigures(string Period, string Key, string Name, bool Hidden, Figures Figures);

/// <summary>
/// The reads of the insights: the kept day rows of the period (and today's, built live) cut by the filter, turned into
/// figures by <see cref="InsightFigures"/>. Who may ask: the executive and managers (the whole mall) and agency heads
/// (their own agency only).
/// </summary>
public sealed class InsightReads(SatuAtapDb db, KeepInsights keeper, CatalogCache catalog, MallTime time, IOptions<InsightsOptions> options,
    InsightsCache cache)
{
    public static readonly IReadOnlyDictionary<string, Func<Figures, double?>> Metrics = new Dictionary<string, Func<Figures, double?>>(StringComparer.Ordinal)
    {
        ["served"] = f => f.Served,
        ["waitP50"] = f => f.WaitP50,
        ["waitP90"] = f => f.WaitP90,
        ["waitAverageMinutes"] = f => f.WaitAverageMinutes,
        ["serviceMinutes"] = f => f.ServiceMinutes,
        ["onTimeShare"] = f => f.OnTimeShare,
        ["onlineShare"] = f => f.OnlineShare,
        ["bookingsKept"] = f => f.BookingsKept,
        ["bookingNoShows"] = f => f.BookingNoShows,
        ["returns"] = f => f.Returns,
        ["freeShare"] = f => f.FreeShare,
        ["tripsSavedKm"] = f => f.Trips.Kilometres,
        ["ikm"] = f => f.Ikm is { } v ? (double)v : null,
        ["respondents"] = f => f.Respondents,
        ["complaintsOnTimeShare"] = f => f.ComplaintsOnTimeShare,
        ["bundles"] = f => f.Bundles,
        ["permitsIssued"] = f => f.PermitsIssued,
        ["investmentRupiah"] = f => f.InvestmentRupiah,
        ["jobs"] = f => f.Jobs,
    };

    public static readonly string[] Buckets = ["day", "week", "month"];

    /// <summary>The most days a series by day may cover (a year).</summary>
    public const int MaxDailyPoints = 366;

    public static bool MaySee(Caller caller) => caller.SeesWholeMall || caller.IsAgencyHead;

    /// <summary>The filter as the caller may see it: a head is held to the own agency (another agency is refused).</summary>
    public static Outcome<InsightFilter> Scope(InsightFilter filter, Caller caller)
    {
        if (!MaySee(caller))
            return Outcome<InsightFilter>.Forbidden(Lang.T("Hanya pimpinan daerah, pengelola MPP, dan kepala instansi yang dapat melihat kinerja.",
                "Only executives, mall managers and agency heads can see the performance figures."));
        if (caller.SeesWholeMall) return Outcome<InsightFilter>.Ok(filter);
        if (filter.AgencyId is { } asked && asked != caller.AgencyId)
            return Outcome<InsightFilter>.Forbidden(Lang.T("Kepala instansi hanya dapat melihat kinerja instansinya sendiri.",
                "An agency head can only see the own agency's performance."));
        return Outcome<InsightFilter>.Ok(filter with { AgencyId = caller.AgencyId });
    }

    /// <summary>Checks a period: not reversed, not longer than <c>Insights:MaxRangeDays</c>. Null when it is fine.</summary>
    public (string Field, string Message)? CheckPeriod(DateOnly from, DateOnly to)
    {
        if (to < from) return ("to", Lang.T("Tanggal akhir sebelum tanggal awal.", "The end is before the start."));
        var max = options.Value.MaxRangeDays;
        if (to.DayNumber - from.DayNumber >= max) return ("to", Lang.T($"Periode paling lama {max} hari.", $"The period may be at most {max} days."));
        return null;
    }

    public async Task<Outcome<InsightSummary>> SummaryAsync(InsightFilter filter, Caller caller, CancellationToken ct)
    {
        var scoped = Scope(filter, caller);
        if (!scoped.Succeeded) return new Outcome<InsightSummary>(scoped.Kind, Message: scoped.Message);
        var f = scoped.Value!;
        var figures = await cache.GetOrAddAsync(("summary", f, time.Today), async () => InsightFigures.Of(await RowsAsync(f, InsightGrain.Agency, ct)));
        return Outcome<InsightSummary>.Ok(InsightSummary.Of(f, figures));
    }

    public async Task<Outcome<IReadOnlyList<SeriesPoint>>> SeriesAsync(InsightFilter filter, string metric, string by, Caller caller, CancellationToken ct)
    {
        var scoped = Scope(filter, caller);
        if (!scoped.Succeeded) return new Outcome<IReadOnlyList<SeriesPoint>>(scoped.Kind, Message: scoped.Message);
        var pick = Metrics[metric];
        var f = scoped.Value!;
        var figures = await cache.GetOrAddAsync(("buckets", f, by, time.Today), async () => await BucketsAsync(f, by, ct));
        return Outcome<IReadOnlyList<SeriesPoint>>.Ok(figures.Select(b => new SeriesPoint(b.Period, pick(b.Figures))).ToList());
    }

    /// <summary>The figures of each day, week or month of the filter's period, in order (empty buckets included).</summary>
    public async Task<IReadOnlyList<(string Period, Figures Figures)>> BucketsAsync(InsightFilter filter, string by, CancellationToken ct)
    {
        var rows = await RowsAsync(filter, by == "month" ? InsightGrain.Month : InsightGrain.Day, ct);
        var byBucket = rows.GroupBy(r => Bucket(r.Day, by)).ToDictionary(g => g.Key, g => InsightFigures.Of(g));
        return Periods(filter.From, filter.To, by).Select(p => (p, byBucket.GetValueOrDefault(p) ?? InsightFigures.Of([]))).ToList();
    }

    /// <summary>The key of the group the small groups are folded into.</summary>
    public const string OtherKey = "other";

    /// <summary>The breakdowns of a period: per agency, per site (the building, each mobile stop), per service.</summary>
    public static readonly string[] Breakdowns = ["agency", "site", "service"];

    /// <summary>The figures per agency (and per month when <paramref name="byMonth"/>), small groups folded into one
    /// "other agencies" group per period and hidden when that one is small too.</summary>
    public async Task<IReadOnlyList<GroupFigures>> ByAgencyAsync(InsightFilter filter, bool byMonth, CancellationToken ct)
    {
        var rows = await RowsAsync(filter, byMonth ? InsightGrain.AgencyMonth : InsightGrain.Agency, ct);
        var snapshot = await catalog.GetAsync(ct);
        var result = new List<GroupFigures>();
        var periods = byMonth ? Periods(filter.From, filter.To, "month") : [InsightSummary.PeriodOf(filter.From, filter.To)];
        var byPeriod = rows.GroupBy(r => byMonth ? Bucket(r.Day, "month") : periods[0]).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var period in periods)
            result.AddRange(Fold(period, byPeriod.GetValueOrDefault(period) ?? [], r => r.AgencyId,
                id => snapshot.Agencies.FirstOrDefault(a => a.Id == id)?.Code ?? "", id => AgencyName(snapshot, id),
                Lang.T("Instansi lain (kelompok kecil digabung)", "Other agencies (small groups combined)")));
        return result;
    }

    /// <summary>The figures of the period per agency, site or service (<see cref="Breakdowns"/>), small groups folded
    /// into one "other" group and hidden when that one is small too. Not scoped: see <see cref="BreakdownAsync"/>.</summary>
    public async Task<IReadOnlyList<GroupFigures>> GroupsAsync(InsightFilter filter, string by, CancellationToken ct)
    {
        if (by == "agency") return await ByAgencyAsync(filter, byMonth: false, ct);
        var rows = await RowsAsync(filter, by == "site" ? InsightGrain.Site : InsightGrain.Service, ct);
        var period = InsightSummary.PeriodOf(filter.From, filter.To);
        if (by == "site")
        {
            var sites = await db.QueueSites.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
            return Fold(period, rows, r => r.SiteId, id => id == Guid.Empty ? "" : id.ToString(),
                id => id == Guid.Empty ? Lang.T("Tanpa lokasi (permohonan, paket izin)", "No site (applications, bundles)") : sites.GetValueOrDefault(id) ?? id.ToString(),
                Lang.T("Lokasi lain (kelompok kecil digabung)", "Other sites (small groups combined)"));
        }
        var snapshot = await catalog.GetAsync(ct);
        return Fold(period, rows, r => r.ServiceId, id => snapshot.ServicesById.GetValueOrDefault(id)?.Code ?? "",
            id => id == Guid.Empty ? Lang.T("Tanpa layanan (paket izin)", "No service (bundles)") : snapshot.ServicesById.GetValueOrDefault(id)?.DisplayName ?? id.ToString(),
            Lang.T("Layanan lain (kelompok kecil digabung)", "Other services (small groups combined)"));
    }

    /// <summary>GET /api/v1/insights/breakdown: <see cref="GroupsAsync"/> as the caller may see it.</summary>
    public async Task<Outcome<IReadOnlyList<GroupFigures>>> BreakdownAsync(InsightFilter filter, string by, Caller caller, CancellationToken ct)
    {
        var scoped = Scope(filter, caller);
        if (!scoped.Succeeded) return new Outcome<IReadOnlyList<GroupFigures>>(scoped.Kind, Message: scoped.Message);
        return Outcome<IReadOnlyList<GroupFigures>>.Ok(await GroupsAsync(scoped.Value!, by, ct));
    }

    /// <summary>GET /api/v1/insights/slowest: the services by their share completed within the standard, worst first
    /// (<see cref="Comparisons.Slowest"/>).</summary>
    public async Task<Outcome<IReadOnlyList<GroupFigures>>> SlowestAsync(InsightFilter filter, Caller caller, CancellationToken ct)
    {
        var groups = await BreakdownAsync(filter, "service", caller, ct);
        return groups.Succeeded ? Outcome<IReadOnlyList<GroupFigures>>.Ok(Comparisons.Slowest(groups.Value!)) : groups;
    }

    /// <summary>GET /api/v1/insights/compare: the period's figures beside those of the previous period of equal length.</summary>
    public async Task<Outcome<InsightComparison>> CompareAsync(InsightFilter filter, Caller caller, CancellationToken ct)
    {
        var scoped = Scope(filter, caller);
        if (!scoped.Succeeded) return new Outcome<InsightComparison>(scoped.Kind, Message: scoped.Message);
        var f = scoped.Value!;
        var (from, to) = Comparisons.PreviousPeriod(f.From, f.To);
        var now = InsightFigures.Of(await RowsAsync(f, InsightGrain.Agency, ct));
        var before = InsightFigures.Of(await RowsAsync(f with { From = from, To = to }, InsightGrain.Agency, ct));
        return Outcome<InsightComparison>.Ok(new InsightComparison(InsightSummary.PeriodOf(f.From, f.To), InsightSummary.PeriodOf(from, to),
            Comparisons.Of(now, before)));
    }

    /// <summary>The groups of one period: a group under five services delivered is folded into the "other" group (its
    /// figures hidden when it is small too); records without the key (the empty id) keep a group of their own.</summary>
    private static List<GroupFigures> Fold(string period, List<InsightDay> rows, Func<InsightDay, Guid> key, Func<Guid, string> code,
        Func<Guid, string> name, string otherName)
    {
        var result = new List<GroupFigures>();
        var small = new List<InsightDay>();
        foreach (var g in rows.GroupBy(key)
                     .Select(g => (Id: g.Key, Rows: g.ToList(), Figures: InsightFigures.Of(g)))
                     .OrderBy(g => name(g.Id), StringComparer.CurrentCulture))
        {
            if (g.Id != Guid.Empty && !InsightFigures.ShownApart(g.Figures.Served)) { small.AddRange(g.Rows); continue; }
            result.Add(new GroupFigures(period, code(g.Id), name(g.Id), false, g.Figures));
        }
        if (small.Count > 0)
        {
            var other = InsightFigures.Of(small);
            result.Add(new GroupFigures(period, OtherKey, otherName, !InsightFigures.ShownApart(other.Served), other));
        }
        return result;
    }

    private static string AgencyName(CatalogSnapshot snapshot, Guid id) =>
        id == Guid.Empty ? Lang.T("Lintas instansi", "Mall-wide") : snapshot.Agencies.FirstOrDefault(a => a.Id == id)?.DisplayName ?? id.ToString();

    // One request asks for the same period several times (the dashboard: summary, series, comparison, three
    // breakdowns): the rows of each filter and grain and today's live rows are read once per scope (request) and reused.
    private readonly Dictionary<(InsightFilter, InsightGrain), List<InsightDay>> _rows = [];
    private (DateOnly Day, List<InsightDay> Rows)? _live;

    /// <summary>
    /// The day rows of a filter: the kept rows of its closed days added up by the database to the
    /// <paramref name="grain"/> (one row per agency, per agency and month, per day, per site or per service: every
    /// column is a count or a sum, and the waits are added per minute, so the figures of the sums are those of the
    /// rows), and today's rows built live from the records, as they are. A caller groups the rows it gets by the same
    /// grain (<see cref="InsightFigures.Of"/> adds them up). Read once per filter and grain in this scope; the list
    /// returned is shared, so callers must not change it.
    /// </summary>
    public async Task<List<InsightDay>> RowsAsync(InsightFilter f, InsightGrain grain, CancellationToken ct)
    {
        if (_rows.TryGetValue((f, grain), out var known)) return known;
        var today = time.Today;
        var rows = new List<InsightDay>(await cache.GetOrAddAsync(("kept", f, grain, today), () => KeptAsync(f, today, grain, ct)));
        if (f.To >= today && f.From <= today)
            rows.AddRange((await LiveAsync(today, ct)).Where(d =>
                (f.AgencyId is not { } la || d.AgencyId == la) && (f.SiteId is not { } ls || d.SiteId == ls)
                && (string.IsNullOrEmpty(f.District) || d.District == f.District)));
        _rows[(f, grain)] = rows;
        return rows;
    }

    /// <summary>The kept rows of the filter's closed days (before today), added up per <paramref name="grain"/> by the
    /// database: the months wholly inside the period from the month rows, the days before and after them from the day
    /// rows (a grain of days reads days only); per table one query for the counts and sums, one for the waits per minute.</summary>
    private async Task<List<InsightDay>> KeptAsync(InsightFilter f, DateOnly today, InsightGrain grain, CancellationToken ct)
    {
        var last = f.To < today ? f.To : today.AddDays(-1);
        if (f.From > last) return [];
        var months = PeriodMonths.Of(f.From, last);
        var (first, end) = grain != InsightGrain.Day && months.HasMonths ? (months.FirstMonth!.Value, months.LastMonth!.Value) : (last.AddDays(1), last);
        var rows = new List<InsightDay>();
        if (first <= end)
            rows.AddRange(await SumAsync(Filtered(db.InsightMonths, f).Where(d => d.Day >= first && d.Day <= end),
                Filtered(db.InsightMonthWaits, f).Where(d => d.Day >= first && d.Day <= end), f.From, grain, ct));
        if (first <= end && f.From == first && end.AddMonths(1).AddDays(-1) == last) return rows;
        var days = Filtered(db.InsightDays, f);
        var waits = Filtered(db.InsightWaits, f);
        if (first <= end)
        {
            var monthsEnd = end.AddMonths(1).AddDays(-1);
            days = days.Where(d => (d.Day >= f.From && d.Day < first) || (d.Day > monthsEnd && d.Day <= last));
            waits = waits.Where(d => (d.Day >= f.From && d.Day < first) || (d.Day > monthsEnd && d.Day <= last));
        }
        else
        {
            days = days.Where(d => d.Day >= f.From && d.Day <= last);
            waits = waits.Where(d => d.Day >= f.From && d.Day <= last);
        }
        rows.AddRange(await SumAsync(days, waits, f.From, grain, ct));
        return rows;
    }

    private static IQueryable<T> Filtered<T>(IQueryable<T> rows, InsightFilter f) where T : InsightPlace
    {
        var q = rows.AsNoTracking();
        if (f.AgencyId is { } a) q = q.Where(d => d.AgencyId == a);
        if (f.SiteId is { } s) q = q.Where(d => d.SiteId == s);
        if (!string.IsNullOrEmpty(f.District)) q = q.Where(d => d.District == f.District);
        return q;
    }

    /// <summary>Kept rows (of days or of months) and their waits added up per <paramref name="grain"/> by the database.</summary>
    private static async Task<List<InsightDay>> SumAsync<T, TWait>(IQueryable<T> q, IQueryable<TWait> w, DateOnly from, InsightGrain grain,
        CancellationToken ct) where T : InsightCounts where TWait : InsightWaitCount
    {
        switch (grain)
        {
            case InsightGrain.Agency:
                return Assemble(
                    (await InsightSums.Of(q.GroupBy(d => d.AgencyId)).ToListAsync(ct)).Select(x => (new Place(from, x.Key, Guid.Empty, Guid.Empty), x.Row)),
                    (await InsightSums.Counts(w.GroupBy(d => new { d.AgencyId, d.Minute })).ToListAsync(ct))
                        .Select(x => (new Place(from, x.Key.AgencyId, Guid.Empty, Guid.Empty), x.Key.Minute, x.Count)));
            case InsightGrain.AgencyMonth:
                return Assemble(
                    (await InsightSums.Of(q.GroupBy(d => new { d.Day.Year, d.Day.Month, d.AgencyId })).ToListAsync(ct))
                        .Select(x => (new Place(MonthOf(x.Key.Year, x.Key.Month, from), x.Key.AgencyId, Guid.Empty, Guid.Empty), x.Row)),
                    (await InsightSums.Counts(w.GroupBy(d => new { d.Day.Year, d.Day.Month, d.AgencyId, d.Minute })).ToListAsync(ct))
                        .Select(x => (new Place(MonthOf(x.Key.Year, x.Key.Month, from), x.Key.AgencyId, Guid.Empty, Guid.Empty), x.Key.Minute, x.Count)));
            case InsightGrain.Month:
                return Assemble(
                    (await InsightSums.Of(q.GroupBy(d => new { d.Day.Year, d.Day.Month })).ToListAsync(ct))
                        .Select(x => (new Place(MonthOf(x.Key.Year, x.Key.Month, from), Guid.Empty, Guid.Empty, Guid.Empty), x.Row)),
                    (await InsightSums.Counts(w.GroupBy(d => new { d.Day.Year, d.Day.Month, d.Minute })).ToListAsync(ct))
                        .Select(x => (new Place(MonthOf(x.Key.Year, x.Key.Month, from), Guid.Empty, Guid.Empty, Guid.Empty), x.Key.Minute, x.Count)));
            case InsightGrain.Day:
                return Assemble(
                    (await InsightSums.Of(q.GroupBy(d => d.Day)).ToListAsync(ct)).Select(x => (new Place(x.Key, Guid.Empty, Guid.Empty, Guid.Empty), x.Row)),
                    (await InsightSums.Counts(w.GroupBy(d => new { d.Day, d.Minute })).ToListAsync(ct))
                        .Select(x => (new Place(x.Key.Day, Guid.Empty, Guid.Empty, Guid.Empty), x.Key.Minute, x.Count)));
            case InsightGrain.Site:
                return Assemble(
                    (await InsightSums.Of(q.GroupBy(d => d.SiteId)).ToListAsync(ct)).Select(x => (new Place(from, Guid.Empty, x.Key, Guid.Empty), x.Row)),
                    (await InsightSums.Counts(w.GroupBy(d => new { d.SiteId, d.Minute })).ToListAsync(ct))
                        .Select(x => (new Place(from, Guid.Empty, x.Key.SiteId, Guid.Empty), x.Key.Minute, x.Count)));
            default:
                return Assemble(
                    (await InsightSums.Of(q.GroupBy(d => d.ServiceId)).ToListAsync(ct)).Select(x => (new Place(from, Guid.Empty, Guid.Empty, x.Key), x.Row)),
                    (await InsightSums.Counts(w.GroupBy(d => new { d.ServiceId, d.Minute })).ToListAsync(ct))
                        .Select(x => (new Place(from, Guid.Empty, Guid.Empty, x.Key.ServiceId), x.Key.Minute, x.Count)));
        }
    }

    /// <summary>Where a summed row stands: the first day of its group (the period's start, or its month's first day
    /// within the period) and the keys it was grouped by (the others empty).</summary>
    private readonly record struct Place(DateOnly Day, Guid AgencyId, Guid SiteId, Guid ServiceId);

    private static DateOnly MonthOf(int year, int month, DateOnly from) { var first = new DateOnly(year, month, 1); return first < from ? from : first; }

    /// <summary>The summed rows with their places, and the waits of each place added per minute.</summary>
    private static List<InsightDay> Assemble(IEnumerable<(Place Place, InsightDay Row)> sums, IEnumerable<(Place Place, int Minute, int Count)> waits)
    {
        var histograms = new Dictionary<Place, Dictionary<int, int>>();
        foreach (var (place, minute, count) in waits)
        {
            if (!histograms.TryGetValue(place, out var h)) histograms[place] = h = [];
            h[minute] = h.GetValueOrDefault(minute) + count;
        }
        var rows = new List<InsightDay>();
        foreach (var (place, row) in sums)
        {
            row.Day = place.Day; row.AgencyId = place.AgencyId; row.SiteId = place.SiteId; row.ServiceId = place.ServiceId;
            if (histograms.TryGetValue(place, out var h)) row.Waits = WaitHistogram.Write(h);
            rows.Add(row);
        }
        return rows;
    }

    private async Task<List<InsightDay>> LiveAsync(DateOnly today, CancellationToken ct)
    {
        if (_live is { } known && known.Day == today) return known.Rows;
        var rows = await cache.GetOrAddAsync(("live", today), () => keeper.LiveAsync(today, today, ct));
        _live = (today, rows);
        return rows;
    }

    public static string Bucket(DateOnly day, string by) => by switch
    {
        "day" => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "week" => WeekStart(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>A week is named by its Monday.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static List<string> Periods(DateOnly from, DateOnly to, string by)
    {
        var list = new List<string>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var b = Bucket(d, by);
            if (list.Count == 0 || list[^1] != b) list.Add(b);
        }
        return list;
    }
}
