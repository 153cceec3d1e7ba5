using SatuAtap.Core.Feedback;
using SatuAtap.Core.Insights;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Tests.Insights;

/// <summary>Each figure of docs/insights.md from a scripted set of records.</summary>
public sealed class InsightFiguresTests
{
    private static readonly Guid Dukcapil = Guid.CreateVersion7(), Dpmptsp = Guid.CreateVersion7();
    private static readonly Guid Ktp = Guid.CreateVersion7(), Nib = Guid.CreateVersion7(), Paid = Guid.CreateVersion7();
    private static readonly Guid Building = Guid.CreateVersion7(), Cisaat = Guid.CreateVersion7();
    private static readonly DateOnly Monday = new(2026, 11, 23), Tuesday = new(2026, 11, 24);

    private static readonly BuildContext Context = new(
        new Dictionary<Guid, ServiceFacts> { [Ktp] = new(Dukcapil, true), [Nib] = new(Dpmptsp, true), [Paid] = new(Dpmptsp, false) },
        new Dictionary<Guid, SiteFacts> { [Building] = new("", false, 0, 0), [Cisaat] = new("3202100", true, 40, 60) },
        2_500);

    private static DateTime At(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);

    private static TicketRecord Ticket(Guid site, Guid service, DateOnly day, int waitMinutes, int serviceMinutes, TicketStatus status = TicketStatus.Done, int hop = 0)
    {
        var arrived = At(day, 1, 0);
        var called = arrived.AddMinutes(waitMinutes);
        return new TicketRecord(site, service, day, hop, status, arrived, status == TicketStatus.Waiting ? null : called,
            status == TicketStatus.Done ? called : null, status == TicketStatus.Done ? called.AddMinutes(serviceMinutes) : null);
    }

    private static DayRecords Records(IReadOnlyList<TicketRecord>? tickets = null, IReadOnlyList<BookingRecord>? bookings = null,
        IReadOnlyList<ApplicationRecord>? applications = null, IReadOnlyList<ReturnRecord>? returns = null, IReadOnlyList<SurveyRecord>? surveys = null,
        IReadOnlyList<ComplaintRecord>? complaints = null, IReadOnlyList<BundleRecord>? bundles = null) =>
        new(tickets ?? [], bookings ?? [], applications ?? [], returns ?? [], surveys ?? [], complaints ?? [], bundles ?? []);

    private static Figures Figures(DayRecords records) => InsightFigures.Of(DayBuilder.Build(records, Context));

    [Fact]
    public void Served_CountsTicketsFinishedPlusApplicationsCompleted_NotNoShowsOrTransfers()
    {
        var f = Figures(Records(
            tickets: [Ticket(Building, Ktp, Monday, 5, 10), Ticket(Building, Ktp, Monday, 5, 10), Ticket(Building, Ktp, Monday, 5, 0, TicketStatus.NoShow),
                Ticket(Building, Ktp, Monday, 5, 0, TicketStatus.Transferred), Ticket(Building, Nib, Monday, 0, 4, hop: 1)],
            applications: [new(Dpmptsp, Nib, Monday, Monday, true, false)]));

        Assert.Equal(3 + 1, f.Served);
        Assert.Equal(3, f.TicketsServed);
        Assert.Equal(1, f.ApplicationsCompleted);
        Assert.Equal(4, f.People); // the transferred ticket's second hop is the same person
    }

    [Fact]
    public void WaitPercentiles_AreNearestRankOverWholeMinutes_OfFirstHopsThatWereCalled()
    {
        int[] waits = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30];
        var tickets = waits.Select(w => Ticket(Building, Ktp, Monday, w, 5)).ToList();
        tickets.Add(Ticket(Building, Ktp, Monday, 0, 0, TicketStatus.Waiting)); // never called: no wait yet
        tickets.Add(Ticket(Building, Ktp, Monday, 99, 5, hop: 1)); // a transfer's wait is not a new person's wait

        var f = Figures(Records(tickets));

