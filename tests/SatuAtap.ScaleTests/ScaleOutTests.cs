using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Queue;
using SatuAtap.Web.Tests.Feedback;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.ScaleTests;

/// <summary>Two nodes behave as one mall: live updates, caches and bookings.</summary>
public sealed class ScaleOutTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task ATicketCalledOnNodeA_ReachesABoardConnectedToNodeB()
    {
        var site = await nodes.A.BuildingAsync();
        await using var board = Board(nodes.B, site);
        var called = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        board.On<JsonElement>("called", c => called.TrySetResult(c));
        await board.StartAsync();

        var issued = await nodes.A.CreateClient().PostAsJsonAsync($"/api/v1/sites/{site}/tickets", new { serviceId = await nodes.A.ServiceAsync("SAM-PKB") });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var ticket = await issued.ReadJsonAsync();
        var manager = await nodes.A.ClientForAsync(Accounts.Manager);
        var call = await manager.PostAsync($"/api/v1/counters/{await nodes.A.CounterAsync("L06")}/call-next", null);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);

        var pushed = await called.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(ticket["number"]!.GetValue<string>(), pushed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACatalogEditOnNodeA_IsServedByNodeB_WithinOneSecond()
    {
        var reader = nodes.B.CreateClient();
        var before = await reader.GetJsonAsync("/api/v1/services/DKP-KK"); // node B now holds the catalog in its cache
        var manager = await nodes.A.ClientForAsync(Accounts.Manager);
        var edited = await manager.GetJsonAsync($"/api/v1/services/{before["id"]!.GetValue<string>()}");
        var name = "Kartu Keluarga " + Guid.NewGuid().ToString("N")[..6];
        edited["name"] = name;
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/v1/services/{before["id"]!.GetValue<string>()}", edited)).StatusCode);
        var saved = DateTime.UtcNow;

        // The clocks of both nodes stand still (FakeTimeProvider): only the change announced over Redis can refresh B.
        string? served = null;
        while (DateTime.UtcNow - saved < TimeSpan.FromSeconds(1))
        {
            served = (await reader.GetJsonAsync("/api/v1/services/DKP-KK"))["name"]!.GetValue<string>();
            if (served == name) break;
            await Task.Delay(25);
        }
        Assert.Equal(name, served);
    }

    [Fact]
    public async Task TwoHundredBookingsSplitOverBothNodes_ForASlotOfTwenty_GiveExactlyTwenty()
    {
        var manager = await nodes.A.ClientForAsync(Accounts.Manager);
        var site = await nodes.A.BuildingAsync();
        var slot = await nodes.A.SlotAsync(manager, site, await nodes.A.ServiceAsync("IMI-PASPOR"), daysAhead: 1, hour: 8, capacity: 20);
        var clients = new[] { nodes.A.CreateClient(), nodes.B.CreateClient() };
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 200).Select(async i =>
        {
            await start.WaitAsync();
            return await clients[i % 2].BookAsync(slot, QueueTestData.Phone(i), name: $"Warga {i}");
        }).ToList();
        start.Release(200);
        var responses = await Task.WhenAll(tasks);

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(180, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await using var scope = nodes.A.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        Assert.Equal(20, await db.Slots.Where(s => s.Id == slot).Select(s => s.Booked).SingleAsync());
        Assert.Equal(20, await db.Bookings.CountAsync(b => b.SlotId == slot && b.Status == BookingStatus.Active));
    }

    [Fact]
    public async Task ARebuildOfServedCountsOnNodeA_ShowsInTheSurveyIndexOfNodeB_WithinOneSecond()
    {
        var today = DateOnly.FromDateTime(nodes.A.Clock.GetUtcNow().UtcDateTime.AddHours(7));
        var past = today.AddDays(-2);
        var query = $"/api/v1/surveys/index?from={today.AddDays(-7):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}";
        var reader = await nodes.B.ClientForAsync(Accounts.Manager);
        async Task<long> PopulationAsync() => (await reader.GetJsonAsync(query))["population"]!.GetValue<long>();
        var before = await PopulationAsync(); // node B now remembers these closed days

        // A finished ticket moved into a closed day (as a restore writes it), then the served counts rebuilt on node A.
        var ticket = await nodes.A.FinishedTicketAsync("DKP-KK", "L01");
        await using (var scope = nodes.A.Scope())
            await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Tickets.Where(t => t.Id == ticket)
                .ExecuteUpdateAsync(x => x.SetProperty(t => t.Day, past).SetProperty(t => t.Series, "QN"));
        var manager = await nodes.A.ClientForAsync(Accounts.Manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/v1/insights/rebuild?from={past:yyyy-MM-dd}&to={past:yyyy-MM-dd}", null)).StatusCode);
        var rebuilt = DateTime.UtcNow;

        // The clocks stand still: only the change announced over Redis makes node B read the closed days again.
        long served = before;
        while (DateTime.UtcNow - rebuilt < TimeSpan.FromSeconds(1))
        {
            served = await PopulationAsync();
            if (served == before + 1) break;
            await Task.Delay(25);
        }
        Assert.Equal(before + 1, served);
    }

    [Fact]
    public async Task ReadyHealth_IncludesRedis()
    {
        var ready = await nodes.B.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        var checks = nodes.B.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(checks, c => c.Name == "redis" && c.Tags.Contains("ready"));
    }

    /// <summary>A board of the site connected to <paramref name="node"/>'s hub.</summary>
    internal static HubConnection Board(Node node, Guid site) => new HubConnectionBuilder()
        .WithUrl(new Uri(node.Server.BaseAddress, $"{QueueHub.Path}?site={site}"), o =>
        {
            o.HttpMessageHandlerFactory = _ => node.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
        })
        .Build();
}

/// <summary>Both nodes with the sign-in limits on (10 per minute per address).</summary>
public sealed class TwoNodesWithLimits : TwoNodes
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:LoginsPerAccountPerMinute"] = "100", // the per-address limit is the one under test
    };
}

