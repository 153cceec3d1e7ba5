using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Feedback;

/// <summary>The unit and period of an index: any of agency, service and site, and the days from and to (local, inclusive).</summary>
public sealed record IndexFilter(Guid? AgencyId, Guid? ServiceId, Guid? SiteId, DateOnly From, DateOnly To);

public sealed record IndexElement(string Code, string Name, decimal Nrr, decimal WeightedNrr);

/// <summary>The index of a unit and period, as the API answers it.</summary>
public sealed record SurveyIndex(long Respondents, long Population, int SampleNeeded, bool SampleReached, IReadOnlyList<IndexElement> Elements,
    decimal? Ikm, string? Grade, string? Label, IReadOnlyList<string> Priorities);

/// <summary>
/// The satisfaction index of a unit (agency, service, site) and period: the kept totals of the nine scores are added up
/// in the database, per month (<see cref="SurveyMonthTotal"/>) for the whole months inside the period and the long
/// partial months at its edges, and per day (<see cref="SurveyDayTotal"/>) for the short edges and the days a long
/// partial month's total holds outside the period (subtracted), then <see cref="SatisfactionIndex"/>
/// computes NRR, index and grade exactly. The population is the people the unit served in the period: finished
/// tickets and completed applications, added up from kept per-day counts (<see cref="ServedCounts"/>). The days before
/// today are remembered per node (<see cref="SurveyIndexCache"/>); today is read on every request (<see cref="FiguresAsync"/>).
/// Managers and executives see every unit; an agency's staff only their agency's.
/// </summary>
public sealed class GetSurveyIndex(SatuAtapDb db, MallTime time, SurveyIndexCache cache)
{
    public const int MaxDays = 731;

    public async Task<Outcome<SurveyIndex>> HandleAsync(IndexFilter filter, Caller caller, CancellationToken ct = default)
    {
        var allowed = await MaySeeAsync(filter, caller, ct);
        if (allowed is not null) return new Outcome<SurveyIndex>(allowed.Value, Message: allowed == OutcomeKind.NotFound
            ? Lang.T("Layanan tidak ditemukan.", "Unknown service.") : Lang.T("Anda hanya dapat melihat indeks instansi Anda.", "You can only see your own agency's index."));
        var (respondents, result, population) = await FiguresAsync(filter, ct);
        var needed = SampleSize.For(population);
        var elements = result.Elements.Select(e => new IndexElement(e.Element.Code, e.Element.DisplayName, Math.Round(e.Nrr, 4, MidpointRounding.AwayFromZero),
            Math.Round(e.WeightedNrr, 4, MidpointRounding.AwayFromZero))).ToList();
        return Outcome<SurveyIndex>.Ok(new SurveyIndex(respondents, population, needed, respondents >= needed && respondents > 0, elements,
            result.Ikm is { } ikm ? SatisfactionIndex.Shown(ikm) : null, result.Grade?.Code, result.Grade?.DisplayLabel,
            result.Priorities.Select(p => p.Element.Code).ToList()));
    }

    /// <summary>Null when the caller may see the unit; otherwise why not.</summary>
    public async Task<OutcomeKind?> MaySeeAsync(IndexFilter filter, Caller caller, CancellationToken ct)
    {
        if (caller.SeesWholeMall) return null;
        if (!caller.IsAgencyStaff) return OutcomeKind.Forbidden;
        if (filter.AgencyId is { } a && a != caller.AgencyId) return OutcomeKind.Forbidden;
        if (filter.ServiceId is { } s)
        {
            var agency = await db.Services.AsNoTracking().Where(x => x.Id == s).Select(x => (Guid?)x.AgencyId).FirstOrDefaultAsync(ct);
            if (agency is null) return OutcomeKind.NotFound;
            if (agency != caller.AgencyId) return OutcomeKind.Forbidden;
            return null;
        }
        // A site alone covers every agency at it: staff of one agency need their agency named too.
        return filter.AgencyId is null ? OutcomeKind.Forbidden : null;
    }

    /// <summary>The responses of the unit and period.</summary>
    public IQueryable<SurveyResponse> Responses(IndexFilter f)
    {
        var q = db.Set<SurveyResponse>().AsNoTracking().Where(r => r.Day >= f.From && r.Day <= f.To);
        if (f.ServiceId is { } s) q = q.Where(r => r.ServiceId == s);
        if (f.AgencyId is { } a) q = q.Where(r => r.AgencyId == a);
        if (f.SiteId is { } site) q = q.Where(r => r.SiteId == site);
        return q;
    }

