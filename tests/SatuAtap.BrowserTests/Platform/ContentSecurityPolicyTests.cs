using System.Text.Json;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Platform;

/// <summary>The pages work under their content security policy: the browser refuses nothing they need.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture mall)
{
    [Fact]
    public async Task Pages_TheLiveBoard_AndTheApiBrowser_RunWithoutPolicyViolations()
    {
        var page = await mall.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) refused.Add(page.Url + ": " + message.Text);
        };

        var sites = await page.APIRequest.GetAsync(mall.BaseUrl + "/api/v1/sites");
        using var json = JsonDocument.Parse(await sites.TextAsync());
        var site = json.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "building").GetProperty("id").GetString()!;

        // The board connects its WebSocket to the mall itself (connect-src 'self') and goes live.
        var board = await page.GotoAsync($"/antrian/{site}/papan");
        Assert.Contains("connect-src 'self'", (await board!.AllHeadersAsync())["content-security-policy"]);
        await page.Locator("#papan[data-live=on]").WaitForAsync(new() { Timeout = 10_000 });

        // (No ticket is issued here: the queue journey counts on the building's queue being its own. The ticket page's
        // markup is checked in the web tests.)
        foreach (var path in new[] { "/", "/layanan?q=ktp", "/akun/masuk", $"/antrian/{site}/kiosk" })
            await page.GotoAsync(path);

        await page.GotoAsync("/scalar/");
        // The API browser's own start-up script (allowed by its hash) mounts the reference into #app.
        await page.WaitForFunctionAsync("() => document.querySelector('#app')?.children.length > 0", null, new() { Timeout = 20_000 });

        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }
}
