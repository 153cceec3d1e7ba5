using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Queue;

[Collection(BrowserCollection.Name)]
public sealed class QueueJourneyTests(BrowserFixture mall)
{
    private async Task<string> BuildingAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync(mall.BaseUrl + "/api/v1/sites");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "building").GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Kiosk_IssuesATicket_OfficerCallsIt_AndTheBoardShowsItLive()
    {
        var board = await mall.NewPageAsync();
        var site = await BuildingAsync(board);
        await board.GotoAsync($"/antrian/{site}/papan");
        await board.Locator("#papan[data-live=on]").WaitForAsync(new() { Timeout = 10_000 });

        // The kiosk works without JavaScript.
        var kiosk = await mall.NewPageAsync(javaScript: false);
        await kiosk.GotoAsync($"/antrian/{site}/kiosk");
        var ticketPage = await kiosk.RunAndWaitForResponseAsync(
            () => kiosk.GetByRole(AriaRole.Button, new() { Name = "Akta Kematian" }).ClickAsync(),
            r => r.Request.Method == "GET" && r.Url.Contains("/antrian/tiket/", StringComparison.Ordinal) && r.Url.Contains("cetak=1", StringComparison.Ordinal));
        // Read from the answer itself: the kiosk's ticket page goes back to the kiosk's start by itself after 20 s.
        var html = await ticketPage.TextAsync();
        Assert.True(ticketPage.Status == 200, $"The ticket page answered {ticketPage.Status}: {html[..Math.Min(html.Length, 2000)]}");
        var number = Regex.Match(html, "class=\"ticket-number\">([^<]*)<").Groups[1].Value.Trim();
        Assert.Matches("^A-\\d{3}$", number);
        var ticketUrl = ticketPage.Url.Split('?')[0];

        var officer = await mall.NewPageAsync();
        await mall.SignInAsync(officer, "dukcapil@demo.satuatap.id");
        await officer.GotoAsync("/kelola/antrian");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Loket 1" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Panggil berikutnya" }).ClickAsync();
        Assert.Equal(number, (await officer.Locator("#tiket-sekarang").InnerTextAsync()).Trim());

        // The board was not reloaded: the number arrives through the hub.
        await board.Locator("#terbaru .board-number", new() { HasTextString = number }).WaitForAsync(new() { Timeout = 5_000 });
        Assert.Contains("Loket 1", await board.Locator("#terbaru").InnerTextAsync());
        Assert.Contains(number, await board.Locator("#panggilan").InnerTextAsync());

        await kiosk.GotoAsync(ticketUrl);
        Assert.Equal("Loket 1", (await kiosk.Locator("#loket").InnerTextAsync()).Trim());

        await officer.GetByRole(AriaRole.Button, new() { Name = "Mulai layani" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Selesai" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Panggil berikutnya" }).WaitForAsync();
    }

    [Theory]
    [InlineData("kiosk")]
    [InlineData("ticket")]
    [InlineData("board")]
    [InlineData("booking")]
    [InlineData("queue-home")]
    [InlineData("find-booking")]
    [InlineData("unknown-booking")]
    public async Task QueuePages_HaveNoSeriousAccessibilityViolations(string which)
    {
        var page = await mall.NewPageAsync();
        var site = await BuildingAsync(page);
        var path = which switch
        {
            "kiosk" => $"/antrian/{site}/kiosk",
            "board" => $"/antrian/{site}/papan",
            "booking" => "/antrian/pesan",
            "queue-home" => "/antrian",
            "find-booking" => "/antrian/pesan/cari",
            "unknown-booking" => "/antrian/pesan/ZZZZZZ",
            _ => await TicketPathAsync(page, site),
        };
        await page.GotoAsync(path);
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    private async Task<string> TicketPathAsync(IPage page, string site)
    {
        var services = await page.APIRequest.GetAsync(mall.BaseUrl + "/api/v1/services?q=pajak%20kendaraan");
        using var json = JsonDocument.Parse(await services.TextAsync());
        var service = json.RootElement.GetProperty("items").EnumerateArray().First(s => s.GetProperty("code").GetString() == "SAM-PKB").GetProperty("id").GetString();
        var created = await page.APIRequest.PostAsync($"{mall.BaseUrl}/api/v1/sites/{site}/tickets", new() { DataObject = new { serviceId = service } });
        using var ticket = JsonDocument.Parse(await created.TextAsync());
        return "/antrian/tiket/" + ticket.RootElement.GetProperty("id").GetString();
    }
}
