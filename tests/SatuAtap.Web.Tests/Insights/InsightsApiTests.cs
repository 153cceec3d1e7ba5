using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Feedback;
using SatuAtap.Core.Insights;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Insights;

/// <summary>
/// The insights API on scripted records of closed days (June and July 2026, before any demo record): the summary,
/// the series, the export and the open data agree with the figures worked out by hand from those records; the kept
/// rows equal a rebuild; a closed day changes only when one of its records does; who may ask; bad input.
/// </summary>
public sealed class InsightsApiTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private const string June = "from=2026-06-01&to=2026-06-05";
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static readonly HashSet<MallFactory> Seeded = [];
    private int _number;

    /// <summary>
    /// June 2026 (Monday 1 to Friday 5), at the building:
    /// Disdukcapil KTP: Monday five tickets served after waits of 2, 4, 6, 8, 10 minutes (10 minutes of service each);
    /// Tuesday two served after 20 and 30 minutes and one called after 15 minutes who did not come.
    /// Bapenda: Thursday three served after 1 minute each.
    /// DPMPTSP: Wednesday four applications decided, three by their due date, one late; two filed online. One returned on Tuesday.
    /// Two survey answers for KTP on Monday, all elements 4.
    /// </summary>
    internal async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (!Seeded.Add(mall)) return;
            await using var scope = mall.Scope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var (ktp, bapenda, nib) = await ServicesAsync(scope);
            var site = await db.QueueSites.Where(s => s.Kind == SiteKind.Building).Select(s => s.Id).FirstAsync();
            var mon = new DateOnly(2026, 6, 1);
            foreach (var w in new[] { 2, 4, 6, 8, 10 }) db.Tickets.Add(Ticket(site, ktp.Id, mon, w, 10));
            foreach (var w in new[] { 20, 30 }) db.Tickets.Add(Ticket(site, ktp.Id, mon.AddDays(1), w, 5));
            db.Tickets.Add(Ticket(site, ktp.Id, mon.AddDays(1), 15, 0, TicketStatus.NoShow));
            for (var i = 0; i < 3; i++) db.Tickets.Add(Ticket(site, bapenda.Id, mon.AddDays(3), 1, 3));
            var wednesday = Utc(mon.AddDays(2), 3, 0);
            var officer = await db.Users.Where(u => u.Email == Accounts.DpmptspOfficer).Select(u => u.Id).FirstAsync();
            for (var i = 0; i < 4; i++)
            {
                var app = new Application
                {
                    TrackingNumber = $"INS-TEST-{i}", ServiceId = nib.Id, AgencyId = nib.Agency.Id, CurrentAgencyId = nib.Agency.Id,
                    ApplicantName = "Siti Rahasia", Status = ApplicationStatus.Issued, IsOpen = false, CreatedAtUtc = wednesday.AddDays(-5),
                    SubmittedAtUtc = wednesday.AddDays(-5), DecidedAtUtc = wednesday, DueDate = i == 3 ? mon.AddDays(1) : mon.AddDays(4),
                    CapturedByUserId = i < 2 ? null : officer,
                };
                db.Applications.Add(app);
                if (i == 0)
                    db.ApplicationEvents.Add(new ApplicationEvent
                    {
                        ApplicationId = app.Id, AtUtc = Utc(mon.AddDays(1), 4, 0), Action = ApplicationAction.Return,
                        FromStatus = ApplicationStatus.InVerification, ToStatus = ApplicationStatus.ReturnedForCorrection,
                    });
            }
            for (var i = 0; i < 2; i++)
                db.SurveyResponses.Add(new SurveyResponse
                {
                    ServiceId = ktp.Id, AgencyId = ktp.Agency.Id, SiteId = site, Day = mon, SubmittedAtUtc = Utc(mon, 5, 0), Channel = SurveyChannel.Paper,
                    U1 = 4, U2 = 4, U3 = 4, U4 = 4, U5 = 4, U6 = 4, U7 = 4, U8 = 4, U9 = 4,
                });
            // July: a week of its own for the test that changes a record.
            for (var d = 0; d < 5; d++)
                for (var i = 0; i <= d; i++)
                    db.Tickets.Add(Ticket(site, ktp.Id, new DateOnly(2026, 7, 6).AddDays(d), 3 + i, 4));
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<KeepInsights>().RebuildAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 31), default);
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static async Task<(ServiceView Ktp, ServiceView Bapenda, ServiceView Nib)> ServicesAsync(AsyncServiceScope scope)
    {
        var snapshot = await scope.ServiceProvider.GetRequiredService<CatalogCache>().GetAsync();
        return (snapshot.ServicesByCode["DKP-KTP"], snapshot.Services.First(s => s.Agency.Code == "BAPENDA"), snapshot.Services.First(s => s.Agency.Code == "DPMPTSP"));
    }

    private static DateTime Utc(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);

    private Ticket Ticket(Guid site, Guid service, DateOnly day, int waitMinutes, int serviceMinutes, TicketStatus status = TicketStatus.Done)
    {
        var arrived = Utc(day, 1, 0).AddMinutes(_number);
        var called = arrived.AddMinutes(waitMinutes);
        return new Ticket
        {
            SiteId = site, ServiceId = service, Series = "Y", Day = day, Number = ++_number, Status = status, ArrivedUtc = arrived, CalledUtc = called,
            StartedUtc = status == TicketStatus.Done ? called : null, FinishedUtc = status == TicketStatus.Done ? called.AddMinutes(serviceMinutes) : null,
        };
    }

    private static async Task<JsonNode> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task Summary_EqualsTheFiguresWorkedOutFromTheRecords()
    {
        await SeedAsync();
        var regent = await mall.ClientForAsync(Accounts.Regent);

        var s = await OkAsync(regent.GetAsync("/api/v1/insights/summary?" + June));

        Assert.Equal("2026-06-01/2026-06-05", s["period"]!.GetValue<string>());
        Assert.Equal(10 + 4, s["served"]!.GetValue<int>());
        // Waits of first calls: 2 4 6 8 10, 20 30 15, 1 1 1 — sorted 1 1 1 2 4 6 8 10 15 20 30: the 6th and the 10th.
        Assert.Equal(6, s["waitMinutes"]!["p50"]!.GetValue<int>());
        Assert.Equal(20, s["waitMinutes"]!["p90"]!.GetValue<int>());
        Assert.Equal(0.75, s["onTimeShare"]!.GetValue<double>());
        Assert.Equal(0.143, s["onlineShare"]!.GetValue<double>());
        Assert.Equal(1, s["returns"]!.GetValue<int>());
        Assert.Equal(100m, s["ikm"]!.GetValue<decimal>());
        Assert.Equal("A", s["grade"]!.GetValue<string>());
        Assert.Equal(0, s["tripsSavedKm"]!.GetValue<double>());
        Assert.Equal(0, s["bundles"]!.GetValue<int>());
        Assert.Equal(0, s["investmentRupiah"]!.GetValue<long>());
    }

    [Fact]
    public async Task Series_ByDay_GivesEachDaysFigure_AndTheirSumIsThePeriods()
    {
        await SeedAsync();
        var regent = await mall.ClientForAsync(Accounts.Regent);

        var series = (await OkAsync(regent.GetAsync("/api/v1/insights/series?metric=served&by=day&" + June))).AsArray();

        Assert.Equal(["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05"], series.Select(p => p!["period"]!.GetValue<string>()));
        Assert.Equal([5, 2, 4, 3, 0], series.Select(p => p!["value"]!.GetValue<double>()));
        var month = (await OkAsync(regent.GetAsync("/api/v1/insights/series?metric=served&by=month&from=2026-06-01&to=2026-07-31"))).AsArray();
        Assert.Equal(14, month[0]!["value"]!.GetValue<double>());
        Assert.Equal(1 + 2 + 3 + 4 + 5, month[1]!["value"]!.GetValue<double>());
        var weeks = (await OkAsync(regent.GetAsync("/api/v1/insights/series?metric=waitP50&by=week&" + June))).AsArray();
        Assert.Equal("2026-06-01", Assert.Single(weeks)!["period"]!.GetValue<string>());
        Assert.Equal(6, weeks[0]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task AgencyHead_SeesTheOwnAgencyOnly()
    {
        await SeedAsync();
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);

        var s = await OkAsync(head.GetAsync("/api/v1/insights/summary?" + June));
        Assert.Equal(7, s["served"]!.GetValue<int>());
        Assert.Equal(8, s["waitMinutes"]!["p50"]!.GetValue<int>()); // 2 4 6 8 10 15 20 30
        Assert.Equal(30, s["waitMinutes"]!["p90"]!.GetValue<int>());
        await (await head.GetAsync("/api/v1/insights/summary?agencyId=DPMPTSP&" + June)).AssertProblemAsync(403);
        await (await head.GetAsync("/api/v1/insights/export?format=csv&agencyId=DPMPTSP&" + June)).AssertProblemAsync(403);
        Assert.Equal(7, (await OkAsync(head.GetAsync("/api/v1/insights/summary?agencyId=DUKCAPIL&" + June)))["served"]!.GetValue<int>());
    }

    [Fact]
    public async Task OfficersAndCitizensAreRefused_AndAnonymousMustSignIn()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/insights/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/insights/series?metric=served")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/insights/export?format=csv")).StatusCode);
        await (await (await mall.ClientForAsync(Accounts.DukcapilOfficer)).GetAsync("/api/v1/insights/summary")).AssertProblemAsync(403);
        await (await (await mall.ClientForAsync(Accounts.DukcapilOfficer)).GetAsync("/api/v1/insights/series?metric=served")).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await mall.ClientForAsync(Accounts.Citizen)).GetAsync("/api/v1/insights/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await mall.ClientForAsync(Accounts.Regent)).PostAsync("/api/v1/insights/rebuild?from=2026-06-01", null)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/insights/summary?from=2026-13-01", "from")]
    [InlineData("/api/v1/insights/summary?from=2026-06-10&to=2026-06-01", "to")]
    [InlineData("/api/v1/insights/summary?from=2020-01-01&to=2026-06-01", "to")]
    [InlineData("/api/v1/insights/summary?agencyId=NOPE", "agencyId")]
    [InlineData("/api/v1/insights/summary?siteId=not-a-guid", "siteId")]
    [InlineData("/api/v1/insights/summary?district=99999999", "district")]
    [InlineData("/api/v1/insights/series?metric=happiness", "metric")]
    [InlineData("/api/v1/insights/series", "metric")]
    [InlineData("/api/v1/insights/series?metric=served&by=year", "by")]
    [InlineData("/api/v1/insights/series?metric=served&by=day&from=2025-01-01&to=2026-06-01", "to")]
    [InlineData("/api/v1/insights/export?format=doc", "format")]
    [InlineData("/api/v1/insights/export?view=everything&format=csv", "view")]
    public async Task BadInput_IsAProblemNamingTheField(string url, string field)
    {
        var regent = await mall.ClientForAsync(Accounts.Regent);
        var problem = await (await regent.GetAsync(url)).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("/api/v1/insights/open-data?from=2026-02-30")]
    [InlineData("/api/v1/insights/open-data?from=2026-06-10&to=2026-06-01")]
    [InlineData("/api/v1/insights/open-data?format=xml")]
    public async Task OpenData_BadInput_IsAProblem(string url) =>
        await (await mall.CreateClient().GetAsync(url)).AssertProblemAsync(400);

    [Fact]
    public async Task OpenData_IsPublic_PerAgencyAndMonth_SmallGroupsFolded_NoPersonalData()
    {
        await SeedAsync();
        var anonymous = mall.CreateClient();

        var response = await anonymous.GetAsync("/api/v1/insights/open-data?from=2026-06-01&to=2026-06-30");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Siti", text, StringComparison.Ordinal);
        var rows = JsonNode.Parse(text)!.AsArray();
        var dukcapil = Assert.Single(rows, r => r!["agencyCode"]!.GetValue<string>() == "DUKCAPIL")!;
        Assert.Equal("2026-06", dukcapil["month"]!.GetValue<string>());
        Assert.Equal(7, dukcapil["served"]!.GetValue<int>());
        Assert.Equal(100m, dukcapil["ikm"]!.GetValue<decimal>());
        // DPMPTSP (4) and Bapenda (3) are each under five people: not shown apart, but together as "other" (7).
        Assert.DoesNotContain(rows, r => r!["agencyCode"]!.GetValue<string>() is "DPMPTSP" or "BAPENDA");
        var other = Assert.Single(rows, r => r!["agencyCode"]!.GetValue<string>() == "other")!;
        Assert.Equal(7, other["served"]!.GetValue<int>());
        Assert.False(other["suppressed"]!.GetValue<bool>());
        Assert.All(rows, r => Assert.Equal(OpenData.Columns, r!.AsObject().Select(p => p.Key)));

        var csv = await anonymous.GetAsync("/api/v1/insights/open-data?from=2026-06-01&to=2026-06-30&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', OpenData.Columns), lines[0]);
        Assert.Contains(lines, l => l.StartsWith("2026-06,DUKCAPIL,", StringComparison.Ordinal) && l.Contains(",false,7,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenData_HidesAGroupUnderFive_EvenWhenFolded()
    {
        await SeedAsync();
        // Thursday alone: Bapenda's three are the only people, folded into "other" and still under five.
        var rows = (await OkAsync(mall.CreateClient().GetAsync("/api/v1/insights/open-data?from=2026-06-04&to=2026-06-04"))).AsArray();
        var other = Assert.Single(rows)!;
        Assert.Equal("other", other["agencyCode"]!.GetValue<string>());
        Assert.True(other["suppressed"]!.GetValue<bool>());
        Assert.Null(other["served"]);
    }

    [Fact]
    public async Task Export_Xlsx_OpensWithTheSummarysFigures_AndCsvAndPdfAnswer()
    {
        await SeedAsync();
        var regent = await mall.ClientForAsync(Accounts.Regent);

        var response = await regent.GetAsync("/api/v1/insights/export?view=summary&format=xlsx&" + June);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheets.First();
        double Value(string label) => sheet.RowsUsed().First(r => r.Cell(1).GetString() == label).Cell(2).GetDouble();
        Assert.Equal(14, Value("Layanan diberikan"));
        Assert.Equal(6, Value("Waktu tunggu median (menit)"));
        Assert.Equal(0.75, Value("Selesai sesuai standar"));
        Assert.Equal(100, Value("IKM"));

        var agencies = await regent.GetAsync("/api/v1/insights/export?view=agencies&format=xlsx&" + June);
        using var byAgency = new XLWorkbook(new MemoryStream(await agencies.Content.ReadAsByteArrayAsync()));
        var rows = byAgency.Worksheets.First().RowsUsed().ToList();
        Assert.Equal(7, rows.First(r => r.Cell(1).GetString().Contains("Kependudukan", StringComparison.Ordinal)).Cell(2).GetDouble());

        var csv = await regent.GetAsync("/api/v1/insights/export?view=months&format=csv&from=2026-06-01&to=2026-07-31");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("2026-06,14,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2026-07,15,", lines[2], StringComparison.Ordinal);

        var pdf = await regent.GetAsync("/api/v1/insights/export?view=months&format=pdf&" + June);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeptRows_EqualARebuild_AndAClosedDayChangesOnlyWhenOneOfItsRecordsDoes()
    {
        await SeedAsync();
        DateOnly from = new(2026, 7, 6), to = new(2026, 7, 10);
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var keeper = scope.ServiceProvider.GetRequiredService<KeepInsights>();

        // The job's round keeps every closed day; rebuilding the week gives the same rows.
        await keeper.HandleAsync(default);
        var kept = await RowsAsync(db, from, to);
        await keeper.RebuildAsync(from, to, default);
        Assert.Equal(kept, await RowsAsync(db, from, to));
        // …and the same as built straight from the records.
        var built = DayBuilder.Build(await keeper.RecordsAsync(from, to, closed: true, default), await keeper.ContextAsync(default));
        Assert.Equal(kept, built.Select(Text).ToList());

        // One ticket of Wednesday becomes a no-show: Wednesday's row changes, no other day's does.
        var wednesday = new DateOnly(2026, 7, 8);
        var ticket = await db.Tickets.FirstAsync(t => t.Day == wednesday && t.Series == "Y" && t.Status == TicketStatus.Done);
        ticket.Status = TicketStatus.NoShow;
        await db.SaveChangesAsync();
        await keeper.RebuildAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 31), default);
        var after = await RowsAsync(db, from, to);
        var changed = kept.Zip(after).Where(p => p.First != p.Second).Select(p => p.First).ToList();
        Assert.Single(changed);
        Assert.Contains("\"Day\":\"2026-07-08\"", changed[0], StringComparison.Ordinal);
        // Put it back (the rebuild cleared the tracked records), so the other tests see the week as seeded.
        var again = await db.Tickets.FirstAsync(t => t.Id == ticket.Id);
        again.Status = TicketStatus.Done;
        await db.SaveChangesAsync();
        await keeper.RebuildAsync(from, to, default);
        Assert.Equal(kept, await RowsAsync(db, from, to));
    }

    [Fact]
    public async Task MonthRows_AreTheSumsOfTheirDaysBuiltFromTheRecords()
    {
        await SeedAsync();
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var keeper = scope.ServiceProvider.GetRequiredService<KeepInsights>();
        var context = await keeper.ContextAsync(default);
        foreach (var month in new[] { new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1) })
        {
            var built = DayBuilder.Build(await keeper.RecordsAsync(month, month.AddMonths(1).AddDays(-1), closed: true, default), context);
            var expected = built.GroupBy(d => (d.AgencyId, d.SiteId, d.ServiceId, d.District))
                .ToDictionary(g => g.Key, g => JsonSerializer.Serialize(InsightFigures.Of(g)));
            var rows = await db.InsightMonths.AsNoTracking().Where(m => m.Day == month).ToListAsync();
            var waits = (await db.InsightMonthWaits.AsNoTracking().Where(w => w.Day == month).ToListAsync())
                .GroupBy(w => (w.AgencyId, w.SiteId, w.ServiceId, w.District))
                .ToDictionary(g => g.Key, g => WaitHistogram.Write(g.ToDictionary(w => w.Minute, w => w.Count)));
            Assert.NotEmpty(rows);
            var kept = rows.ToDictionary(m => (m.AgencyId, m.SiteId, m.ServiceId, m.District), m => JsonSerializer.Serialize(InsightFigures.Of(
                [new InsightDay
                {
                    Day = m.Day, People = m.People, TicketsServed = m.TicketsServed, WaitCount = m.WaitCount, WaitSeconds = m.WaitSeconds,
                    ServiceCount = m.ServiceCount, ServiceSeconds = m.ServiceSeconds, BookingsKept = m.BookingsKept, BookingNoShows = m.BookingNoShows,
                    ApplicationsCompleted = m.ApplicationsCompleted, ApplicationsWithDue = m.ApplicationsWithDue, ApplicationsOnTime = m.ApplicationsOnTime,
                    ApplicationsOnline = m.ApplicationsOnline, Returns = m.Returns, FreeServed = m.FreeServed, TripsPeople = m.TripsPeople,
                    TripsKm = m.TripsKm, TripsHours = m.TripsHours, TripsFareRupiah = m.TripsFareRupiah, SurveyResponses = m.SurveyResponses,
                    U1 = m.U1, U2 = m.U2, U3 = m.U3, U4 = m.U4, U5 = m.U5, U6 = m.U6, U7 = m.U7, U8 = m.U8, U9 = m.U9,
                    ComplaintsAnswered = m.ComplaintsAnswered, ComplaintsAnsweredOnTime = m.ComplaintsAnsweredOnTime, Bundles = m.Bundles,
                    PermitsIssued = m.PermitsIssued, InvestmentRupiah = m.InvestmentRupiah, Jobs = m.Jobs,
                    Waits = waits.GetValueOrDefault((m.AgencyId, m.SiteId, m.ServiceId, m.District)) ?? "",
                }])));
            Assert.Equal(expected.OrderBy(e => e.Key).ToList(), kept.OrderBy(e => e.Key).ToList());
        }
    }

    [Theory]
    [InlineData("2026-06-01", "2026-07-31")] // two whole months: month rows only
    [InlineData("2026-06-03", "2026-07-31")] // days of June, then July's month rows
    [InlineData("2026-06-01", "2026-07-08")] // June's month rows, then days of July
    [InlineData("2026-06-02", "2026-07-30")] // no whole month: days only
    public async Task APeriodsFigures_FromMonthAndDayRows_EqualThoseOfItsRecords(string from, string to)
    {
        await SeedAsync();
        await using var scope = mall.Scope();
        var keeper = scope.ServiceProvider.GetRequiredService<KeepInsights>();
        var reads = scope.ServiceProvider.GetRequiredService<InsightReads>();
        var filter = new InsightFilter(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        var built = DayBuilder.Build(await keeper.RecordsAsync(filter.From, filter.To, closed: true, default), await keeper.ContextAsync(default));

        Assert.Equal(JsonSerializer.Serialize(InsightFigures.Of(built)), JsonSerializer.Serialize(InsightFigures.Of(await reads.RowsAsync(filter, InsightGrain.Agency, default))));
        var months = await reads.BucketsAsync(filter, "month", default);
        Assert.Equal(InsightReads.Periods(filter.From, filter.To, "month"), months.Select(m => m.Period));
        foreach (var (period, figures) in months)
            Assert.Equal(JsonSerializer.Serialize(InsightFigures.Of(built.Where(d => InsightReads.Bucket(d.Day, "month") == period))), JsonSerializer.Serialize(figures));
        var agencies = (await reads.RowsAsync(filter, InsightGrain.AgencyMonth, default)).GroupBy(r => (r.AgencyId, InsightReads.Bucket(r.Day, "month")))
            .ToDictionary(g => g.Key, g => JsonSerializer.Serialize(InsightFigures.Of(g)));
        var expected = built.GroupBy(r => (r.AgencyId, InsightReads.Bucket(r.Day, "month"))).ToDictionary(g => g.Key, g => JsonSerializer.Serialize(InsightFigures.Of(g)));
        Assert.Equal(expected.OrderBy(e => e.Key).ToList(), agencies.OrderBy(e => e.Key).ToList());
    }

    [Fact]
    public async Task Rebuild_ByAManager_AnswersWhatItKept_AndRefusesBadDates()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var run = await OkAsync(manager.PostAsync("/api/v1/insights/rebuild?from=2026-06-01&to=2026-06-05", null));
        Assert.Equal(5, run["days"]!.GetValue<int>());
        await (await manager.PostAsync("/api/v1/insights/rebuild?from=2026-06-05&to=2026-06-01", null)).AssertProblemAsync(400);
        await (await manager.PostAsync("/api/v1/insights/rebuild", null)).AssertProblemAsync(400);
    }

    /// <summary>The kept rows of the days, each with its waits read back from the kept wait rows (one per minute).</summary>
    private static async Task<List<string>> RowsAsync(SatuAtapDb db, DateOnly from, DateOnly to)
    {
        var waits = (await db.InsightWaits.AsNoTracking().Where(w => w.Day >= from && w.Day <= to).ToListAsync())
            .GroupBy(w => (w.Day, w.AgencyId, w.SiteId, w.ServiceId, w.District))
            .ToDictionary(g => g.Key, g => WaitHistogram.Write(g.ToDictionary(w => w.Minute, w => w.Count)));
        var rows = await db.InsightDays.AsNoTracking().Where(d => d.Day >= from && d.Day <= to).ToListAsync();
        foreach (var r in rows) r.Waits = waits.GetValueOrDefault((r.Day, r.AgencyId, r.SiteId, r.ServiceId, r.District)) ?? "";
        Assert.Equal(waits.Count, rows.Count(r => r.Waits != ""));
        return rows.OrderBy(r => r.Day).ThenBy(r => r.AgencyId).ThenBy(r => r.SiteId).ThenBy(r => r.ServiceId).ThenBy(r => r.District, StringComparer.Ordinal)
        .Select(Text).ToList();
    }

    private static string Text(InsightDay d) => JsonSerializer.Serialize(d);
}
