using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

public sealed class BookingApiTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task Sites_ListTheBuildingAndTheMobileStops_WithKindAndZone()
    {
        var sites = (await mall.CreateClient().GetJsonAsync("/api/v1/sites")).AsArray();
        var building = sites.Single(s => s!["kind"]!.GetValue<string>() == "building")!;
        Assert.Equal("MPP Kabupaten Sukabumi", building["name"]!.GetValue<string>());
        Assert.Equal("Asia/Jakarta", building["timeZone"]!.GetValue<string>());
        Assert.Equal(5, sites.Count(s => s!["kind"]!.GetValue<string>() == "mobile"));
    }

    [Fact]
    public async Task Counters_OfTheBuilding_NameTheirAgencyAndServices()
    {
        var client = mall.CreateClient();
        var counters = (await client.GetJsonAsync($"/api/v1/sites/{await mall.BuildingAsync()}/counters")).AsArray();
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var l01Id = (await mall.CounterAsync("L01")).ToString();
        var l01 = counters.Single(c => c!["id"]!.GetValue<string>() == l01Id)!;
        Assert.Equal("Loket 1", l01["name"]!.GetValue<string>());
        Assert.Contains(ktp.ToString(), l01["serviceIds"]!.AsArray().Select(x => x!.GetValue<string>()));
        var dukcapil = (await client.GetJsonAsync("/api/v1/agencies")).AsArray().Single(a => a!["code"]!.GetValue<string>() == "DUKCAPIL")!;
        Assert.Equal(dukcapil["id"]!.GetValue<string>(), l01["agencyId"]!.GetValue<string>());
        (await client.GetAsync($"/api/v1/sites/{Guid.NewGuid()}/counters")).EnsureNotFound();
    }

    [Fact]
    public async Task Slots_ShowPlacesLeft_InSiteTime()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("KMG-NIKAH");
        var slot = await mall.SlotAsync(manager, site, service, daysAhead: 2, hour: 13, capacity: 3);
        await mall.CreateClient().BookAsync(slot, QueueTestData.Phone(900));
        var date = DateOnly.FromDateTime(mall.Clock.GetUtcNow().UtcDateTime.AddHours(7)).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var slots = (await mall.CreateClient().GetJsonAsync($"/api/v1/sites/{site}/slots?serviceId={service}&date={date}")).AsArray();
        var s = slots.Single(x => x!["id"]!.GetValue<string>() == slot.ToString())!;
        Assert.Equal(3, s["capacity"]!.GetValue<int>());
        Assert.Equal(2, s["remaining"]!.GetValue<int>());
        Assert.EndsWith("T13:00:00+07:00", s["start"]!.GetValue<string>());
        Assert.EndsWith("T13:30:00+07:00", s["end"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?serviceId=x&date=2026-12-01", "serviceId")]
    [InlineData("?date=1-12-2026", "date")]
    [InlineData("", "date")]
    public async Task Slots_MalformedQuery_Is400NamingTheField(string query, string field)
    {
        var problem = await (await mall.CreateClient().GetAsync($"/api/v1/sites/{await mall.BuildingAsync()}/slots{query}")).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Slots_UnknownSiteOrService_Is404()
    {
        var client = mall.CreateClient();
        await (await client.GetAsync($"/api/v1/sites/{Guid.NewGuid()}/slots?date=2026-12-01")).AssertProblemAsync(404);
        await (await client.GetAsync($"/api/v1/sites/{await mall.BuildingAsync()}/slots?date=2026-12-01&serviceId={Guid.NewGuid()}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task CreateSlot_OnlyManagers_AndBadInputNamesTheField()
    {
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("KMG-NIKAH");
        var body = new JsonObject { ["serviceId"] = service.ToString(), ["start"] = "2026-12-03T08:00:00", ["end"] = "2026-12-03T09:00:00", ["capacity"] = 5 };
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{site}/slots", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await mall.ClientForAsync(Accounts.DukcapilOfficer)).PostJsonAsync($"/api/v1/sites/{site}/slots", body)).StatusCode);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var created = await manager.PostJsonAsync($"/api/v1/sites/{site}/slots", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("2026-12-03T08:00:00+07:00", (await created.ReadJsonAsync())["start"]!.GetValue<string>());
        var bad = await (await manager.PostJsonAsync($"/api/v1/sites/{site}/slots", new JsonObject
        {
            ["serviceId"] = service.ToString(), ["start"] = "besok", ["end"] = "2026-12-03T07:00:00", ["capacity"] = 0,
        })).AssertProblemAsync(400);
        Assert.NotNull(bad["errors"]!["start"]);
        Assert.NotNull(bad["errors"]!["capacity"]);
        body["serviceId"] = Guid.NewGuid().ToString();
        await (await manager.PostJsonAsync($"/api/v1/sites/{site}/slots", body)).AssertProblemAsync(404);
        await (await manager.PostJsonAsync($"/api/v1/sites/{Guid.NewGuid()}/slots", body)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Booking_GivesACode_AndCancellingReturnsThePlace()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var slot = await mall.SlotAsync(manager, site, await mall.ServiceAsync("KMG-DUPLIKAT"), daysAhead: 1, hour: 9, capacity: 1);
        var client = mall.CreateClient();
        var created = await client.BookAsync(slot, "+62 812-3456-0001", "3202014509900001");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var booking = await created.ReadJsonAsync();
        var code = booking["code"]!.GetValue<string>();
        Assert.Equal(8, code.Length);
        Assert.Equal(slot.ToString(), booking["slotId"]!.GetValue<string>());
        // The answer, and anyone who later looks the code up, sees the personal data masked.
        Assert.Equal("0812****0001", booking["phone"]!.GetValue<string>());
        Assert.Equal("3202********0001", booking["nik"]!.GetValue<string>());
        var looked = await client.GetJsonAsync($"/api/v1/bookings/{code}");
        Assert.Equal("0812****0001", looked["phone"]!.GetValue<string>());
        Assert.Equal("3202********0001", looked["nik"]!.GetValue<string>());
        Assert.DoesNotContain("3202014509900001", looked.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("081234560001", looked.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("S*** A*****", looked["name"]!.GetValue<string>());
        Assert.Equal("active", booking["status"]!.GetValue<string>());
        Assert.Equal("/api/v1/bookings/" + code, created.Headers.Location!.ToString());

        var full = await (await client.BookAsync(slot, QueueTestData.Phone(1))).AssertProblemAsync(409);
        Assert.NotNull(full["nextSlots"]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/bookings/{code}")).StatusCode);
        Assert.Equal("cancelled", (await client.GetJsonAsync($"/api/v1/bookings/{code}"))["status"]!.GetValue<string>());
        await (await client.DeleteAsync($"/api/v1/bookings/{code}")).AssertProblemAsync(409);
        await (await client.DeleteAsync("/api/v1/bookings/NOSUCHCD")).AssertProblemAsync(404);
        Assert.Equal(HttpStatusCode.Created, (await client.BookAsync(slot, QueueTestData.Phone(1))).StatusCode);
    }

    [Theory]
    [InlineData("12345", null, "phone")]
    [InlineData("", null, "phone")]
    [InlineData("081234567890", "123", "nik")]
    [InlineData("081234567890", "3202011313900001", "nik")]
    public async Task Booking_MalformedPhoneOrNik_Is400NamingTheField(string phone, string? nik, string field)
    {
        var slot = await mall.SlotAsync(await mall.ClientForAsync(Accounts.Manager), await mall.BuildingAsync(), await mall.ServiceAsync("BPN-ROYA"), 1, 10, 5);
        var problem = await (await mall.CreateClient().BookAsync(slot, phone, nik)).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Booking_UnknownSlot_Is404_AndMalformedJson_Is400()
    {
        var client = mall.CreateClient();
        await (await client.BookAsync(Guid.NewGuid(), "081234567890")).AssertProblemAsync(404);
        var response = await client.PostAsync("/api/v1/bookings", new StringContent("{\"slotId\": 12", System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task Booking_InThePast_Is422()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var slot = await mall.SlotAsync(manager, await mall.BuildingAsync(), await mall.ServiceAsync("BPN-CEK"), daysAhead: 0, hour: 8, capacity: 5);
        var problem = await (await mall.CreateClient().BookAsync(slot, "081234567891")).AssertProblemAsync(422);
        Assert.Contains("lewat", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Booking_BeforeTheSlotOpens_Is422WithTheOpeningTime()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        // Opens 7 days ahead at 07.00 site time: a slot 10 days away opens in 3 days.
        var slot = await mall.SlotAsync(manager, await mall.BuildingAsync(), await mall.ServiceAsync("BPN-CEK"), daysAhead: 10, hour: 9, capacity: 5);
        var problem = await (await mall.CreateClient().BookAsync(slot, "081234567892")).AssertProblemAsync(422);
        var opens = DateOnly.FromDateTime(mall.Clock.GetUtcNow().UtcDateTime.AddHours(7)).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T07:00:00+07:00";
        Assert.Equal(opens, problem["opensAt"]!.GetValue<string>());
        Assert.Contains("07.00", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Booking_MessagesInEnglish_OnRequest()
    {
        var client = mall.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var problem = await (await client.BookAsync(Guid.NewGuid(), "081234567890")).AssertProblemAsync(404);
        Assert.Equal("Slot not found.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Booking_CanBeMovedToAnotherSlot_InOneStep()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("BPN-PERALIHAN");
        var first = await mall.SlotAsync(manager, site, service, 2, 9, 1);
        var second = await mall.SlotAsync(manager, site, service, 2, 10, 1);
        var client = mall.CreateClient();
        var code = (await (await client.BookAsync(first, "081299990000")).ReadJsonAsync())["code"]!.GetValue<string>();
        var moved = await client.PostJsonAsync($"/api/v1/bookings/{code}/move", new JsonObject { ["slotId"] = second.ToString() });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(second.ToString(), (await moved.ReadJsonAsync())["slotId"]!.GetValue<string>());
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        Assert.Equal(0, await db.Slots.Where(s => s.Id == first).Select(s => s.Booked).SingleAsync());
        Assert.Equal(1, await db.Slots.Where(s => s.Id == second).Select(s => s.Booked).SingleAsync());
    }
}

internal static class ResponseAssertions
{
    public static void EnsureNotFound(this HttpResponseMessage response) => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
}
