namespace SatuAtap.Core.Insights;

/// <summary>What the queueing model says for one agency at one weekday hour.</summary>
public sealed record StaffingResult(double ArrivalsPerHour, double ServiceMinutes, double TrafficErlangs, int Counters, double WaitProbability, double MedianWaitMinutes);

/// <summary>
/// Staffing advice from the Erlang C model (M/M/c): people arrive at random at <c>λ</c> per hour, each takes on average
/// <c>s</c> minutes at a counter, <c>c</c> counters serve. The traffic is <c>a = λ·s/60</c> erlangs; with <c>a &lt; c</c>
/// the chance to wait is Erlang C, and a wait is longer than <c>t</c> with probability <c>C·e^(−(c−a)·t/s)</c>, so
/// the median wait is 0 when <c>C ≤ ½</c> and <c>s·ln(2C)/(c−a)</c> otherwise. The advice is the fewest counters whose
/// median wait is at most the target (<c>Insights:TargetWaitMinutes</c>).
/// </summary>
public static class StaffingAdvice
{
    public const int MaxCounters = 200;

    /// <summary>Erlang C: the probability that an arrival waits, for <paramref name="counters"/> counters and
    /// <paramref name="erlangs"/> of traffic; 1 when the counters cannot keep up (<c>a ≥ c</c>).</summary>
    public static double ErlangC(int counters, double erlangs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(counters, 1);
        if (erlangs <= 0) return 0;
        if (erlangs >= counters) return 1;
        // Erlang B by its stable recursion, then C = c·B / (c − a·(1 − B)).
        var b = 1.0;
        for (var k = 1; k <= counters; k++) b = erlangs * b / (k + erlangs * b);
        return counters * b / (counters - erlangs * (1 - b));
    }

    /// <summary>The median wait in minutes; +∞ when the counters cannot keep up.</summary>
    public static double MedianWaitMinutes(int counters, double arrivalsPerHour, double serviceMinutes)
    {
        var a = arrivalsPerHour * serviceMinutes / 60;
        if (a <= 0) return 0;
        if (a >= counters) return double.PositiveInfinity;
        var c = ErlangC(counters, a);
        return c <= 0.5 ? 0 : serviceMinutes * Math.Log(2 * c) / (counters - a);
    }

    /// <summary>The fewest counters that keep the median wait at or under the target.</summary>
    public static StaffingResult Advise(double arrivalsPerHour, double serviceMinutes, int targetWaitMinutes)
    {
        var a = arrivalsPerHour * serviceMinutes / 60;
        var counters = Math.Max(1, (int)Math.Floor(a) + 1);
        while (counters < MaxCounters && MedianWaitMinutes(counters, arrivalsPerHour, serviceMinutes) > targetWaitMinutes) counters++;
        return new StaffingResult(arrivalsPerHour, serviceMinutes, Math.Round(a, 2), counters, Math.Round(ErlangC(counters, a), 4),
            Math.Round(MedianWaitMinutes(counters, arrivalsPerHour, serviceMinutes), 1));
    }
}

/// <summary>One arrival as the staffing table reads it: the agency, the mall's local arrival time, the wait to the
/// first call and the minutes at the counter (null when not called or not finished); the counter that first called it
/// and the mall's local time of that call (null when not called or the counter is not recorded).</summary>
public sealed record ArrivalRecord(Guid AgencyId, DateOnly Day, DateTime ArrivedLocal, double? WaitMinutes, double? ServiceMinutes,
    Guid? CounterId = null, DateTime? CalledLocal = null);

/// <summary>One agency at one weekday hour: what was observed and what the model says. <see cref="CountersOpen"/> is
/// read from the records (the counters that called someone in that hour, see <see cref="StaffingTable"/>);
/// <see cref="PredictedMedianWaitMinutes"/> is Erlang C's median wait with those counters, to stand beside
/// <see cref="ObservedMedianWaitMinutes"/> (null when the counters open cannot keep up: <see cref="OverCapacity"/>);
/// <see cref="Advice"/> is the fewest counters for the target.</summary>
public sealed record StaffingRow(Guid AgencyId, DayOfWeek Weekday, int Hour, int Days, int Arrivals, double? ObservedMedianWaitMinutes, StaffingResult? Advice,
    int? CountersOpen = null, double? PredictedMedianWaitMinutes = null, bool OverCapacity = false);