public sealed class SharedLimitTests(TwoNodesWithLimits nodes) : IClassFixture<TwoNodesWithLimits>
{
    [Fact]
    public async Task TheEleventhSignInOfAMinute_IsRefused_OnTheOtherNode()
    {
        // Both nodes see the same client address (the test server's), as behind one reverse proxy.
        var login = new { email = Accounts.Citizen, password = MallFactory.DemoPassword };
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await nodes.A.CreateClient().PostAsJsonAsync("/api/v1/identity/login", login)).StatusCode);
        var refused = await nodes.B.CreateClient().PostAsJsonAsync("/api/v1/identity/login", login);
        await refused.AssertProblemAsync(429);
        Assert.True(refused.Headers.RetryAfter is not null);
    }
}

/// <summary>Both nodes with the booking limits on (3 bookings per address per minute).</summary>
public sealed class TwoNodesWithBookingLimits : TwoNodes
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:BookingsPerAddressPerMinute"] = "3",
    };
}

public sealed class SharedBookingLimitTests(TwoNodesWithBookingLimits nodes) : IClassFixture<TwoNodesWithBookingLimits>
{
    [Fact]
    public async Task TheFourthBookingOfAMinuteFromOneAddress_IsRefused_OnTheOtherNode()
    {
        var manager = await nodes.A.ClientForAsync(Accounts.Manager);
        var slot = await nodes.A.SlotAsync(manager, await nodes.A.BuildingAsync(), await nodes.A.ServiceAsync("IMI-PASPOR"), daysAhead: 3, hour: 10, capacity: 20);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await nodes.A.CreateClient().BookAsync(slot, QueueTestData.Phone(7000 + i), name: $"Warga {i}")).StatusCode);
        var refused = await nodes.B.CreateClient().BookAsync(slot, QueueTestData.Phone(7003), name: "Warga 3");
        await refused.AssertProblemAsync(429);
    }
}

/// <summary>Both nodes with the public open data limited to 3 requests per address per minute.</summary>
public sealed class TwoNodesWithOpenDataLimits : TwoNodes
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["Insights:OpenDataPerMinute"] = "3",
    };
}

public sealed class SharedOpenDataLimitTests(TwoNodesWithOpenDataLimits nodes) : IClassFixture<TwoNodesWithOpenDataLimits>
{
    [Fact]
    public async Task TheFourthOpenDataRequestOfAMinuteFromOneAddress_IsRefused_OnTheOtherNode()
    {
        const string url = "/api/v1/insights/open-data?from=2026-06-01&to=2026-06-30";
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await nodes.A.CreateClient().GetAsync(url)).StatusCode);
        var refused = await nodes.B.CreateClient().GetAsync(url);
        await refused.AssertProblemAsync(429);
    }
}
