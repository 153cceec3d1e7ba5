using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>Ticket numbers are unique and without gaps per site, series and day; two counters never call the same ticket.</summary>
public sealed class TicketConcurrencyTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task ParallelIssuing_GivesUniqueNumbersWithoutGaps_PerSeries()
    {
        var site = await mall.BuildingAsync();
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var kk = await mall.ServiceAsync("DKP-KK");
        var nib = await mall.ServiceAsync("PTSP-NIB");
        var client = mall.CreateClient();
        using var start = new SemaphoreSlim(0);
        Guid[] services = [ktp, kk, nib];
        var tasks = Enumerable.Range(0, 150).Select(async i =>
        {
            await start.WaitAsync();
            return await client.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = services[i % 3].ToString() });
        }).ToList();
        start.Release(150);
        var responses = await Task.WhenAll(tasks);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<string>();
        var positions = new Dictionary<string, List<int>>();
        foreach (var r in responses)
        {
            var t = await r.ReadJsonAsync();
            numbers.Add(t["number"]!.GetValue<string>());
            positions.TryAdd(t["serviceId"]!.GetValue<string>(), []);
            positions[t["serviceId"]!.GetValue<string>()].Add(t["position"]!.GetValue<int>());
        }

        // The place in line each answer gave (counted per batch): one after another per service, none twice.
        Assert.Equal(3, positions.Count);
        foreach (var line in positions.Values)
            Assert.Equal(Enumerable.Range(line.Min(), line.Count), line.Order());

        // Disdukcapil's two services share series A: 100 tickets A-001..A-100; DPMPTSP's B-001..B-050.
        Assert.Equal(Enumerable.Range(1, 100).Select(n => $"A-{n:000}"), numbers.Where(n => n.StartsWith('A')).Order());
        Assert.Equal(Enumerable.Range(1, 50).Select(n => $"B-{n:000}"), numbers.Where(n => n.StartsWith('B')).Order());

        // Two counters of Disdukcapil call at the same time: every ticket is called exactly once.
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var l01 = await mall.CounterAsync("L01");
        var l02 = await mall.CounterAsync("L02");
        var called = new System.Collections.Concurrent.ConcurrentBag<string>();
        async Task Serve(Guid counter)
        {
            while (true)
            {
                var r = await officer.PostAsync($"/api/v1/counters/{counter}/call-next", null);
                if (r.StatusCode == HttpStatusCode.NoContent) return;
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                var t = await r.ReadJsonAsync();
                called.Add(t["number"]!.GetValue<string>());
                var done = await officer.PostJsonAsync($"/api/v1/tickets/{t["id"]}/actions", new JsonObject { ["action"] = "no-show" });
                Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            }
        }
        await Task.WhenAll(Serve(l01), Serve(l02));
        Assert.Equal(100, called.Count);
        Assert.Equal(100, called.Distinct().Count());

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        Assert.Equal(100, await db.TicketEvents.CountAsync(e => e.Action == "call"));
    }
}