/// <summary>Builds the staffing table from arrivals (pure): per agency, weekday and hour, the arrivals per hour are
/// the arrivals divided by the days of that weekday on which the agency had any arrival; the service time is the mean
/// of the finished tickets of that hour; the observed median wait is the median of the first calls' waits. The counters
/// open are counted from the calls: on each day, the distinct counters of the agency that called someone in that hour
/// (by the time of the call); the row's figure is the mean over the days of that weekday on which any was recorded,
/// rounded to a whole counter (halves up). A group of fewer than five arrivals is not shown apart (no advice, no
/// observed wait).</summary>
public static class StaffingTable
{
    public static List<StaffingRow> Build(IEnumerable<ArrivalRecord> arrivals, int targetWaitMinutes)
    {
        var list = arrivals.ToList();
        var openDays = list.GroupBy(a => (a.AgencyId, a.Day.DayOfWeek)).ToDictionary(g => g.Key, g => g.Select(a => a.Day).Distinct().Count());
        var counters = CountersOpen(list);
        var rows = new List<StaffingRow>();
        foreach (var g in list.GroupBy(a => (a.AgencyId, Weekday: a.Day.DayOfWeek, a.ArrivedLocal.Hour))
                     .OrderBy(g => g.Key.AgencyId).ThenBy(g => ((int)g.Key.Weekday + 6) % 7).ThenBy(g => g.Key.Hour))
        {
            var days = openDays[(g.Key.AgencyId, g.Key.Weekday)];
            var count = g.Count();
            if (!InsightFigures.ShownApart(count))
            {
                rows.Add(new StaffingRow(g.Key.AgencyId, g.Key.Weekday, g.Key.Hour, days, count, null, null));
                continue;
            }
            var waits = g.Where(a => a.WaitMinutes is not null).Select(a => a.WaitMinutes!.Value).Order().ToList();
            var services = g.Where(a => a.ServiceMinutes is not null).Select(a => a.ServiceMinutes!.Value).ToList();
            double? median = waits.Count == 0 ? null
                : Math.Round(waits.Count % 2 == 1 ? waits[waits.Count / 2] : (waits[waits.Count / 2 - 1] + waits[waits.Count / 2]) / 2, 1);
            if (services.Count == 0)
            {
                rows.Add(new StaffingRow(g.Key.AgencyId, g.Key.Weekday, g.Key.Hour, days, count, median, null));
                continue;
            }
            var perHour = Math.Round((double)count / days, 2);
            var serviceMinutes = Math.Round(services.Average(), 1);
            var advice = StaffingAdvice.Advise(perHour, serviceMinutes, targetWaitMinutes);
            int? open = counters.TryGetValue(g.Key, out var c) ? c : null;
            double? predicted = null;
            var over = false;
            if (open is { } n)
            {
                var wait = StaffingAdvice.MedianWaitMinutes(n, perHour, serviceMinutes);
                if (double.IsPositiveInfinity(wait)) over = true;
                else predicted = Math.Round(wait, 1);
            }
            rows.Add(new StaffingRow(g.Key.AgencyId, g.Key.Weekday, g.Key.Hour, days, count, median, advice, open, predicted, over));
        }
        return rows;
    }

    /// <summary>Counters open per agency, weekday and hour, from the recorded calls (see the class summary).</summary>
    public static Dictionary<(Guid AgencyId, DayOfWeek Weekday, int Hour), int> CountersOpen(IEnumerable<ArrivalRecord> arrivals) =>
        arrivals.Where(a => a.CounterId is not null && a.CalledLocal is not null)
            .GroupBy(a => (a.AgencyId, a.Day, a.CalledLocal!.Value.Hour))
            .Select(g => (g.Key.AgencyId, g.Key.Day.DayOfWeek, g.Key.Hour, Counters: g.Select(a => a.CounterId).Distinct().Count()))
            .GroupBy(x => (x.AgencyId, x.DayOfWeek, x.Hour))
            .ToDictionary(g => g.Key, g => (int)Math.Round(g.Average(x => x.Counters), MidpointRounding.AwayFromZero));
}

/// <summary>A staffing row as the API gives it (<c>GET /api/v1/insights/staffing</c>): the agency's code, the ISO weekday
/// (1 Monday … 7 Sunday) and hour, the model's inputs (arrivals per hour, mean service minutes, counters open as
/// recorded), Erlang C's median wait with the counters open beside the observed median wait, and the advice (counters
/// for the target, the model's median wait with them). The figures are null for a group under five arrivals.</summary>
public sealed record StaffingApiRow(string AgencyCode, int Weekday, int Hour, int Days, int Arrivals, double? ArrivalsPerHour, double? ServiceMinutes,
    double? TrafficErlangs, int? CountersOpen, double? PredictedMedianWaitMinutes, bool OverCapacity, double? ObservedMedianWaitMinutes,
    int? CountersAdvised, double? AdvisedMedianWaitMinutes, int TargetWaitMinutes)
{
    public static StaffingApiRow Of(StaffingRow r, string agencyCode, int target) => new(agencyCode, r.Weekday == DayOfWeek.Sunday ? 7 : (int)r.Weekday, r.Hour,
        r.Days, r.Arrivals, r.Advice?.ArrivalsPerHour, r.Advice?.ServiceMinutes, r.Advice?.TrafficErlangs, r.CountersOpen, r.PredictedMedianWaitMinutes,
        r.OverCapacity, r.ObservedMedianWaitMinutes, r.Advice?.Counters, r.Advice?.MedianWaitMinutes, target);
}
