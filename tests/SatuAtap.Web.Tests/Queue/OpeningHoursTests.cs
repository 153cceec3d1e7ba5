using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>A mall that keeps its opening hours (the other test classes switch the check off).</summary>
public sealed class OpeningHoursMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Queue:EnforceOpeningHours"] = "true" };
}

/// <summary>
/// Tickets only while a site is open: the building's demo hours and the holiday calendar, a mobile site's visit, and a
/// booking's check-in from <c>Queue:CheckInMinutesBefore</c> before its slot. The clock only moves forward.
/// </summary>
public sealed class OpeningHoursTests(OpeningHoursMall mall) : IClassFixture<OpeningHoursMall>
{
    private static DateTimeOffset Wib(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    private async Task<HttpResponseMessage> WalkInAsync(Guid site, string service = "DKP-KK", string? language = null)
    {
        var client = mall.CreateClient();
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return await client.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = (await mall.ServiceAsync(service)).ToString() });
    }

    private async Task<Guid> MobileSiteAsync(string stop)
    {
        await using var scope = mall.Scope();
        return await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().QueueSites
            .Where(s => s.Kind == SiteKind.Mobile && s.Name.Contains(stop)).Select(s => s.Id).SingleAsync();
    }

    [Fact]
    public async Task TicketsAreIssuedOnlyWhileTheSiteIsOpen_AndACheckInOnlyFromAnHourBeforeItsSlot()
    {
        var site = await mall.BuildingAsync();
        var manager = await mall.ClientForAsync(Accounts.Manager);

        // Monday 30 November, 09.00 WIB: the building is open; the mobile unit is at Surade only on Tuesday 08.00–14.00.
        Assert.Equal(HttpStatusCode.Created, (await WalkInAsync(site)).StatusCode);
        // The kiosk offers only what is served today: the immigration office's counter (Loket 11) works Tuesday and Thursday.
        var passport = (await mall.ServiceAsync("IMI-PASPOR")).ToString();
        var monday = await mall.CreateClient().GetPageAsync($"/antrian/{site}/kiosk");
        Assert.NotEmpty(monday.QuerySelectorAll("button[name=serviceId]"));
        Assert.Empty(monday.QuerySelectorAll($"button[name=serviceId][value='{passport}']"));
        // The ticket API refuses it the same way: 409 naming the day (in English on request).
        var notToday = await (await WalkInAsync(site, "IMI-PASPOR")).AssertProblemAsync(409);
        Assert.Contains("tidak dilayani", notToday["detail"]!.GetValue<string>());
        Assert.Contains("Senin", notToday["detail"]!.GetValue<string>());
        Assert.Contains("on Monday", (await (await WalkInAsync(site, "IMI-PASPOR", "en")).AssertProblemAsync(409))["detail"]!.GetValue<string>());
        var surade = await WalkInAsync(await MobileSiteAsync("Surade"), "DKP-KTP");
        var mobile = await surade.AssertProblemAsync(409);
        Assert.Equal(Wib(12, 1, 8), mobile["opensAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains("Selasa, 1 Desember 2026 pukul 08.00 WIB", mobile["detail"]!.GetValue<string>());

        // A booking for 11.00 today is checked in from 10.00 (409 naming that time before), not at 09.00.
        var service = await mall.ServiceAsync("PAM-SAMBUNG");
        var slot = await mall.SlotAsync(manager, site, service, daysAhead: 0, hour: 11, capacity: 2);
        var code = (await (await mall.CreateClient().BookAsync(slot, "081255551111")).ReadJsonAsync())["code"]!.GetValue<string>();
        var early = await (await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["bookingCode"] = code })).AssertProblemAsync(409);
        Assert.Equal(Wib(11, 30, 10), early["opensAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains("Senin, 30 November 2026 pukul 10.00 WIB", early["detail"]!.GetValue<string>());
        mall.Clock.SetUtcNow(Wib(11, 30, 9, 59));
        await (await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["bookingCode"] = code })).AssertProblemAsync(409);
        mall.Clock.SetUtcNow(Wib(11, 30, 10));
        var checkedIn = await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["bookingCode"] = code });
        Assert.True(checkedIn.StatusCode == HttpStatusCode.Created, await checkedIn.Content.ReadAsStringAsync());

        // Tuesday 03.37 WIB: closed, opens at 08.00 (in English on request); the kiosk says so and offers no service.
        mall.Clock.SetUtcNow(Wib(12, 1, 3, 37));
        var night = await (await WalkInAsync(site)).AssertProblemAsync(409);
        Assert.Equal(Wib(12, 1, 8), night["opensAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains("Selasa, 1 Desember 2026 pukul 08.00 WIB", night["detail"]!.GetValue<string>());
        var english = await (await WalkInAsync(site, language: "en")).AssertProblemAsync(409);
        Assert.Contains("Tuesday 1 December 2026 at 08:00 WIB", english["detail"]!.GetValue<string>());
        var kiosk = await mall.CreateClient().GetPageAsync($"/antrian/{site}/kiosk");
        Assert.Contains("Selasa, 1 Desember 2026 pukul 08.00 WIB", kiosk.QuerySelector("#tutup")!.ParentElement!.TextContent);
        Assert.Empty(kiosk.QuerySelectorAll("button[name=serviceId]"));
        Assert.NotNull(kiosk.QuerySelector("input[name=bookingCode]"));

        // At the stroke of eight the building and the mobile unit at Surade open.
        mall.Clock.SetUtcNow(Wib(12, 1, 8));
        Assert.Equal(HttpStatusCode.Created, (await WalkInAsync(site)).StatusCode);
        Assert.NotEmpty((await mall.CreateClient().GetPageAsync($"/antrian/{site}/kiosk")).QuerySelectorAll($"button[name=serviceId][value='{passport}']"));
        Assert.Equal(HttpStatusCode.Created, (await WalkInAsync(site, "IMI-PASPOR")).StatusCode);
        var atSurade = await WalkInAsync(await MobileSiteAsync("Surade"), "DKP-KTP");
        await atSurade.AssertProblemAsync(422); // open now: refused only because no counter is placed there yet

        // Friday closes at 14.30: on Saturday the next opening is Monday.
        mall.Clock.SetUtcNow(Wib(12, 5, 10));
        Assert.Equal(Wib(12, 7, 8), (await (await WalkInAsync(site)).AssertProblemAsync(409))["opensAt"]!.GetValue<DateTimeOffset>());

        // Collective leave (Thursday 24 December) and Christmas (Friday 25 December): closed until Monday 28 December.
        mall.Clock.SetUtcNow(Wib(12, 24, 9));
        Assert.Equal(Wib(12, 28, 8), (await (await WalkInAsync(site)).AssertProblemAsync(409))["opensAt"]!.GetValue<DateTimeOffset>());
    }
}

/// <summary>With <c>Queue:EnforceOpeningHours</c> off (as the other tests, the load tests and a night demo run) a ticket is issued at any hour.</summary>
public sealed class OpeningHoursOffTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task AtNight_AWalkInGetsATicket()
    {
        mall.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 3, 37, 0, TimeSpan.FromHours(7)));
        var site = await mall.BuildingAsync();
        var response = await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{site}/tickets",
            new JsonObject { ["serviceId"] = (await mall.ServiceAsync("DKP-KK")).ToString() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
