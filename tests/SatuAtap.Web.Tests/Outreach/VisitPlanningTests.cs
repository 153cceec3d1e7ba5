using System.Net;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Outreach;

/// <summary>Creating and planning visits: the rules that refuse a visit, with their reasons.</summary>
public sealed class VisitPlanningTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task AVisit_IsCreatedWithItsQuotasAsBookableQueueSlotsAtTheStopsSite()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit uji 1");
        var (surade, site) = await mall.StopAsync("SURADE");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var skck = await mall.ServiceAsync("POL-SKCK");
        var day = mall.Day(3);

        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, surade, day, 15, 17, (ktp, 12), (skck, 4)));

        Assert.Equal(site.ToString(), visit["siteId"]!.GetValue<string>());
        Assert.Equal("planned", visit["status"]!.GetValue<string>());
        Assert.Equal("Surade", visit["stop"]!["name"]!.GetValue<string>());
        Assert.Equal(OutreachTestData.At(day, 15), visit["start"]!.GetValue<string>());
        var slots = await mall.CreateClient().GetJsonAsync($"/api/v1/sites/{site}/slots?date={day:yyyy-MM-dd}");
        var slot = slots.AsArray().Single(s => s!["id"]!.GetValue<string>() == OutreachTestData.SlotOf(visit, ktp).ToString())!;
        Assert.Equal(12, slot["capacity"]!.GetValue<int>());
        Assert.Equal(12, visit["services"]!.AsArray().Single(s => s!["serviceId"]!.GetValue<string>() == ktp.ToString())!["remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task AVisitInThePast_Is422()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit uji 2");
        var (stop, _) = await mall.StopAsync("CISAAT");
        var response = await manager.PostJsonAsync("/api/v1/outreach/visits",
            OutreachTestData.Visit(unit, stop, mall.Day(-1), 8, 12, (await mall.ServiceAsync("DKP-KTP"), 5)));
        var problem = await response.AssertProblemAsync(422);
        Assert.Contains("sudah lewat", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task AVisitOverlappingAnotherOfTheUnit_Is422NamingTheOtherStop()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit uji 3");
        var (cisaat, _) = await mall.StopAsync("CISAAT");
        var (sukaraja, _) = await mall.StopAsync("SUKARAJA");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        await manager.CreateVisitAsync(OutreachTestData.Visit(unit, cisaat, mall.Day(4), 8, 12, (ktp, 5)));

        var response = await manager.PostJsonAsync("/api/v1/outreach/visits", OutreachTestData.Visit(unit, sukaraja, mall.Day(4), 11, 15, (ktp, 5)));

        var problem = await response.AssertProblemAsync(422);
        Assert.Contains("Cisaat", problem["detail"]!.GetValue<string>());
        // Right after the first one is fine: a unit is in one place at a time, not idle.
        await manager.CreateVisitAsync(OutreachTestData.Visit(unit, sukaraja, mall.Day(4), 12, 15, (ktp, 5)));
    }

    [Fact]
    public async Task AServiceWithoutATravellingAgreementOnTheVisitsDate_Is422WithTheReason()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit uji 4");
        var (stop, _) = await mall.StopAsync("CICURUG");
        // Halal certification travels, but Kemenag's agreement ends on 31 December 2026.
        var halal = await mall.ServiceAsync("KMG-HALAL");
        var inForce = OutreachTestData.Visit(unit, stop, new DateOnly(2026, 12, 29), 8, 12, (halal, 5));
        await manager.CreateVisitAsync(inForce);

        var after = await manager.PostJsonAsync("/api/v1/outreach/visits", OutreachTestData.Visit(unit, stop, new DateOnly(2027, 1, 5), 8, 12, (halal, 5)));
        var problem = await after.AssertProblemAsync(422);
        Assert.Contains("perjanjian", problem["detail"]!.GetValue<string>());

        // The land office's services are not offered on the mobile unit at all.
        var land = await manager.PostJsonAsync("/api/v1/outreach/visits", OutreachTestData.Visit(unit, stop, mall.Day(5), 8, 12, (await mall.ServiceAsync("BPN-CEK"), 5)));
        Assert.Contains("MPP keliling", (await land.AssertProblemAsync(422))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task AVisitOnAHoliday_NeedsTheManagersConfirmation()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit uji 5");
        var (stop, _) = await mall.StopAsync("SURADE");
        var body = OutreachTestData.Visit(unit, stop, new DateOnly(2026, 12, 25), 8, 12, (await mall.ServiceAsync("DKP-KTP"), 5));

        var refused = await manager.PostJsonAsync("/api/v1/outreach/visits", body);
        Assert.Contains("libur", (await refused.AssertProblemAsync(422))["detail"]!.GetValue<string>());

        body["confirmHoliday"] = true;
        await manager.CreateVisitAsync(body);
    }

    [Fact]
    public async Task BadInput_IsAProblemNamingTheField_NeverA500()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit uji 6");
        var (stop, _) = await mall.StopAsync("SURADE");
        var ktp = await mall.ServiceAsync("DKP-KTP");

        var inverted = OutreachTestData.Visit(unit, stop, mall.Day(6), 14, 8, (ktp, 5));
        Assert.NotNull((await (await manager.PostJsonAsync("/api/v1/outreach/visits", inverted)).AssertProblemAsync(400))["errors"]!["end"]);
        var unknownStop = OutreachTestData.Visit(unit, Guid.NewGuid(), mall.Day(6), 8, 12, (ktp, 5));
        await (await manager.PostJsonAsync("/api/v1/outreach/visits", unknownStop)).AssertProblemAsync(404);
        var noQuota = OutreachTestData.Visit(unit, stop, mall.Day(6), 8, 12, (ktp, 0));
        Assert.NotNull((await (await manager.PostJsonAsync("/api/v1/outreach/visits", noQuota)).AssertProblemAsync(400))["errors"]!["services[0].quota"]);
        var garbage = await manager.PostAsync("/api/v1/outreach/visits", new StringContent("{\"start\": 5", System.Text.Encoding.UTF8, "application/json"));
        await garbage.AssertProblemAsync(400);

        var client = mall.CreateClient();
        Assert.NotNull((await (await client.GetAsync("/api/v1/outreach/visits?from=2026-12-10&to=2026-12-01")).AssertProblemAsync(400))["errors"]!["to"]);
        Assert.NotNull((await (await client.GetAsync("/api/v1/outreach/visits?stopId=surade")).AssertProblemAsync(400))["errors"]!["stopId"]);
        await (await client.GetAsync($"/api/v1/outreach/visits?stopId={Guid.NewGuid()}")).AssertProblemAsync(404);
        await (await client.GetAsync($"/api/v1/outreach/stops/{Guid.NewGuid()}/schedule.ics")).AssertProblemAsync(404);
        await (await client.GetAsync($"/api/v1/outreach/stops/{stop}/poster.pdf?month=2026-13")).AssertProblemAsync(400);
        await (await client.GetAsync($"/api/v1/outreach/stops/{Guid.NewGuid()}/poster.pdf")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task ARecurringPlan_SkipsDaysOff_AndARuleOfMoreThanAYearIs400()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit uji 7");
        var (stop, _) = await mall.StopAsync("SUKARAJA");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        JsonObject Plan(string first, string until) => new()
        {
            ["unitId"] = unit.ToString(), ["stopId"] = stop.ToString(), ["first"] = first, ["everyWeeks"] = 1, ["until"] = until,
            ["start"] = "16:00", ["end"] = "18:00",
            ["services"] = new JsonArray(new JsonObject { ["serviceId"] = ktp.ToString(), ["quota"] = 5 }),
        };

        var tooLong = await manager.PostJsonAsync("/api/v1/outreach/plans", Plan("2026-12-04", "2027-12-31"));
        Assert.NotNull((await tooLong.AssertProblemAsync(400))["errors"]!["until"]);

        // Fridays 4 December to 1 January: Christmas Day (25 December) is a day off and is skipped.
        var response = await manager.PostJsonAsync("/api/v1/outreach/plans", Plan("2026-12-04", "2027-01-01"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var plan = await response.ReadJsonAsync();
        var starts = plan["visits"]!.AsArray().Select(v => v!["start"]!.GetValue<string>()).ToList();
        Assert.Equal(["2026-12-04T16:00:00+07:00", "2026-12-11T16:00:00+07:00", "2026-12-18T16:00:00+07:00", "2027-01-01T16:00:00+07:00"], starts);
        Assert.Equal(["2026-12-25"], plan["skippedDaysOff"]!.AsArray().Select(d => d!.GetValue<string>()));

        // Planned again over the same weeks, the unit would be in two places at once.
        var again = await manager.PostJsonAsync("/api/v1/outreach/plans", Plan("2026-12-04", "2026-12-18"));
        await again.AssertProblemAsync(422);
    }

    [Fact]
    public async Task AMonthlyPlan_OnTheNthWeekday_ExpandsSkipsDaysOff_AndBadInputIs400()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit bulanan");
        var (stop, _) = await mall.StopAsync("CICURUG");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        JsonObject Plan(JsonNode? nth, string? weekday, string first = "2026-12-01", string until = "2027-01-31") => new()
        {
            ["unitId"] = unit.ToString(), ["stopId"] = stop.ToString(), ["first"] = first, ["until"] = until,
            ["nthWeekday"] = nth, ["weekday"] = weekday, ["start"] = "16:00", ["end"] = "18:00",
            ["services"] = new JsonArray(new JsonObject { ["serviceId"] = ktp.ToString(), ["quota"] = 5 }),
        };

        // n out of range, an unknown weekday, a weekday missing, both rules at once, more than a year: 400 naming the field.
        Assert.NotNull((await (await manager.PostJsonAsync("/api/v1/outreach/plans", Plan(5, "tuesday"))).AssertProblemAsync(400))["errors"]!["nthWeekday"]);
        Assert.NotNull((await (await manager.PostJsonAsync("/api/v1/outreach/plans", Plan(0, "tuesday"))).AssertProblemAsync(400))["errors"]!["nthWeekday"]);
        Assert.NotNull((await (await manager.PostJsonAsync("/api/v1/outreach/plans", Plan(2, "funday"))).AssertProblemAsync(400))["errors"]!["weekday"]);
        Assert.NotNull((await (await manager.PostJsonAsync("/api/v1/outreach/plans", Plan(2, "2"))).AssertProblemAsync(400))["errors"]!["weekday"]);
        Assert.NotNull((await (await manager.PostJsonAsync("/api/v1/outreach/plans", Plan(2, null))).AssertProblemAsync(400))["errors"]!["weekday"]);
        var both = Plan(2, "tuesday");
        both["everyWeeks"] = 2;
        Assert.NotNull((await (await manager.PostJsonAsync("/api/v1/outreach/plans", both)).AssertProblemAsync(400))["errors"]!["everyWeeks"]);
        Assert.NotNull((await (await manager.PostJsonAsync("/api/v1/outreach/plans", Plan(1, "monday", until: "2027-12-31"))).AssertProblemAsync(400))["errors"]!["until"]);
        Assert.NotNull((await (await manager.PostJsonAsync("/api/v1/outreach/plans", Plan("x", "monday"))).AssertProblemAsync(400)));

        // The second Tuesday of December and of January.
        var second = await manager.PostJsonAsync("/api/v1/outreach/plans", Plan(2, "Tuesday"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var plan = await second.ReadJsonAsync();
        Assert.Equal(["2026-12-08T16:00:00+07:00", "2027-01-12T16:00:00+07:00"], plan["visits"]!.AsArray().Select(v => v!["start"]!.GetValue<string>()));

        // The last Friday: 25 December is Christmas Day and is skipped, as in the weekly rule.
        var last = await manager.PostJsonAsync("/api/v1/outreach/plans", Plan(-1, "friday"));
        Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        var lastPlan = await last.ReadJsonAsync();
        Assert.Equal(["2027-01-29T16:00:00+07:00"], lastPlan["visits"]!.AsArray().Select(v => v!["start"]!.GetValue<string>()));
        Assert.Equal(["2026-12-25"], lastPlan["skippedDaysOff"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public async Task OnlyManagersPlan_AndAnOfficerIsRefused()
    {
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (stop, _) = await mall.StopAsync("SURADE");
        var response = await officer.PostJsonAsync("/api/v1/outreach/visits", OutreachTestData.Visit(Guid.NewGuid(), stop, mall.Day(3), 8, 12, (await mall.ServiceAsync("DKP-KTP"), 5)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().PostJsonAsync("/api/v1/outreach/units", new JsonObject { ["name"] = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostJsonAsync($"/api/v1/outreach/visits/{Guid.NewGuid()}/cancel", new JsonObject())).StatusCode);
    }
}
