using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.ScaleTests;

/// <summary>Redis stopped and started again under two running nodes: bookings go on, health says so, sharing resumes.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task RedisStoppedAndStartedAgain_LosesNoBooking_AndTheNodesShareAgain()
    {
        using var redis = new RedisProcess();
        await redis.StartAsync();
        using var nodes = new TwoNodes(redis.Address);
        var manager = await nodes.A.ClientForAsync(Accounts.Manager);
        var slot = await nodes.A.SlotAsync(manager, await nodes.A.BuildingAsync(), await nodes.A.ServiceAsync("IMI-PASPOR"), daysAhead: 2, hour: 9, capacity: 50);
        var a = nodes.A.CreateClient();
        var b = nodes.B.CreateClient();
        var booked = 0;
        async Task BookAsync(HttpClient client)
        {
            var response = await client.BookAsync(slot, QueueTestData.Phone(5000 + booked), name: $"Warga {booked}");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            booked++;
        }

        await BookAsync(a);
        Assert.Equal("Healthy", await ReadyAsync(b));

        redis.Stop();
        Assert.Equal("Degraded", await WaitForAsync(b, "Degraded"));
        await BookAsync(a);
        await BookAsync(b);

        await redis.StartAsync();
        Assert.Equal("Healthy", await WaitForAsync(a, "Healthy"));
        Assert.Equal("Healthy", await WaitForAsync(b, "Healthy"));
        await BookAsync(b);
        await BookAsync(a);

        // Shared again: an edit on A reaches B's cache without waiting for its timer.
        var before = await b.GetJsonAsync("/api/v1/services/DKP-KK");
        var id = before["id"]!.GetValue<string>();
        var edited = await manager.GetJsonAsync($"/api/v1/services/{id}");
        var name = "Kartu Keluarga " + Guid.NewGuid().ToString("N")[..6];
        edited["name"] = name;
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/v1/services/{id}", edited)).StatusCode);
        var saved = DateTime.UtcNow;
        string? served = null;
        while (DateTime.UtcNow - saved < TimeSpan.FromSeconds(1))
        {
            served = (await b.GetJsonAsync("/api/v1/services/DKP-KK"))["name"]!.GetValue<string>();
            if (served == name) break;
            await Task.Delay(25);
        }
        Assert.Equal(name, served);

        await using var scope = nodes.A.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        Assert.Equal(booked, await db.Bookings.CountAsync(x => x.SlotId == slot && x.Status == BookingStatus.Active));
        Assert.Equal(booked, await db.Slots.Where(s => s.Id == slot).Select(s => s.Booked).SingleAsync());
    }

    private static async Task<string> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The node's readiness once it reads <paramref name="wanted"/>, or what it reads after 30 s.</summary>
    private static async Task<string> WaitForAsync(HttpClient client, string wanted)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        string status;
        while ((status = await ReadyAsync(client)) != wanted && DateTime.UtcNow < until) await Task.Delay(100);
        return status;
    }
}