        Assert.Equal(5, f.WaitP50);
        Assert.Equal(9, f.WaitP90);
        Assert.Equal(7.5, f.WaitAverageMinutes);
    }

    [Fact]
    public void Percentile_OfNoWaitsIsNull_AndOfOneWaitIsThatWait()
    {
        Assert.Null(InsightFigures.Percentile(new Dictionary<int, int>(), 0.5));
        Assert.Equal(12, InsightFigures.Percentile(new Dictionary<int, int> { [12] = 1 }, 0.9));
        Assert.Equal(3, InsightFigures.Percentile(new Dictionary<int, int> { [3] = 9, [40] = 1 }, 0.9));
        Assert.Equal(40, InsightFigures.Percentile(new Dictionary<int, int> { [3] = 8, [40] = 2 }, 0.9));
    }

    [Fact]
    public void Waits_KeptPerDay_AddUpToTheSamePercentilesAsTheRecordsTogether()
    {
        var monday = Enumerable.Range(0, 7).Select(i => Ticket(Building, Ktp, Monday, i * 3, 5)).ToList();
        var tuesday = Enumerable.Range(0, 5).Select(i => Ticket(Building, Ktp, Tuesday, 40 + i, 5)).ToList();

        var together = Figures(Records([.. monday, .. tuesday]));
        var rows = DayBuilder.Build(Records(monday), Context).Concat(DayBuilder.Build(Records(tuesday), Context));
        var added = InsightFigures.Of(rows);

        Assert.Equal(together.WaitP50, added.WaitP50);
        Assert.Equal(together.WaitP90, added.WaitP90);
        Assert.Equal(together.Served, added.Served);
        Assert.Equal(15, together.WaitP50); // 0 3 6 9 12 15 18 40 41 42 43 44: the 6th
    }

    [Fact]
    public void ServiceTime_IsTheAverageFromStartToFinishOfFinishedTickets()
    {
        var f = Figures(Records([Ticket(Building, Ktp, Monday, 1, 4), Ticket(Building, Ktp, Monday, 1, 8), Ticket(Building, Ktp, Monday, 1, 0, TicketStatus.NoShow)]));
        Assert.Equal(6.0, f.ServiceMinutes);
    }

    [Fact]
    public void OnTimeShare_CountsDecisionsOnOrBeforeTheDueDate_OfApplicationsWithADueDate()
    {
        var f = Figures(Records(applications:
        [
            new(Dpmptsp, Nib, Tuesday, Tuesday, false, false), // on the due date: on time
            new(Dpmptsp, Nib, Tuesday, Monday, false, false), // a day late
            new(Dpmptsp, Nib, Monday, Tuesday, false, false), // early
            new(Dpmptsp, Nib, Tuesday, null, false, false), // no standard time: not counted in the share
        ]));

        Assert.Equal(0.667, f.OnTimeShare);
        Assert.True(InsightFigures.OnTime(Tuesday, Tuesday));
        Assert.False(InsightFigures.OnTime(Tuesday, Monday));
    }

    [Fact]
    public void OnlineShare_IsApplicationsSubmittedOnlineOverServicesDelivered()
    {
        var f = Figures(Records(
            tickets: [Ticket(Building, Ktp, Monday, 1, 1), Ticket(Building, Ktp, Monday, 1, 1)],
            applications: [new(Dpmptsp, Nib, Monday, null, true, false), new(Dpmptsp, Nib, Monday, null, false, false)]));

        Assert.Equal(0.25, f.OnlineShare);
    }

    [Fact]
    public void Bookings_KeptAndNoShows_AreCountedApart()
    {
        var f = Figures(Records(bookings: [new(Building, Ktp, Monday, true), new(Building, Ktp, Monday, true), new(Building, Ktp, Monday, false)]));
        Assert.Equal(2, f.BookingsKept);
        Assert.Equal(1, f.BookingNoShows);
    }

    [Fact]
    public void ReturnsForCorrection_AreCountedOnTheDayOfTheReturn()
    {
        var rows = DayBuilder.Build(Records(returns: [new(Dpmptsp, Nib, Monday), new(Dpmptsp, Nib, Monday), new(Dpmptsp, Nib, Tuesday)]), Context);
        Assert.Equal(2, rows.Single(r => r.Day == Monday).Returns);
        Assert.Equal(3, InsightFigures.Of(rows).Returns);
    }

    [Fact]
    public void TripsSaved_UseOutreachsRule_ForTicketsFinishedAtAMobileStopOnly()
    {
        var f = Figures(Records([Ticket(Cisaat, Ktp, Monday, 1, 1), Ticket(Cisaat, Ktp, Monday, 1, 1), Ticket(Cisaat, Ktp, Monday, 1, 1, TicketStatus.NoShow),
            Ticket(Building, Ktp, Monday, 1, 1)]));

        var expected = SatuAtap.Core.Outreach.TripsSaved.Of(2, 40, 60, 2_500);
        Assert.Equal(expected.Kilometres, f.Trips.Kilometres);
        Assert.Equal(80.0, f.Trips.Kilometres);
        Assert.Equal(2.0, f.Trips.Hours);
        Assert.Equal(200_000, f.Trips.FareRupiah);
    }

    [Fact]
    public void FreeShare_IsServicesDeliveredOfServicesWithoutCharge()
    {
        var f = Figures(Records(tickets: [Ticket(Building, Ktp, Monday, 1, 1), Ticket(Building, Paid, Monday, 1, 1)],
            applications: [new(Dpmptsp, Paid, Monday, null, false, false), new(Dpmptsp, Nib, Monday, null, false, false)]));
        Assert.Equal(0.5, f.FreeShare);
    }

    [Fact]
    public void Ikm_AndGrade_AreTheFeedbackModulesIndex_OfTheSummedScores()
    {
        byte[] good = [4, 4, 4, 3, 4, 4, 4, 3, 4], fair = [3, 3, 2, 3, 3, 3, 3, 3, 2];
        var surveys = new List<SurveyRecord>
        {
            new(Dukcapil, Ktp, Building, Monday, good), new(Dukcapil, Ktp, null, Monday, fair), new(Dukcapil, Ktp, Building, Tuesday, good),
        };

        var f = Figures(Records(surveys: surveys));

        var tallies = Enumerable.Range(0, 9).Select(i => new ElementTally(surveys.Sum(s => s.Scores[i]), 3)).ToList();
        var expected = SatisfactionIndex.Compute(tallies);
        Assert.Equal(Math.Round(expected.Ikm!.Value, 2, MidpointRounding.AwayFromZero), f.Ikm);
        Assert.Equal(expected.Grade!.Code, f.Grade);
        Assert.Equal(3, f.Respondents);
        Assert.Equal(86.11m, f.Ikm); // Σ NRR = 93 ÷ 3 = 31; 31 × 25 ÷ 9
        Assert.Equal("B", f.Grade);
    }

    [Fact]
    public void Ikm_WithoutResponses_IsNull()
    {
        var f = Figures(Records([Ticket(Building, Ktp, Monday, 1, 1)]));
        Assert.Null(f.Ikm);
        Assert.Null(f.Grade);
    }

    [Fact]
    public void ComplaintsAnsweredOnTime_AreThoseAnsweredByTheirAnswerDeadline()
    {
        var f = Figures(Records(complaints: [new(Dukcapil, null, null, Monday, Monday), new(Dukcapil, null, null, Tuesday, Monday), new(null, Ktp, null, Monday, Tuesday)]));
        Assert.Equal(3, f.ComplaintsAnswered);
        Assert.Equal(0.667, f.ComplaintsOnTimeShare);
    }

    [Fact]
    public void Bundles_PermitsInvestmentAndJobs_AreSummedPerDistrict()
    {
        var rows = DayBuilder.Build(Records(
            applications: [new(Dpmptsp, Nib, Monday, null, true, true), new(Dpmptsp, Nib, Monday, null, true, false)],
            bundles: [new(Monday, "3202100", 150_000_000, 3), new(Monday, "3202100", 50_000_000, 1), new(Monday, "3202200", 0, 0)]), Context);

        var f = InsightFigures.Of(rows);
        Assert.Equal(3, f.Bundles);
        Assert.Equal(1, f.PermitsIssued);
        Assert.Equal(200_000_000, f.InvestmentRupiah);
        Assert.Equal(4, f.Jobs);
        Assert.Equal(2, rows.Single(r => r.District == "3202100").Bundles);
    }

    [Fact]
    public void SmallGroupRule_HidesGroupsUnderFivePeople()
    {
        Assert.False(InsightFigures.ShownApart(0));
        Assert.False(InsightFigures.ShownApart(4));
        Assert.True(InsightFigures.ShownApart(5));
    }

    [Fact]
    public void Share_OfNothingIsNull_AndIsRoundedToThreeDecimals()
    {
        Assert.Null(InsightFigures.Share(0, 0));
        Assert.Equal(0.333, InsightFigures.Share(1, 3));
    }

    [Fact]
    public void WaitHistogram_WritesAndReadsBack()
    {
        var text = WaitHistogram.Write(new Dictionary<int, int> { [12] = 2, [0] = 5, [3] = 0 });
        Assert.Equal("0:5;12:2", text);
        var back = new Dictionary<int, int> { [12] = 1 };
        WaitHistogram.AddTo(back, text);
        Assert.Equal(new Dictionary<int, int> { [0] = 5, [12] = 3 }, back);
    }

    [Fact]
    public void InsightWait_KeepsEachRowsHistogramAsOneRowPerMinute_WhoseCountsGiveTheSamePercentiles()
    {
        var rows = DayBuilder.Build(new DayRecords(
            [
                new TicketRecord(Building, Ktp, Monday, 0, TicketStatus.Done, At(Monday, 8, 0), At(Monday, 8, 2), At(Monday, 8, 2), At(Monday, 8, 9)),
                new TicketRecord(Building, Ktp, Monday, 0, TicketStatus.Done, At(Monday, 8, 0), At(Monday, 8, 2), At(Monday, 8, 3), At(Monday, 8, 9)),
                new TicketRecord(Building, Ktp, Monday, 0, TicketStatus.NoShow, At(Monday, 8, 0), At(Monday, 8, 30), null, null),
                new TicketRecord(Building, Ktp, Monday, 1, TicketStatus.Done, At(Monday, 8, 0), At(Monday, 8, 50), null, null),
                new TicketRecord(Cisaat, Nib, Tuesday, 0, TicketStatus.Done, At(Tuesday, 9, 0), At(Tuesday, 9, 7), null, null),
                new TicketRecord(Cisaat, Nib, Tuesday, 0, TicketStatus.Waiting, At(Tuesday, 9, 0), null, null, null),
            ], [], [new ApplicationRecord(Dpmptsp, Nib, Monday, Monday, true, false)], [], [], [], []), Context);

        var waits = InsightWait.Of(rows).ToList();

        // Monday's KTP row: 2 minutes twice, 30 once (the later hop is not a wait); Tuesday's row: 7 once; the
        // application's row has no waits and no wait row.
        Assert.Equal(
            [(Monday, Dukcapil, Building, Ktp, "", 2, 2), (Monday, Dukcapil, Building, Ktp, "", 30, 1), (Tuesday, Dpmptsp, Cisaat, Nib, "3202100", 7, 1)],
            waits.Select(w => (w.Day, w.AgencyId, w.SiteId, w.ServiceId, w.District, w.Minute, w.Count)).ToList());
        // Added per minute (as the database adds them), they give the percentiles of all the rows' waits.
        var summed = waits.GroupBy(w => w.Minute).ToDictionary(g => g.Key, g => g.Sum(w => w.Count));
        var all = InsightFigures.Of(rows);
        Assert.Equal(all.WaitP50, InsightFigures.Percentile(summed, 0.5));
        Assert.Equal(all.WaitP90, InsightFigures.Percentile(summed, 0.9));
        Assert.Equal((2, 30), (all.WaitP50, all.WaitP90));
    }
}
