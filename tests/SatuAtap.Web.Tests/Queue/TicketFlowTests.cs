using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>A ticket's life through the API: issue, call, serve, transfer, park; who may act; the board and the figures.</summary>
public sealed class TicketFlowTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private async Task<JsonNode> IssueAsync(string serviceCode, HttpClient? client = null, bool priority = false)
    {
        var response = await (client ?? mall.CreateClient()).PostJsonAsync($"/api/v1/sites/{await mall.BuildingAsync()}/tickets",
            new JsonObject { ["serviceId"] = (await mall.ServiceAsync(serviceCode)).ToString(), ["priority"] = priority });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static async Task<JsonNode> ActAsync(HttpClient officer, JsonNode ticket, string action, JsonObject? extra = null, int status = 200)
    {
        var body = extra ?? new JsonObject();
        body["action"] = action;
        var response = await officer.PostJsonAsync($"/api/v1/tickets/{ticket["id"]}/actions", body);
        if (status != 200) return await response.AssertProblemAsync(status);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task Ticket_IsCalledServedAndFinished_EveryStepRecorded_AndTheBoardShowsTheCall()
    {
        // Samsat (L06) is used by this test only.
        var ticket = await IssueAsync("SAM-PKB");
        Assert.Matches("^D-\\d{3}$", ticket["number"]!.GetValue<string>());
        Assert.Equal("waiting", ticket["status"]!.GetValue<string>());
        Assert.Equal(1, ticket["position"]!.GetValue<int>());
        Assert.Equal(0, ticket["estimatedWaitMinutes"]!.GetValue<int>());
        var second = await IssueAsync("SAM-PKB");
        Assert.Equal(2, second["position"]!.GetValue<int>());
        Assert.Equal(10, second["estimatedWaitMinutes"]!.GetValue<int>());

        var manager = await mall.ClientForAsync(Accounts.Manager);
        var l06 = await mall.CounterAsync("L06");
        mall.Clock.Advance(TimeSpan.FromMinutes(3));
        var called = await (await manager.PostAsync($"/api/v1/counters/{l06}/call-next", null)).ReadJsonAsync();
        Assert.Equal(ticket["id"]!.GetValue<string>(), called["id"]!.GetValue<string>());
        Assert.Equal("called", called["status"]!.GetValue<string>());
        Assert.Equal("Loket 6", called["counter"]!["name"]!.GetValue<string>());

        var board = await mall.CreateClient().GetJsonAsync($"/api/v1/sites/{await mall.BuildingAsync()}/board");
        var entry = board["called"]!.AsArray().First()!;
        Assert.Equal(ticket["number"]!.GetValue<string>(), entry["number"]!.GetValue<string>());
        Assert.Equal("Loket 6", entry["counter"]!.GetValue<string>());
        Assert.Equal(mall.Clock.GetUtcNow(), entry["calledAt"]!.GetValue<DateTimeOffset>());
        Assert.True(board["waiting"]!.GetValue<int>() >= 1);

        // A second call while this one is open is refused with the reason.
        var busy = await (await manager.PostAsync($"/api/v1/counters/{l06}/call-next", null)).AssertProblemAsync(409);
        Assert.Contains(ticket["number"]!.GetValue<string>(), busy["detail"]!.GetValue<string>());

        var refused = await ActAsync(manager, ticket, "finish", status: 409);
        Assert.Contains("belum dilayani", refused["detail"]!.GetValue<string>());
        await ActAsync(manager, ticket, "recall");
        await ActAsync(manager, ticket, "start");
        mall.Clock.Advance(TimeSpan.FromMinutes(7));
        var done = await ActAsync(manager, ticket, "finish", new JsonObject { ["outcome"] = "Pajak dibayar" });
        Assert.Equal("done", done["status"]!.GetValue<string>());
        await ActAsync(manager, ticket, "start", status: 409);

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var id = Guid.Parse(ticket["id"]!.GetValue<string>());
        var steps = await db.TicketEvents.Where(e => e.TicketId == id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["issue", "call", "recall", "start", "finish"], steps);
        var stored = await db.Tickets.SingleAsync(t => t.Id == id);
        Assert.Equal(TimeSpan.FromMinutes(3), stored.CalledUtc - stored.ArrivedUtc);
        Assert.Equal(TimeSpan.FromMinutes(7), stored.FinishedUtc - stored.StartedUtc);
    }

    [Fact]
    public async Task Officer_OfAnotherAgency_IsForbidden_OnTheCounterAndTheTicket()
    {
        var dpmptsp = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var l02 = await mall.CounterAsync("L02");
        var problem = await (await dpmptsp.PostAsync($"/api/v1/counters/{l02}/call-next", null)).AssertProblemAsync(403);
        Assert.Contains("instansi lain", problem["detail"]!.GetValue<string>());
        var ticket = await IssueAsync("DKP-AKTA-MATI");
        await ActAsync(dpmptsp, ticket, "prioritize", status: 403);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().PostAsync($"/api/v1/counters/{l02}/call-next", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await mall.ClientForAsync(Accounts.Citizen)).PostAsync($"/api/v1/counters/{l02}/call-next", null)).StatusCode);
        await (await dpmptsp.PostAsync($"/api/v1/counters/{Guid.NewGuid()}/call-next", null)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task CallNext_WithNobodyWaiting_Is204()
    {
        var officer = await mall.ClientForAsync(Accounts.Manager);
        var l16 = await mall.CounterAsync("L16");
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/v1/counters/{l16}/call-next", null)).StatusCode);
    }

    [Fact]
    public async Task Priority_FromStaff_IsCalledFirst_AndIgnoredFromAnonymousKiosk()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var first = await IssueAsync("BPD-PBB-SPPT");
        var claimed = await IssueAsync("BPD-PBB-SPPT", priority: true);
        Assert.False(claimed["priority"]!.GetValue<bool>());
        var priority = await IssueAsync("BPD-PBB-SPPT", manager, priority: true);
        Assert.True(priority["priority"]!.GetValue<bool>());
        // Positions follow the call-next order: priority first, then by arrival, equal arrivals by id.
        async Task<int> PositionOf(JsonNode t) => (await mall.CreateClient().GetJsonAsync($"/api/v1/tickets/{t["id"]}"))["position"]!.GetValue<int>();
        Assert.Equal(1, await PositionOf(priority));
        var (earlier, later) = Guid.Parse(first["id"]!.GetValue<string>()).CompareTo(Guid.Parse(claimed["id"]!.GetValue<string>())) < 0
            || DateTimeOffset.Parse(first["arrivedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture) < DateTimeOffset.Parse(claimed["arrivedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)
            ? (first, claimed) : (claimed, first);
        Assert.Equal(2, await PositionOf(earlier));
        Assert.Equal(3, await PositionOf(later));
        var l07 = await mall.CounterAsync("L07");
        var called = await (await manager.PostAsync($"/api/v1/counters/{l07}/call-next", null)).ReadJsonAsync();
        Assert.Equal(priority["id"]!.GetValue<string>(), called["id"]!.GetValue<string>());
        await ActAsync(manager, called, "no-show");
        // An officer marks a waiting ticket as priority.
        await ActAsync(manager, claimed, "prioritize");
        called = await (await manager.PostAsync($"/api/v1/counters/{l07}/call-next", null)).ReadJsonAsync();
        Assert.Equal(claimed["id"]!.GetValue<string>(), called["id"]!.GetValue<string>());
        await ActAsync(manager, called, "no-show");
        called = await (await manager.PostAsync($"/api/v1/counters/{l07}/call-next", null)).ReadJsonAsync();
        Assert.Equal(first["id"]!.GetValue<string>(), called["id"]!.GetValue<string>());
        await ActAsync(manager, called, "no-show");
    }

    [Fact]
    public async Task Transfer_ContinuesTheTicketElsewhere_KeepingNumberAndArrival_AndParkResume()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var ticket = await IssueAsync("KPP-NPWP");
        var l08 = await mall.CounterAsync("L08");
        var l09 = await mall.CounterAsync("L09");
        var called = await (await manager.PostAsync($"/api/v1/counters/{l08}/call-next", null)).ReadJsonAsync();
        Assert.Equal(ticket["id"]!.GetValue<string>(), called["id"]!.GetValue<string>());
        var parked = await ActAsync(manager, called, "park");
        Assert.True(parked["parked"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/v1/counters/{l08}/call-next", null)).StatusCode);
        var resumed = await ActAsync(manager, called, "resume");
        Assert.Equal("called", resumed["status"]!.GetValue<string>());
        Assert.Equal("Loket 8", resumed["counter"]!["name"]!.GetValue<string>());

        mall.Clock.Advance(TimeSpan.FromMinutes(1));
        var transferred = await ActAsync(manager, called, "transfer", new JsonObject { ["counterId"] = l09.ToString() });
        Assert.Equal("transferred", transferred["status"]!.GetValue<string>());
        var next = await (await manager.PostAsync($"/api/v1/counters/{l09}/call-next", null)).ReadJsonAsync();
        Assert.NotEqual(ticket["id"]!.GetValue<string>(), next["id"]!.GetValue<string>());
        Assert.Equal(ticket["number"]!.GetValue<string>(), next["number"]!.GetValue<string>());
        Assert.Equal(ticket["arrivedAt"]!.GetValue<string>(), next["arrivedAt"]!.GetValue<string>());
        await ActAsync(manager, called, "recall", status: 409);
        var badAction = await ActAsync(manager, next, "dance", status: 400);
        Assert.NotNull(badAction["errors"]!["action"]);
        await ActAsync(manager, next, "transfer", status: 400);
        await (await manager.PostJsonAsync($"/api/v1/tickets/{Guid.NewGuid()}/actions", new JsonObject { ["action"] = "start" })).AssertProblemAsync(404);
    }

    [Fact]
    public async Task CheckIn_WithABookingCode_IsDueAndCalledFirst_AndOnlyOnce()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("PAM-SAMBUNG");
        var walkIn = await IssueAsync("PAM-SAMBUNG");
        var slot = await mall.SlotAsync(manager, site, service, daysAhead: 0, hour: 9, capacity: 2, minute: 50);
        var code = (await (await mall.CreateClient().BookAsync(slot, "081255550000")).ReadJsonAsync())["code"]!.GetValue<string>();
        // The clock is shared by the class and only moves forward: go to 09.40 WIB, when the 09.50 slot is due.
        var at = new DateTimeOffset(mall.Clock.GetUtcNow().UtcDateTime.Date.AddHours(2).AddMinutes(40), TimeSpan.Zero);
        if (at > mall.Clock.GetUtcNow()) mall.Clock.SetUtcNow(at);
        var kiosk = mall.CreateClient();
        var booked = await kiosk.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["bookingCode"] = code.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var ticket = await booked.ReadJsonAsync();
        // Whoever scans the ticket's QR code learns nothing that leads to the booking.
        Assert.False(ticket.AsObject().ContainsKey("bookingCode"));
        Assert.True(ticket["booked"]!.GetValue<bool>());
        var shown = await kiosk.GetAsync($"/api/v1/tickets/{ticket["id"]!.GetValue<string>()}");
        var text = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.DoesNotContain("bookingCode", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.NotNull(ticket["dueAt"]);
        Assert.Equal("checked-in", (await kiosk.GetJsonAsync($"/api/v1/bookings/{code}"))["status"]!.GetValue<string>());
        await (await kiosk.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["bookingCode"] = code })).AssertProblemAsync(409);
        await (await kiosk.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["bookingCode"] = "ZZZZZZZZ" })).AssertProblemAsync(404);

        var l15 = await mall.CounterAsync("L15");
        var called = await (await manager.PostAsync($"/api/v1/counters/{l15}/call-next", null)).ReadJsonAsync();
        Assert.Equal(ticket["id"]!.GetValue<string>(), called["id"]!.GetValue<string>());
        await ActAsync(manager, called, "no-show");
        called = await (await manager.PostAsync($"/api/v1/counters/{l15}/call-next", null)).ReadJsonAsync();
        Assert.Equal(walkIn["id"]!.GetValue<string>(), called["id"]!.GetValue<string>());
        await ActAsync(manager, called, "no-show");
    }

    [Fact]
    public async Task Tickets_BadInput_AndUnknowns()
    {
        var client = mall.CreateClient();
        var site = await mall.BuildingAsync();
        var problem = await (await client.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject())).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]!["serviceId"]);
        await (await client.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = Guid.NewGuid().ToString() })).AssertProblemAsync(404);
        await (await client.PostJsonAsync($"/api/v1/sites/{Guid.NewGuid()}/tickets", new JsonObject { ["serviceId"] = Guid.NewGuid().ToString() })).AssertProblemAsync(404);
        await (await client.GetAsync($"/api/v1/tickets/{Guid.NewGuid()}")).AssertProblemAsync(404);
        await (await client.GetAsync($"/api/v1/sites/{Guid.NewGuid()}/board")).AssertProblemAsync(404);
        // A mobile site has no counters yet: its services cannot be queued for.
        var sites = (await client.GetJsonAsync("/api/v1/sites")).AsArray();
        var mobile = sites.First(s => s!["kind"]!.GetValue<string>() == "mobile")!["id"]!.GetValue<string>();
        await (await client.PostJsonAsync($"/api/v1/sites/{mobile}/tickets", new JsonObject { ["serviceId"] = (await mall.ServiceAsync("DKP-KTP")).ToString() })).AssertProblemAsync(422);
    }

    [Fact]
    public async Task Stats_CountTicketsAndTimes_AndAgencyStaffSeeOnlyTheirOwn()
    {
        // BPJS Ketenagakerjaan (BTK-DAFTAR at L14) is used by this test only: its figures are exactly these three tickets.
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var ticket = await IssueAsync("BTK-DAFTAR");
        var second = await IssueAsync("BTK-DAFTAR");
        await IssueAsync("BTK-DAFTAR");
        var l14 = await mall.CounterAsync("L14");
        mall.Clock.Advance(TimeSpan.FromMinutes(4));
        var called = await (await manager.PostAsync($"/api/v1/counters/{l14}/call-next", null)).ReadJsonAsync();
        Assert.Equal(ticket["id"]!.GetValue<string>(), called["id"]!.GetValue<string>());
        await ActAsync(manager, called, "start");
        mall.Clock.Advance(TimeSpan.FromMinutes(6));
        await ActAsync(manager, called, "finish");
        mall.Clock.Advance(TimeSpan.FromMinutes(30));
        var late = await (await manager.PostAsync($"/api/v1/counters/{l14}/call-next", null)).ReadJsonAsync();
        Assert.Equal(second["id"]!.GetValue<string>(), late["id"]!.GetValue<string>());
        await ActAsync(manager, late, "no-show");

        var agencies = (await manager.GetJsonAsync("/api/v1/agencies")).AsArray();
        var bpjs = agencies.Single(a => a!["code"]!.GetValue<string>() == "BPJSTK")!["id"]!.GetValue<string>();
        var stats = await manager.GetJsonAsync($"/api/v1/queue/stats?agencyId={bpjs}");
        Assert.Equal(30, stats["targetWaitMinutes"]!.GetValue<int>());
        // Waits 4 and 40 minutes (the third still waits), one service of 6 minutes; nearest-rank percentiles.
        static void Exact(JsonNode figures)
        {
            Assert.Equal(3, figures["tickets"]!.GetValue<int>());
            Assert.Equal(1, figures["served"]!.GetValue<int>());
            Assert.Equal(1, figures["noShows"]!.GetValue<int>());
            Assert.Equal(0, figures["transferred"]!.GetValue<int>());
            Assert.Equal(4, figures["waitMedianMinutes"]!.GetValue<double>());
            Assert.Equal(40, figures["waitP90Minutes"]!.GetValue<double>());
            Assert.Equal(6, figures["serviceMedianMinutes"]!.GetValue<double>());
            Assert.Equal(6, figures["serviceP90Minutes"]!.GetValue<double>());
            Assert.Equal(0.5, figures["servedWithinTargetShare"]!.GetValue<double>());
        }
        Exact(stats["total"]!);
        var row = Assert.Single(stats["byService"]!.AsArray())!;
        Assert.Equal(ticket["serviceId"]!.GetValue<string>(), row["key"]!.GetValue<string>());
        Exact(row["figures"]!);
        var agencyRow = Assert.Single(stats["byAgency"]!.AsArray())!;
        Assert.Equal(bpjs, agencyRow["key"]!.GetValue<string>());
        Exact(agencyRow["figures"]!);
        var siteRow = Assert.Single(stats["bySite"]!.AsArray())!;
        Assert.Equal((await mall.BuildingAsync()).ToString(), siteRow["key"]!.GetValue<string>());
        Exact(siteRow["figures"]!);
        var dayRow = Assert.Single(stats["byDay"]!.AsArray())!;
        Assert.Equal(DateOnly.FromDateTime(mall.Clock.GetUtcNow().UtcDateTime.AddHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), dayRow["key"]!.GetValue<string>());
        Exact(dayRow["figures"]!);
        // Without the filter the service's row is the same, among the other agencies' tickets.
        var all = await manager.GetJsonAsync("/api/v1/queue/stats");
        Exact(all["byService"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == ticket["serviceId"]!.GetValue<string>())!["figures"]!);
        Assert.True(all["total"]!["tickets"]!.GetValue<int>() >= 3);

        var head = await mall.ClientForAsync(Accounts.DukcapilHead);
        var own = await head.GetJsonAsync("/api/v1/queue/stats");
        Assert.DoesNotContain(own["byService"]!.AsArray(), r => r!["key"]!.GetValue<string>() == ticket["serviceId"]!.GetValue<string>());
        await (await head.GetAsync($"/api/v1/queue/stats?agencyId={bpjs}")).AssertProblemAsync(403);
        await (await manager.GetAsync("/api/v1/queue/stats?from=2026-13-01")).AssertProblemAsync(400);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/queue/stats")).StatusCode);
    }
}
