using System.Globalization;
using System.Text;
using SatuAtap.Core.Feedback;
using SatuAtap.Core.Outreach;

namespace SatuAtap.Core.Insights;

/// <summary>The figures of a period and a filter, each defined once in docs/insights.md.</summary>
public sealed record Figures(
    int Served, int People, int? WaitP50, int? WaitP90, double? WaitAverageMinutes, double? ServiceMinutes,
    double? OnTimeShare, double? OnlineShare, int BookingsKept, int BookingNoShows, int Returns, double? FreeShare,
    TripsSaved Trips, int Respondents, decimal? Ikm, string? Grade, int ComplaintsAnswered, double? ComplaintsOnTimeShare,
    int Bundles, int PermitsIssued, long InvestmentRupiah, int Jobs, int ApplicationsCompleted, int TicketsServed,
    IReadOnlyList<ElementResult> Elements);

/// <summary>Waits counted per whole minute: the form in which a day's waits are kept and added up.</summary>
public static class WaitHistogram
{
    public static string Write(IReadOnlyDictionary<int, int> counts)
    {
        var sb = new StringBuilder();
        foreach (var (minute, count) in counts.Where(c => c.Value > 0).OrderBy(c => c.Key))
        {
            if (sb.Length > 0) sb.Append(';');
            sb.Append(minute.ToString(CultureInfo.InvariantCulture)).Append(':').Append(count.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public static void AddTo(Dictionary<int, int> into, string text)
    {
        if (string.IsNullOrEmpty(text)) return;
        foreach (var part in text.Split(';'))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var minute = int.Parse(part.AsSpan(0, colon), CultureInfo.InvariantCulture);
            var count = int.Parse(part.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            into[minute] = into.GetValueOrDefault(minute) + count;
        }
    }

    /// <summary>A wait in whole minutes (rounded down, never below 0).</summary>
    public static int Minutes(DateTime arrivedUtc, DateTime calledUtc) => Math.Max(0, (int)Math.Floor((calledUtc - arrivedUtc).TotalMinutes));
}

/// <summary>One function per figure (docs/insights.md), and the figures of a set of kept day rows.</summary>
public static class InsightFigures
{
    /// <summary>Groups with fewer people than this are not shown apart.</summary>
    public const int SmallGroup = 5;

    /// <summary>The small-group rule: a group's figures are shown apart only when it has at least five people.</summary>
    public static bool ShownApart(int people) => people >= SmallGroup;

    /// <summary>Services delivered: tickets finished plus applications completed.</summary>
    public static int Served(int ticketsServed, int applicationsCompleted) => ticketsServed + applicationsCompleted;

    /// <summary>The nearest-rank percentile of waits counted per whole minute: the smallest minute at or below which at
    /// least p of all waits lie; null without waits.</summary>
    public static int? Percentile(IReadOnlyDictionary<int, int> waits, double p)
    {
        long total = waits.Values.Sum(v => (long)v);
        if (total == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(p * total));
        long seen = 0;
        foreach (var (minute, count) in waits.OrderBy(w => w.Key))
        {
            seen += count;
            if (seen >= rank) return minute;
        }
        return waits.Keys.Max();
    }

    /// <summary>A share rounded to three decimals; null when the whole is zero.</summary>
    public static double? Share(long part, long whole) => whole <= 0 ? null : Math.Round((double)part / whole, 3, MidpointRounding.AwayFromZero);

    /// <summary>An average of seconds in minutes, one decimal; null without anything counted.</summary>
    public static double? AverageMinutes(long seconds, long count) => count <= 0 ? null : Math.Round(seconds / 60.0 / count, 1, MidpointRounding.AwayFromZero);

    /// <summary>Completed within the standard: decided on or before the due date (the SLA clock's working days and
    /// pauses); an application without a due date (a service without a completion time) counts as on time.</summary>
    public static bool OnTime(DateOnly decidedOn, DateOnly? dueDate) => dueDate is not { } due || decidedOn <= due;

    /// <summary>A complaint answered on time: answered on or before its answer deadline.</summary>
    public static bool AnsweredOnTime(DateOnly answeredOn, DateOnly? answerDue) => answerDue is not { } due || answeredOn <= due;

    /// <summary>The satisfaction index of summed element scores: the Feedback module's <see cref="SatisfactionIndex.Compute"/>.</summary>
    public static IndexResult Index(IReadOnlyList<long> elementSums, long responses) =>
        SatisfactionIndex.Compute(elementSums.Select(s => new ElementTally(s, responses)).ToList());

    /// <summary>The figures of a set of day rows (of a period and a filter).</summary>
    public static Figures Of(IEnumerable<InsightDay> days)
    {
        var waits = new Dictionary<int, int>();
        int people = 0, tickets = 0, waitCount = 0, serviceCount = 0, kept = 0, noShows = 0, completed = 0, withDue = 0, onTime = 0, online = 0,
            returns = 0, free = 0, tripsPeople = 0, responses = 0, answered = 0, answeredOnTime = 0, bundles = 0, permits = 0, jobs = 0;
        long waitSeconds = 0, serviceSeconds = 0, fare = 0, investment = 0;
        double km = 0, hours = 0;
        var sums = new long[SatisfactionIndex.ElementCount];
        foreach (var d in days)
        {
            people += d.People; tickets += d.TicketsServed; waitCount += d.WaitCount; waitSeconds += d.WaitSeconds;
            WaitHistogram.AddTo(waits, d.Waits);
            serviceCount += d.ServiceCount; serviceSeconds += d.ServiceSeconds; kept += d.BookingsKept; noShows += d.BookingNoShows;
            completed += d.ApplicationsCompleted; withDue += d.ApplicationsWithDue; onTime += d.ApplicationsOnTime; online += d.ApplicationsOnline;
            returns += d.Returns; free += d.FreeServed; tripsPeople += d.TripsPeople; km += d.TripsKm; hours += d.TripsHours; fare += d.TripsFareRupiah;
            responses += d.SurveyResponses;
            var e = d.ElementSums;
            for (var i = 0; i < sums.Length; i++) sums[i] += e[i];
            answered += d.ComplaintsAnswered; answeredOnTime += d.ComplaintsAnsweredOnTime;
            bundles += d.Bundles; permits += d.PermitsIssued; investment += d.InvestmentRupiah; jobs += d.Jobs;
        }
        var served = Served(tickets, completed);
        var index = Index(sums, responses);
        return new Figures(served, people, Percentile(waits, 0.5), Percentile(waits, 0.9), AverageMinutes(waitSeconds, waitCount),
            AverageMinutes(serviceSeconds, serviceCount), Share(onTime, withDue), Share(online, served), kept, noShows, returns, Share(free, served),
            new TripsSaved(tripsPeople, Math.Round(km, 1), Math.Round(hours, 1), fare), responses,
            index.Ikm is { } ikm ? Math.Round(ikm, 2, MidpointRounding.AwayFromZero) : null, index.Grade?.Code,
            answered, Share(answeredOnTime, answered), bundles, permits, investment, jobs, completed, tickets, index.Elements);
    }
}
