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
/// first call and the minutes at the counter (null when not called or not finished).</summary>
public sealed record ArrivalRecord(Guid AgencyId, DateOnly Day, DateTime ArrivedLocal, double? WaitMinutes, double? ServiceMinutes);

/// <summary>One agency at one weekday hour: what was observed and what the model advises.</summary>
public sealed record StaffingRow(Guid AgencyId, DayOfWeek Weekday, int Hour, int Days, int Arrivals, double? ObservedMedianWaitMinutes, StaffingResult? Advice);

/// <summary>Builds the staffing table from arrivals (pure): per agency, weekday and hour, the arrivals per hour are
/// the arrivals divided by the days of that weekday on which the agency had any arrival; the service time is the mean
/// of the finished tickets of that hour; the observed median wait is the median of the first calls' waits. A group of
/// fewer than five arrivals is not shown apart (no advice, no observed wait).</summary>
public static class StaffingTable
{
    public static List<StaffingRow> Build(IEnumerable<ArrivalRecord> arrivals, int targetWaitMinutes)
    {
        var list = arrivals.ToList();
        var openDays = list.GroupBy(a => (a.AgencyId, a.Day.DayOfWeek)).ToDictionary(g => g.Key, g => g.Select(a => a.Day).Distinct().Count());
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
            var advice = services.Count == 0 ? null
                : StaffingAdvice.Advise(Math.Round((double)count / days, 2), Math.Round(services.Average(), 1), targetWaitMinutes);
            rows.Add(new StaffingRow(g.Key.AgencyId, g.Key.Weekday, g.Key.Hour, days, count, median, advice));
        }
        return rows;
    }
}