    /// <summary>The per-day totals (<see cref="SurveyDayTotal"/>) of the unit and period.</summary>
    public IQueryable<SurveyDayTotal> Totals(IndexFilter f)
    {
        var q = db.SurveyDayTotals.AsNoTracking().Where(t => t.Day >= f.From && t.Day <= f.To);
        if (f.ServiceId is { } s) q = q.Where(t => t.ServiceId == s);
        if (f.AgencyId is { } a) q = q.Where(t => t.AgencyId == a);
        if (f.SiteId is { } site) q = q.Where(t => t.SiteKey == site);
        return q;
    }

    /// <summary>The per-month totals (<see cref="SurveyMonthTotal"/>) of the unit and the months from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public IQueryable<SurveyMonthTotal> MonthTotals(IndexFilter f, DateOnly first, DateOnly last)
    {
        var q = db.SurveyMonthTotals.AsNoTracking().Where(t => t.Month >= first && t.Month <= last);
        if (f.ServiceId is { } s) q = q.Where(t => t.ServiceId == s);
        if (f.AgencyId is { } a) q = q.Where(t => t.AgencyId == a);
        if (f.SiteId is { } site) q = q.Where(t => t.SiteKey == site);
        return q;
    }

    /// <summary>
    /// The respondents, the exact index and the population of the unit and period: the days before today from the node's
    /// memory (<see cref="SurveyIndexCache"/>, made from the kept rows when not remembered), today (and any later day)
    /// from the kept rows on every request. The sums are whole numbers, so adding the two parts is exact.
    /// </summary>
    public async Task<(long Respondents, IndexResult Result, long Population)> FiguresAsync(IndexFilter filter, CancellationToken ct)
    {
        var today = time.Today;
        var lastClosed = filter.To < today ? filter.To : today.AddDays(-1);
        var s = new long[10];
        long served = 0;
        if (filter.From <= lastClosed)
        {
            var past = filter with { To = lastClosed };
            var closed = await cache.GetOrAddAsync(filter, lastClosed, async () => new SurveyIndexCache.Closed(await SumsAsync(past, ct), await PopulationAsync(past, ct)));
            Add(s, closed.Sums);
            served += closed.Served;
        }
        var liveFrom = filter.From > today ? filter.From : today;
        if (liveFrom <= filter.To)
        {
            var live = filter with { From = liveFrom };
            Add(s, await SumsAsync(live, ct));
            served += await PopulationAsync(live, ct);
        }
        return (s[0], Result(s), served);
    }

    /// <summary>The respondents and the exact index of the unit and period, from the kept rows (<see cref="SumsAsync"/>).</summary>
    public async Task<(long Respondents, IndexResult Result)> ComputeAsync(IndexFilter filter, CancellationToken ct)
    {
        var s = await SumsAsync(filter, ct);
        return (s[0], Result(s));
    }

    private static IndexResult Result(long[] s) => SatisfactionIndex.Compute(s.Skip(1).Select(x => new ElementTally(x, s[0])).ToList());

    /// <summary>
    /// The respondents and the nine score sums of the unit and period (<see cref="PeriodMonths.Plan"/>): the months read
    /// summed from the month totals, the days at the edges from the day totals, each summed in the database; a long
    /// partial month at an edge is its month total less the day totals of its days outside the period (a month total
    /// holds every response of its month, so this is exact). The sums are whole numbers, so adding and subtracting the
    /// parts is exact.
    /// </summary>
    public async Task<long[]> SumsAsync(IndexFilter filter, CancellationToken ct)
    {
        var plan = PeriodMonths.Plan(filter.From, filter.To, DateOnly.MaxValue);
        var s = new long[10];
        if (plan.HasMonths)
        {
            var months = await MonthTotals(filter, plan.FirstMonth!.Value, plan.LastMonth!.Value).GroupBy(t => 1).Select(g => new
            {
                N = g.Sum(t => t.Respondents),
                S1 = g.Sum(t => t.S1), S2 = g.Sum(t => t.S2), S3 = g.Sum(t => t.S3),
                S4 = g.Sum(t => t.S4), S5 = g.Sum(t => t.S5), S6 = g.Sum(t => t.S6),
                S7 = g.Sum(t => t.S7), S8 = g.Sum(t => t.S8), S9 = g.Sum(t => t.S9),
            }).FirstOrDefaultAsync(ct);
            if (months is not null) Add(s, [months.N, months.S1, months.S2, months.S3, months.S4, months.S5, months.S6, months.S7, months.S8, months.S9]);
        }
        if (plan.DaysRead.Count > 0) Add(s, await DaySumsAsync(filter, plan.DaysRead, ct));
        return s;
    }

