using System.Net;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Outreach;

/// <summary>
/// A scripted visit run through the Queue as on the day (counters placed at the stop's site, bookings, check-ins at
/// the kiosk, walk-ins, officers calling and serving), then its report and the period's. Its own mall: the clock moves.
/// </summary>
public sealed class VisitReportTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task TheReport_CountsWhatWasRecorded_AndTripsSaved_AndShowsOnlyTheAgencysLinesToItsStaff()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit laporan");
        var (surade, site) = await mall.StopAsync("SURADE");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var skck = await mall.ServiceAsync("POL-SKCK");
        // Saturday 5 December: no demo visit to Surade that day.
        var day = new DateOnly(2026, 12, 5);
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, surade, day, 8, 12, (ktp, 2), (skck, 1)));
        var l01 = await mall.CounterAsync("L01");
        var l05 = await mall.CounterAsync("L05");
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PutAsync($"/api/v1/sites/{site}/counters/{l01}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PutAsync($"/api/v1/sites/{site}/counters/{l05}", null)).StatusCode);
        var client = mall.CreateClient();
        var ktpSlot = OutreachTestData.SlotOf(visit, ktp);
        var comes = (await (await client.BookAsync(ktpSlot, "081277770001", name: "Datang")).ReadJsonAsync())["code"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await client.BookAsync(ktpSlot, "081277770002", name: "Tidak datang")).StatusCode);
        var skckCode = (await (await client.BookAsync(OutreachTestData.SlotOf(visit, skck), "081277770003", name: "SKCK")).ReadJsonAsync())["code"]!.GetValue<string>();

        // The visit's day, 08.00 WIB: one booking checks in, two people walk in for an ID card, one checks in for SKCK.
        mall.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero));
        // Signed in on the day (a sign-in of days before has expired).
        manager = await mall.ClientForAsync(Accounts.Manager);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        foreach (var body in new[]
                 {
                     new JsonObject { ["bookingCode"] = comes }, new JsonObject { ["serviceId"] = ktp.ToString() },
                     new JsonObject { ["serviceId"] = ktp.ToString() }, new JsonObject { ["bookingCode"] = skckCode },
                 })
        {
            var issued = await client.PostJsonAsync($"/api/v1/sites/{site}/tickets", body);
            Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        }
        // The Dukcapil officer works counter 1 at the stop as at the building: two served, the third does not answer.
        mall.Clock.Advance(TimeSpan.FromMinutes(10));
        await ServeAsync(officer, l01, "finish");
        await ServeAsync(officer, l01, "finish");
        await ServeAsync(officer, l01, "no-show");
        await ServeAsync(manager, l05, "finish");
        mall.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero));
        manager = await mall.ClientForAsync(Accounts.Manager);
        officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);

        var report = await manager.GetJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/report");

        Assert.Equal("done", report["status"]!.GetValue<string>());
        var k = report["services"]!.AsArray().Single(s => s!["code"]!.GetValue<string>() == "DKP-KTP")!;
        Assert.Equal(2, k["quota"]!.GetValue<int>());
        Assert.Equal(2, k["bookings"]!.GetValue<int>());
        Assert.Equal(1, k["checkedIn"]!.GetValue<int>());
        Assert.Equal(1, k["bookingNoShows"]!.GetValue<int>());
        Assert.Equal(3, k["tickets"]!.GetValue<int>());
        Assert.Equal(2, k["walkIns"]!.GetValue<int>());
        Assert.Equal(2, k["served"]!.GetValue<int>());
        Assert.Equal(1, k["ticketNoShows"]!.GetValue<int>());
        // Called after 10, 15 and 20 minutes (each served for 5 minutes).
        Assert.Equal(15, k["waitMedianMinutes"]!.GetValue<double>());
        Assert.Equal(4, k["demand"]!.GetValue<int>());
        Assert.Equal(2, k["overQuota"]!.GetValue<int>());
        Assert.Equal(3, report["served"]!.GetValue<int>());
        Assert.Equal(4, report["tickets"]!.GetValue<int>());
        // Three people served at Surade, 62 km and 130 minutes from the mall, at Rp 2.500 per km.
        var trips = report["tripsSaved"]!;
        Assert.Equal(186, trips["kilometres"]!.GetValue<double>());
        Assert.Equal(6.5, trips["hours"]!.GetValue<double>());
        Assert.Equal(465_000, trips["fareRupiah"]!.GetValue<long>());

        var own = await officer.GetJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/report");
        Assert.Equal(["DKP-KTP"], own["services"]!.AsArray().Select(s => s!["code"]!.GetValue<string>()));
        var other = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        await (await other.GetAsync($"/api/v1/outreach/visits/{visit["id"]}/report")).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await mall.ClientForAsync(Accounts.Citizen)).GetAsync($"/api/v1/outreach/visits/{visit["id"]}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/outreach/visits/{visit["id"]}/report")).StatusCode);
        await (await manager.GetAsync($"/api/v1/outreach/visits/{Guid.NewGuid()}/report")).AssertProblemAsync(404);

        var period = await manager.GetJsonAsync("/api/v1/outreach/reports?from=2026-12-05&to=2026-12-05");
        Assert.Equal(1, period["visits"]!.GetValue<int>());
        Assert.Equal(3, period["served"]!.GetValue<int>());
        var top = period["overQuota"]!.AsArray().First()!;
        Assert.Equal("Surade", top["stop"]!.GetValue<string>());
        Assert.Equal(ktp.ToString(), top["serviceId"]!.GetValue<string>());
        Assert.Equal(2, top["overQuota"]!.GetValue<int>());
        Assert.Equal(186, period["byStop"]![0]!["tripsSaved"]!["kilometres"]!.GetValue<double>());
        Assert.NotNull((await (await manager.GetAsync("/api/v1/outreach/reports?from=2026-12-05&to=2026-12-01")).AssertProblemAsync(400))["errors"]!["to"]);
    }

    [Fact]
    public async Task TheDemosPastVisits_GiveRealFigures()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var period = await manager.GetJsonAsync("/api/v1/outreach/reports?from=2026-11-16&to=2026-11-29");
        Assert.Equal(3, period["visits"]!.GetValue<int>());
        Assert.True(period["served"]!.GetValue<int>() > 50);
        Assert.True(period["tripsSaved"]!["kilometres"]!.GetValue<double>() > 1000);
        Assert.NotEmpty(period["overQuota"]!.AsArray());
        // Applications taken at the three past visits (ten each).
        Assert.Equal(30, period["applications"]!.GetValue<int>());
    }

    private async Task ServeAsync(HttpClient staff, Guid counter, string last)
    {
        var called = await staff.PostAsync($"/api/v1/counters/{counter}/call-next", null);
        Assert.True(called.StatusCode == HttpStatusCode.OK, await called.Content.ReadAsStringAsync());
        var ticket = await called.ReadJsonAsync();
        if (last == "finish")
        {
            await ActAsync(staff, ticket, "start");
            mall.Clock.Advance(TimeSpan.FromMinutes(5));
        }
        await ActAsync(staff, ticket, last);
    }

    private static async Task ActAsync(HttpClient staff, JsonNode ticket, string action)
    {
        var response = await staff.PostJsonAsync($"/api/v1/tickets/{ticket["id"]}/actions", new JsonObject { ["action"] = action, ["outcome"] = "selesai" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
