namespace SatuAtap.Core.Insights;

/// <summary>The sums of kept rows per group, as the database adds them: every count and sum of the rows of a group (of
/// days or of months) as one <see cref="InsightDay"/>, and the waits of a group per minute.</summary>
public static class InsightSums
{
    public sealed class Summed<TKey>
    {
        public TKey Key { get; init; } = default!;
        public InsightDay Row { get; init; } = null!;
    }

    public sealed class Counted<TKey>
    {
        public TKey Key { get; init; } = default!;
        public int Count { get; init; }
    }

    /// <summary>The waits of each group added per its key (which holds the minute).</summary>
    public static IQueryable<Counted<TKey>> Counts<TKey, T>(IQueryable<IGrouping<TKey, T>> groups) where T : InsightWaitCount =>
        groups.Select(g => new Counted<TKey> { Key = g.Key, Count = g.Sum(x => x.Count) });

    /// <summary>Every count and sum of the rows of each group, added by the database.</summary>
    public static IQueryable<Summed<TKey>> Of<TKey, T>(IQueryable<IGrouping<TKey, T>> groups) where T : InsightCounts =>
        groups.Select(g => new Summed<TKey>
        {
            Key = g.Key,
            Row = new InsightDay
            {
                People = g.Sum(d => d.People), TicketsServed = g.Sum(d => d.TicketsServed),
                WaitCount = g.Sum(d => d.WaitCount), WaitSeconds = g.Sum(d => d.WaitSeconds),
                ServiceCount = g.Sum(d => d.ServiceCount), ServiceSeconds = g.Sum(d => d.ServiceSeconds),
                BookingsKept = g.Sum(d => d.BookingsKept), BookingNoShows = g.Sum(d => d.BookingNoShows),
                ApplicationsCompleted = g.Sum(d => d.ApplicationsCompleted), ApplicationsWithDue = g.Sum(d => d.ApplicationsWithDue),
                ApplicationsOnTime = g.Sum(d => d.ApplicationsOnTime), ApplicationsOnline = g.Sum(d => d.ApplicationsOnline),
                Returns = g.Sum(d => d.Returns), FreeServed = g.Sum(d => d.FreeServed),
                TripsPeople = g.Sum(d => d.TripsPeople), TripsKm = g.Sum(d => d.TripsKm), TripsHours = g.Sum(d => d.TripsHours),
                TripsFareRupiah = g.Sum(d => d.TripsFareRupiah), SurveyResponses = g.Sum(d => d.SurveyResponses),
                U1 = g.Sum(d => d.U1), U2 = g.Sum(d => d.U2), U3 = g.Sum(d => d.U3), U4 = g.Sum(d => d.U4), U5 = g.Sum(d => d.U5),
                U6 = g.Sum(d => d.U6), U7 = g.Sum(d => d.U7), U8 = g.Sum(d => d.U8), U9 = g.Sum(d => d.U9),
                ComplaintsAnswered = g.Sum(d => d.ComplaintsAnswered), ComplaintsAnsweredOnTime = g.Sum(d => d.ComplaintsAnsweredOnTime),
                Bundles = g.Sum(d => d.Bundles), PermitsIssued = g.Sum(d => d.PermitsIssued),
                InvestmentRupiah = g.Sum(d => d.InvestmentRupiah), Jobs = g.Sum(d => d.Jobs),
            },
        });
}
