using System.Text.Json;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Queue;

/// <summary>The board's hall display mode on a TV: the whole screen without scrolling at 1920×1080 and 1280×720, axe clean, and a call made through the API appearing live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HallDisplayTests(BrowserFixture mall)
{
    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task TheHall_FillsTheScreenWithoutScrolling_AndShowsACallMadeThroughTheApi(int width, int height)
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        var api = page.APIRequest;
        using var sites = JsonDocument.Parse(await (await api.GetAsync(mall.BaseUrl + "/api/v1/sites")).TextAsync());
        var site = sites.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "building").GetProperty("id").GetString()!;

        await page.GotoAsync($"/antrian/{site}/papan?aula=1");
        await page.Locator("#papan[data-live=on]").WaitForAsync(new() { Timeout = 10_000 });
        var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.documentElement.scrollHeight, document.documentElement.clientHeight]");
        Assert.True(sizes[0] <= sizes[1] && sizes[2] <= sizes[3], $"{width}×{height}: the page is {sizes[0]}×{sizes[2]} in a {sizes[1]}×{sizes[3]} window");
        await BrowserFixture.AssertAccessibleAsync(page);

        // A ticket for a counter's first service (a counter no other browser test calls at, one per screen size),
        // called by the manager through the API.
        using var counters = JsonDocument.Parse(await (await api.GetAsync($"{mall.BaseUrl}/api/v1/sites/{site}/counters")).TextAsync());
        var name = width == 1920 ? "Loket 16" : "Loket 14";
        var counter = counters.RootElement.EnumerateArray().First(c => c.GetProperty("name").GetString() == name);
        var service = counter.GetProperty("serviceIds")[0].GetString();
        await api.PostAsync($"{mall.BaseUrl}/api/v1/sites/{site}/tickets", new() { DataObject = new { serviceId = service } });
        using var login = JsonDocument.Parse(await (await api.PostAsync(mall.BaseUrl + "/api/v1/identity/login",
            new() { DataObject = new { email = "pengelola@demo.satuatap.id", password = BrowserFixture.DemoPassword } })).TextAsync());
        var token = login.RootElement.GetProperty("accessToken").GetString();
        var call = await api.PostAsync($"{mall.BaseUrl}/api/v1/counters/{counter.GetProperty("id").GetString()}/call-next",
            new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } });
        Assert.Equal(200, call.Status);
        using var called = JsonDocument.Parse(await call.TextAsync());
        var number = called.RootElement.GetProperty("number").GetString()!;

        await page.Locator("#terbaru .board-number", new() { HasTextString = number }).WaitForAsync(new() { Timeout = 5_000 });
        sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.documentElement.scrollHeight, document.documentElement.clientHeight]");
        Assert.True(sizes[0] <= sizes[1] && sizes[2] <= sizes[3], $"{width}×{height} after the call: {sizes[0]}×{sizes[2]} in {sizes[1]}×{sizes[3]}");
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#jam").InnerTextAsync()));
    }
}
