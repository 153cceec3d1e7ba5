using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;
using SatuAtap.Core.Insights;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Insights;

/// <summary>
/// The comparisons (this period against the previous one, agency against agency), the breakdowns per site and per
/// service and the slowest services, on scripted records of August 2026 whose figures are worked out by hand below:
/// the API, the export and the dashboard give them; the small-group rule; who may ask; bad input.
/// </summary>
public sealed class InsightsComparisonTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private const string Period = "from=2026-08-04&to=2026-08-07";
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static readonly HashSet<MallFactory> Seeded = [];
    private int _number;
    private string _nib = "", _bapenda = "";

    /// <summary>
    /// The period Tuesday 4 to Friday 7 August 2026 (its previous period: Friday 31 July to Monday 3 August):
    /// Tuesday, KTP at the building: six served after waits of 1 to 6 minutes, 10 minutes of service each; KTP at a
    /// mobile-unit site: five served after 20 minutes, 6 minutes of service each. Wednesday, Bapenda at the building: two
    /// served after 40 minutes, 4 minutes of service. Thursday, six NIB applications (DPMPTSP) decided, four by their
    /// due date and two late; five KK applications (Dukcapil) decided, all on time.
    /// Monday 3 August (the previous period): KTP at the building, five served after 10 minutes, 6 minutes of service.
    /// </summary>
    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            await using var scope = mall.Scope();
            var snapshot = await scope.ServiceProvider.GetRequiredService<CatalogCache>().GetAsync();
            var ktp = snapshot.ServicesByCode["DKP-KTP"];
            var kk = snapshot.ServicesByCode["DKP-KK"];
            var bapenda = snapshot.Services.First(s => s.Agency.Code == "BAPENDA");
            var nib = snapshot.Services.First(s => s.Agency.Code == "DPMPTSP");
            (_nib, _bapenda) = (nib.Code, bapenda.Code);
            if (!Seeded.Add(mall)) return;
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var building = await db.QueueSites.Where(s => s.Kind == SiteKind.Building).Select(s => s.Id).FirstAsync();
            var mobile = await db.QueueSites.Where(s => s.Kind == SiteKind.Mobile).OrderBy(s => s.Name).Select(s => s.Id).FirstAsync();
            var tuesday = new DateOnly(2026, 8, 4);
            for (var w = 1; w <= 6; w++) db.Tickets.Add(Ticket(building, ktp.Id, tuesday, w, 10));
            for (var i = 0; i < 5; i++) db.Tickets.Add(Ticket(mobile, ktp.Id, tuesday, 20, 6));
            for (var i = 0; i < 2; i++) db.Tickets.Add(Ticket(building, bapenda.Id, tuesday.AddDays(1), 40, 4));
            for (var i = 0; i < 5; i++) db.Tickets.Add(Ticket(building, ktp.Id, tuesday.AddDays(-1), 10, 6));
            var thursday = Utc(tuesday.AddDays(2), 3, 0);
            for (var i = 0; i < 6; i++) db.Applications.Add(Application($"CMP-NIB-{i}", nib, thursday, i < 4 ? tuesday.AddDays(3) : tuesday.AddDays(-1)));
            for (var i = 0; i < 5; i++) db.Applications.Add(Application($"CMP-KK-{i}", kk, thursday, tuesday.AddDays(6)));
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<KeepInsights>().RebuildAsync(new DateOnly(2026, 7, 25), new DateOnly(2026, 8, 10), default);
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static Application Application(string number, ServiceView service, DateTime decided, DateOnly due) => new()
    {
        TrackingNumber = number, ServiceId = service.Id, AgencyId = service.Agency.Id, CurrentAgencyId = service.Agency.Id, ApplicantName = "Siti Rahasia",
        Status = ApplicationStatus.Issued, IsOpen = false, CreatedAtUtc = decided.AddDays(-5), SubmittedAtUtc = decided.AddDays(-5), DecidedAtUtc = decided,
        DueDate = due,
    };

    private static DateTime Utc(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);

    private Ticket Ticket(Guid site, Guid service, DateOnly day, int waitMinutes, int serviceMinutes)
    {
        var arrived = Utc(day, 1, 0).AddMinutes(_number);
        var called = arrived.AddMinutes(waitMinutes);
        return new Ticket
        {
            SiteId = site, ServiceId = service, Series = "K", Day = day, Number = ++_number, Status = TicketStatus.Done, ArrivedUtc = arrived,
            CalledUtc = called, StartedUtc = called, FinishedUtc = called.AddMinutes(serviceMinutes),
        };
    }

    private static async Task<JsonNode> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private static double? D(JsonNode? n) => n?.GetValue<double>();

    private static JsonNode Row(JsonNode list, string key) => list.AsArray().Single(r => r!["key"]!.GetValue<string>() == key)!;

    [Fact]
    public async Task Compare_GivesThisPeriodBesideThePreviousOneOfEqualLength()
    {
        await SeedAsync();
        var regent = await mall.ClientForAsync(Accounts.Regent);

        var c = await OkAsync(regent.GetAsync("/api/v1/insights/compare?" + Period));

        Assert.Equal("2026-08-04/2026-08-07", c["period"]!.GetValue<string>());
        Assert.Equal("2026-07-31/2026-08-03", c["previousPeriod"]!.GetValue<string>());
        var figures = c["figures"]!.AsArray().ToDictionary(f => f!["metric"]!.GetValue<string>(), f => f!);
        Assert.Equal((24.0, 5.0, 19.0), (D(figures["served"]["value"]), D(figures["served"]["previous"]), D(figures["served"]["change"])));
        // Waits now: 1 2 3 4 5 6, 20 ×5, 40 ×2 (13): the 7th and the 12th; before: 10 ×5.
        Assert.Equal((20.0, 10.0, 10.0), (D(figures["waitP50"]["value"]), D(figures["waitP50"]["previous"]), D(figures["waitP50"]["change"])));
        Assert.Equal((40.0, 10.0, 30.0), (D(figures["waitP90"]["value"]), D(figures["waitP90"]["previous"]), D(figures["waitP90"]["change"])));
        Assert.Equal(0.818, D(figures["onTimeShare"]["value"])); // 9 of 11
        Assert.Null(D(figures["onTimeShare"]["previous"]));
        Assert.Null(D(figures["onTimeShare"]["change"]));
    }

    [Fact]
    public async Task Breakdown_ByAgency_OneRowPerAgency_SmallOnesFoldedAndHidden()
    {
        await SeedAsync();
        var regent = await mall.ClientForAsync(Accounts.Regent);

        var rows = await OkAsync(regent.GetAsync("/api/v1/insights/breakdown?by=agency&" + Period));

        Assert.Equal(3, rows.AsArray().Count);
        var dukcapil = Row(rows, "DUKCAPIL");
        Assert.Equal(16, dukcapil["served"]!.GetValue<int>());
        Assert.Equal(6, dukcapil["waitMinutes"]!["p50"]!.GetValue<int>()); // 1..6 and 20 ×5: the 6th and the 10th
        Assert.Equal(20, dukcapil["waitMinutes"]!["p90"]!.GetValue<int>());
        Assert.Equal(1.0, D(dukcapil["onTimeShare"]));
        var dpmptsp = Row(rows, "DPMPTSP");
        Assert.Equal(6, dpmptsp["served"]!.GetValue<int>());
        Assert.Equal(0.667, D(dpmptsp["onTimeShare"]));
        var other = Row(rows, "other"); // Bapenda's two people
        Assert.True(other["suppressed"]!.GetValue<bool>());
        Assert.Null(other["served"]);
        Assert.DoesNotContain("BAPENDA", rows.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Breakdown_BySiteAndByService_WaitsAndServiceTime()
    {
        await SeedAsync();
        var regent = await mall.ClientForAsync(Accounts.Regent);
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var building = (await db.QueueSites.Where(s => s.Kind == SiteKind.Building).Select(s => s.Id).FirstAsync()).ToString();
        var mobile = (await db.QueueSites.Where(s => s.Kind == SiteKind.Mobile).OrderBy(s => s.Name).Select(s => s.Id).FirstAsync()).ToString();

        var sites = await OkAsync(regent.GetAsync("/api/v1/insights/breakdown?by=site&" + Period));
        Assert.Equal(8, Row(sites, building)["served"]!.GetValue<int>());
        Assert.Equal(4, Row(sites, building)["waitMinutes"]!["p50"]!.GetValue<int>()); // 1..6, 40, 40
        Assert.Equal(40, Row(sites, building)["waitMinutes"]!["p90"]!.GetValue<int>());
        Assert.Equal(8.5, D(Row(sites, building)["serviceMinutes"])); // (6 × 10 + 2 × 4) ÷ 8
        Assert.Equal(5, Row(sites, mobile)["served"]!.GetValue<int>());
        Assert.Equal(20, Row(sites, mobile)["waitMinutes"]!["p50"]!.GetValue<int>());
        Assert.Equal(6.0, D(Row(sites, mobile)["serviceMinutes"]));
        Assert.Equal(11, Row(sites, "")["applicationsCompleted"]!.GetValue<int>());

        var services = await OkAsync(regent.GetAsync("/api/v1/insights/breakdown?by=service&" + Period));
        Assert.Equal(11, Row(services, "DKP-KTP")["served"]!.GetValue<int>());
        Assert.Equal(6, Row(services, "DKP-KTP")["waitMinutes"]!["p50"]!.GetValue<int>());
        Assert.Equal(20, Row(services, "DKP-KTP")["waitMinutes"]!["p90"]!.GetValue<int>());
        Assert.Equal(8.2, D(Row(services, "DKP-KTP")["serviceMinutes"])); // (6 × 10 + 5 × 6) ÷ 11
        Assert.Equal(5, Row(services, "DKP-KK")["served"]!.GetValue<int>());
        Assert.True(Row(services, "other")["suppressed"]!.GetValue<bool>()); // Bapenda's two
        Assert.DoesNotContain(services.AsArray(), r => r!["key"]!.GetValue<string>() == _bapenda);
    }

    [Fact]
    public async Task Slowest_ServicesWorstOnTimeShareFirst()
    {
        await SeedAsync();
        var regent = await mall.ClientForAsync(Accounts.Regent);

        var rows = await OkAsync(regent.GetAsync("/api/v1/insights/slowest?" + Period));

        Assert.Equal([_nib, "DKP-KK"], rows.AsArray().Select(r => r!["key"]!.GetValue<string>()).ToList());
        Assert.Equal(0.667, D(rows[0]!["onTimeShare"]));
        Assert.Equal(6, rows[0]!["applicationsCompleted"]!.GetValue<int>());
        Assert.Equal(1.0, D(rows[1]!["onTimeShare"]));
    }

    [Fact]
    public async Task AgencyHead_ComparesAndBreaksDownTheOwnAgencyOnly()
    {
        await SeedAsync();
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);

        var c = await OkAsync(head.GetAsync("/api/v1/insights/compare?" + Period));
        var served = c["figures"]!.AsArray().Single(f => f!["metric"]!.GetValue<string>() == "served")!;
        Assert.Equal((16.0, 5.0), (D(served["value"]), D(served["previous"])));
        var agencies = await OkAsync(head.GetAsync("/api/v1/insights/breakdown?by=agency&" + Period));
        Assert.Equal(["DUKCAPIL"], agencies.AsArray().Select(r => r!["key"]!.GetValue<string>()).ToList());
        Assert.Equal(["DKP-KK"], (await OkAsync(head.GetAsync("/api/v1/insights/slowest?" + Period))).AsArray().Select(r => r!["key"]!.GetValue<string>()).ToList());
        await (await head.GetAsync("/api/v1/insights/compare?agencyId=DPMPTSP&" + Period)).AssertProblemAsync(403);
        await (await head.GetAsync("/api/v1/insights/breakdown?agencyId=DPMPTSP&" + Period)).AssertProblemAsync(403);
        await (await head.GetAsync("/api/v1/insights/slowest?agencyId=DPMPTSP&" + Period)).AssertProblemAsync(403);
        await (await head.GetAsync("/api/v1/insights/export?view=compare&format=csv&agencyId=DPMPTSP&" + Period)).AssertProblemAsync(403);
        await (await (await mall.ClientForAsync(Accounts.DukcapilOfficer)).GetAsync("/api/v1/insights/compare")).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/insights/breakdown")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/insights/compare?from=2026-13-01", "from")]
    [InlineData("/api/v1/insights/compare?from=2026-08-10&to=2026-08-01", "to")]
    [InlineData("/api/v1/insights/breakdown?by=district", "by")]
    [InlineData("/api/v1/insights/breakdown?agencyId=NOPE", "agencyId")]
    [InlineData("/api/v1/insights/slowest?siteId=x", "siteId")]
    [InlineData("/api/v1/insights/export?view=slowness&format=csv", "view")]
    public async Task BadInput_IsAProblemNamingTheField(string url, string field)
    {
        var regent = await mall.ClientForAsync(Accounts.Regent);
        var problem = await (await regent.GetAsync(url)).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]?[field]);
    }

    [Fact]
    public async Task Export_CompareAndServices_Xlsx_HoldTheSameFigures()
    {
        await SeedAsync();
        var regent = await mall.ClientForAsync(Accounts.Regent);

        using var compare = new XLWorkbook(await (await regent.GetAsync("/api/v1/insights/export?view=compare&format=xlsx&" + Period)).Content.ReadAsStreamAsync());
        var sheet = compare.Worksheets.First();
        var served = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "served");
        Assert.Equal((24.0, 5.0, 19.0), (served.Cell(2).GetDouble(), served.Cell(3).GetDouble(), served.Cell(4).GetDouble()));

        using var services = new XLWorkbook(await (await regent.GetAsync("/api/v1/insights/export?view=slowest&format=xlsx&" + Period)).Content.ReadAsStreamAsync());
        var rows = services.Worksheets.First().RowsUsed().Skip(3).ToList(); // title, period, headings
        Assert.Equal(2, rows.Count);
        Assert.Equal((6.0, 0.667), (rows[0].Cell(6).GetDouble(), rows[0].Cell(7).GetDouble()));

        var csv = await (await regent.GetAsync("/api/v1/insights/export?view=sites&format=csv&" + Period)).Content.ReadAsStringAsync();
        Assert.Contains(",8,4,40,8.5,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Rahasia", csv, StringComparison.Ordinal);
        Assert.Equal("application/pdf", (await regent.GetAsync("/api/v1/insights/export?view=services&format=pdf&" + Period)).Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Dashboard_ShowsTheComparisons_ChartsWithTheirTables()
    {
        await SeedAsync();
        var regent = await mall.PageClientForAsync(Accounts.Regent);

        var page = await regent.GetPageAsync("/kelola/kinerja?metric=served&" + Period);

        var compare = page.QuerySelector("#banding tr[data-metric=served]")!.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["24", "5", "+19"], compare.Skip(1).ToList());
        Assert.Equal(2, page.QuerySelectorAll("#banding-grafik svg.chart rect").Length);
        var agencies = page.QuerySelectorAll("#per-instansi tbody tr").Select(r => r.Children[1].TextContent.Trim()).ToList();
        Assert.Equal(3, agencies.Count);
        Assert.Contains("16", agencies);
        Assert.Contains("–", agencies); // the folded small group
        Assert.Equal(2, page.QuerySelectorAll("#instansi-grafik svg.chart rect").Length);
        Assert.Contains(page.QuerySelectorAll("#per-layanan tbody tr"), r => r.Children[1].TextContent.Trim() == "11" && r.Children[2].TextContent.Trim() == "6");
        Assert.Equal(2, page.QuerySelectorAll("#terlambat tbody tr").Length);
        Assert.Equal(3, page.QuerySelectorAll("#per-lokasi tbody tr").Length);
    }
}
