using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Queue;

/// <summary>The kiosk on a portrait touch screen (1080×1920): no sideways scroll, no site menu, axe clean; a search and a ticket without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KioskModeTests(BrowserFixture mall)
{
    private async Task<string> BuildingAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync(mall.BaseUrl + "/api/v1/sites");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "building").GetProperty("id").GetString()!;
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url}: the page is {widths[0]} px wide in a {widths[1]} px window");
    }

    [Fact]
    public async Task OnAPortraitScreen_TheKioskFits_IsAccessible_AndIssuesATicketThatLeadsBack()
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(1080, 1920);
        var site = await BuildingAsync(page);
        await page.GotoAsync($"/antrian/{site}/kiosk");
        Assert.Equal(0, await page.Locator("header.top").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Masuk" }).CountAsync());
        await AssertNoSidewaysScrollAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);
        // The service buttons are large targets.
        var box = await page.Locator("button[name=serviceId]").First.BoundingBoxAsync();
        Assert.True(box!.Height >= 64, $"a service button is {box.Height} px high");

        await page.GetByLabel("Cari layanan").FillAsync("akta kematian");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cari", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("cari=akta"));
        await AssertNoSidewaysScrollAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Akta Kematian" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/antrian/tiket/.+kios=1"));
        Assert.Matches("^A-\\d{3}$", (await page.Locator(".ticket-number").InnerTextAsync()).Trim());
        await AssertNoSidewaysScrollAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);
        // The ticket page goes back by itself after TiketModel.KioskReturnSeconds (20 s), and the checks above can take
        // that long on a loaded machine: the link is followed on a fresh load of the page, before its timer runs out.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Selesai, kembali ke awal" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/antrian/{site}/kiosk$"));
    }
}
