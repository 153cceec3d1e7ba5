using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.BrowserTests.Infrastructure;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;

namespace SatuAtap.BrowserTests.Queue;

/// <summary>
/// A board whose push was lost (a node restarted, the shared Redis away) still shows the call: besides the pushes it
/// reads its calls every <c>Queue:BoardRefreshSeconds</c> (3 s in the browser fixture).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardRefreshTests(BrowserFixture mall)
{
    [Fact]
    public async Task ACallThatWasNeverPushed_ShowsOnTheBoard_ByItsOwnRefresh()
    {
        var page = await mall.NewPageAsync();
        var api = page.APIRequest;
        using var sites = JsonDocument.Parse(await (await api.GetAsync(mall.BaseUrl + "/api/v1/sites")).TextAsync());
        var site = sites.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "building").GetProperty("id").GetString()!;
        using var counters = JsonDocument.Parse(await (await api.GetAsync($"{mall.BaseUrl}/api/v1/sites/{site}/counters")).TextAsync());
        var counter = counters.RootElement.EnumerateArray().First(c => c.GetProperty("name").GetString() == "Loket 12");
        var service = counter.GetProperty("serviceIds")[0].GetString();

        await page.GotoAsync($"/antrian/{site}/papan");
        await page.Locator("#papan[data-live=on]").WaitForAsync(new() { Timeout = 10_000 });

        var issued = await api.PostAsync($"{mall.BaseUrl}/api/v1/sites/{site}/tickets", new() { DataObject = new { serviceId = service } });
        Assert.Equal(201, issued.Status);
        using var ticket = JsonDocument.Parse(await issued.TextAsync());
        var id = ticket.RootElement.GetProperty("id").GetGuid();
        var number = ticket.RootElement.GetProperty("number").GetString()!;

        // Called the way the use case records it, but without its push to the boards.
        using (var scope = mall.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var row = await db.Tickets.SingleAsync(t => t.Id == id);
            row.Status = TicketStatus.Called;
            row.CounterId = counter.GetProperty("id").GetGuid();
            row.CalledUtc = now;
            row.LastCalledUtc = now.AddSeconds(5); // the latest call of the site, whatever else the suite called
            await db.SaveChangesAsync();
        }

        await page.Locator("#terbaru .board-number", new() { HasTextString = number }).WaitForAsync(new() { Timeout = 10_000 });
    }
}