    /// <summary>
    /// The day totals of the unit in the (at most two) day ranges, in one query: days inside the period added, days
    /// outside it (those subtracted from their month's total) subtracted.
    /// </summary>
    private async Task<long[]> DaySumsAsync(IndexFilter f, IReadOnlyList<DayRange> ranges, CancellationToken ct)
    {
        DateOnly from = f.From, to = f.To, aFrom = ranges[0].From, aTo = ranges[0].To, bFrom = ranges[^1].From, bTo = ranges[^1].To;
        var q = db.SurveyDayTotals.AsNoTracking().Where(t => (t.Day >= aFrom && t.Day <= aTo) || (t.Day >= bFrom && t.Day <= bTo));
        if (f.ServiceId is { } sid) q = q.Where(t => t.ServiceId == sid);
        if (f.AgencyId is { } a) q = q.Where(t => t.AgencyId == a);
        if (f.SiteId is { } site) q = q.Where(t => t.SiteKey == site);
        var sums = await q.GroupBy(t => 1).Select(g => new
        {
            N = g.Sum(t => t.Day >= from && t.Day <= to ? t.Respondents : -t.Respondents),
            S1 = g.Sum(t => t.Day >= from && t.Day <= to ? t.S1 : -t.S1), S2 = g.Sum(t => t.Day >= from && t.Day <= to ? t.S2 : -t.S2),
            S3 = g.Sum(t => t.Day >= from && t.Day <= to ? t.S3 : -t.S3), S4 = g.Sum(t => t.Day >= from && t.Day <= to ? t.S4 : -t.S4),
            S5 = g.Sum(t => t.Day >= from && t.Day <= to ? t.S5 : -t.S5), S6 = g.Sum(t => t.Day >= from && t.Day <= to ? t.S6 : -t.S6),
            S7 = g.Sum(t => t.Day >= from && t.Day <= to ? t.S7 : -t.S7), S8 = g.Sum(t => t.Day >= from && t.Day <= to ? t.S8 : -t.S8),
            S9 = g.Sum(t => t.Day >= from && t.Day <= to ? t.S9 : -t.S9),
        }).FirstOrDefaultAsync(ct);
        return sums is null ? new long[10] : [sums.N, sums.S1, sums.S2, sums.S3, sums.S4, sums.S5, sums.S6, sums.S7, sums.S8, sums.S9];
    }

    private static void Add(long[] into, long[] sums)
    {
        for (var i = 0; i < into.Length; i++) into[i] += sums[i];
    }

    /// <summary>The respondents and score sums of the unit per day of the period (for the trend), from the per-day totals.</summary>
    public async Task<IReadOnlyList<DayTally>> DailyAsync(IndexFilter filter, CancellationToken ct)
    {
        var rows = await Totals(filter).GroupBy(t => t.Day).Select(g => new
        {
            Day = g.Key, N = g.Sum(t => t.Respondents),
            S1 = g.Sum(t => t.S1), S2 = g.Sum(t => t.S2), S3 = g.Sum(t => t.S3),
            S4 = g.Sum(t => t.S4), S5 = g.Sum(t => t.S5), S6 = g.Sum(t => t.S6),
            S7 = g.Sum(t => t.S7), S8 = g.Sum(t => t.S8), S9 = g.Sum(t => t.S9),
        }).ToListAsync(ct);
        return rows.Select(r => new DayTally(r.Day, r.N, [r.S1, r.S2, r.S3, r.S4, r.S5, r.S6, r.S7, r.S8, r.S9])).ToList();
    }

    /// <summary>
    /// The people the unit served in the period: finished tickets plus completed applications (for a site, those an
    /// officer took there), from the kept per-month and per-day counts of closed days and today's records
    /// (<see cref="ServedCounts"/>).
    /// </summary>
    public Task<long> PopulationAsync(IndexFilter f, CancellationToken ct) => ServedCounts.PopulationAsync(db, time, f, ct);
}
