using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>Slot plans skip the holiday list's days (national holidays and collective leave), Saturdays included.</summary>
public sealed class SlotPlanTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task Plan_MakesSlotsOnItsWeekdays_ButNotOnHolidaysOrCollectiveLeave_EvenOnASaturday()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("DKP-KK");
        // The demo calendar has 24 December 2026 (Thursday, collective leave) and 25 December (Friday, Christmas);
        // a collective leave day on Saturday 26 December is added here. The mall opens on Saturdays in this plan.
        var holiday = await manager.PostAsJsonAsync("/api/v1/calendar/holidays", new { date = "2026-12-26", kind = "collective_leave", name = "Cuti bersama Sabtu (uji)" });
        Assert.Equal(HttpStatusCode.Created, holiday.StatusCode);

        var plan = await manager.PostJsonAsync($"/api/v1/sites/{site}/slot-plans", new JsonObject
        {
            ["serviceId"] = service.ToString(), ["from"] = "2026-12-19", ["to"] = "2026-12-27",
            ["weekdays"] = new JsonArray(1, 2, 3, 4, 5, 6), ["windows"] = new JsonArray(new JsonObject { ["start"] = "13:00", ["end"] = "14:00" }),
            ["capacity"] = 5,
        });
        Assert.True(plan.StatusCode == HttpStatusCode.OK, await plan.Content.ReadAsStringAsync());
        // Sat 19, Mon 21, Tue 22, Wed 23; not Thu 24, Fri 25, Sat 26 (days off), nor Sun 20 and 27 (not in the plan).
        Assert.Equal(4, (await plan.ReadJsonAsync())["created"]!.GetValue<int>());
        async Task<int> SlotsOn(string day) => (await mall.CreateClient().GetJsonAsync($"/api/v1/sites/{site}/slots?serviceId={service}&date={day}"))
            .AsArray().Count(s => s!["start"]!.GetValue<string>().Contains("T13:00:00"));
        foreach (var day in new[] { "2026-12-19", "2026-12-21", "2026-12-22", "2026-12-23" }) Assert.Equal(1, await SlotsOn(day));
        foreach (var day in new[] { "2026-12-20", "2026-12-24", "2026-12-25", "2026-12-26", "2026-12-27" }) Assert.Equal(0, await SlotsOn(day));

        // Asked not to skip holidays, the plan fills the days off it names (and never repeats a slot it already made).
        var all = await manager.PostJsonAsync($"/api/v1/sites/{site}/slot-plans", new JsonObject
        {
            ["serviceId"] = service.ToString(), ["from"] = "2026-12-19", ["to"] = "2026-12-27",
            ["weekdays"] = new JsonArray(1, 2, 3, 4, 5, 6), ["windows"] = new JsonArray(new JsonObject { ["start"] = "13:00", ["end"] = "14:00" }),
            ["capacity"] = 5, ["skipHolidays"] = false,
        });
        Assert.Equal(3, (await all.ReadJsonAsync())["created"]!.GetValue<int>());
        Assert.Equal(1, await SlotsOn("2026-12-26"));
    }
}
