using System.Net;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>The board's hall display mode as HTML, and the waiting count per service it shows (also in the board API).</summary>
public sealed class HallDisplayTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task TheHall_HasNoSiteMenu_ShowsDateClockTheCallAndTheWaitingPerService()
    {
        var site = await mall.BuildingAsync();
        var kk = await mall.ServiceAsync("DKP-KK");
        var npwp = await mall.ServiceAsync("KPP-NPWP");
        var client = mall.CreateClient();
        foreach (var service in new[] { kk, kk, kk, npwp })
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = service.ToString() })).StatusCode);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var called = await (await manager.PostAsync($"/api/v1/counters/{await mall.CounterAsync("L01")}/call-next", null)).ReadJsonAsync();

        var board = await client.GetJsonAsync($"/api/v1/sites/{site}/board");
        Assert.Equal(3, board["waiting"]!.GetValue<int>());
        var services = board["services"]!.AsArray();
        Assert.Equal(kk.ToString(), services[0]!["serviceId"]!.GetValue<string>());
        Assert.Equal(2, services[0]!["waiting"]!.GetValue<int>());
        Assert.Equal(1, services[1]!["waiting"]!.GetValue<int>());

        var page = await client.GetPageAsync($"/antrian/{site}/papan?aula=1");
        Assert.Null(page.QuerySelector("header.top"));
        Assert.Null(page.QuerySelector("footer.foot"));
        Assert.NotNull(page.QuerySelector("#papan.hall"));
        Assert.Equal("Senin, 30 November 2026", page.QuerySelector("#tanggal")!.TextContent.Trim());
        Assert.Matches(@"^\d{2}\.\d{2}$", page.QuerySelector("#jam")!.TextContent.Trim());
        Assert.Equal(called["number"]!.GetValue<string>(), page.QuerySelector("#terbaru .board-number")!.TextContent.Trim());
        var lines = page.QuerySelectorAll("#per-layanan li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("Kartu Keluarga", lines[0]);
        Assert.EndsWith("2", lines[0].Trim());
        // Without JavaScript the page still refreshes itself.
        Assert.Contains("content=\"15\"", page.QuerySelector("head noscript")!.InnerHtml);
        // The ordinary board links to the hall mode.
        Assert.NotNull((await client.GetPageAsync($"/antrian/{site}/papan")).QuerySelector("a[href='?aula=1']"));
    }
}
