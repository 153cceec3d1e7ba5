using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Outreach;

/// <summary>Booking a visit's quota (the Queue's rules), and moving or cancelling a visit with messages to the holders.</summary>
public sealed class VisitChangeTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task FortyParallelBookings_ForAQuotaOfFive_GiveExactlyFivePlaces()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit rush");
        var (stop, _) = await mall.StopAsync("SURADE");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, stop, mall.Day(2), 15, 17, (ktp, 5)));
        var slot = OutreachTestData.SlotOf(visit, ktp);
        var client = mall.CreateClient();

        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 40).Select(async i =>
        {
            await start.WaitAsync();
            return await client.BookAsync(slot, QueueTestData.Phone(500 + i), name: $"Warga {i}");
        }).ToList();
        start.Release(40);
        var responses = await Task.WhenAll(tasks);

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(35, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var listed = await client.GetJsonAsync($"/api/v1/outreach/visits/{visit["id"]}");
        Assert.Equal(0, listed["services"]![0]!["remaining"]!.GetValue<int>());
        await using var scope = mall.Scope();
        Assert.Equal(5, await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Bookings.CountAsync(b => b.SlotId == slot));
    }

    [Fact]
    public async Task MovingAVisit_KeepsItsBookingsAtTheNewTime_AndTellsTheHolders()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var unit = await manager.NewUnitAsync("Unit pindah");
        var (stop, site) = await mall.StopAsync("SURADE");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, stop, mall.Day(3), 15, 17, (ktp, 5)));
        var booked = await citizen.BookAsync(OutreachTestData.SlotOf(visit, ktp), "081298760001", name: "Warga Demo");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var code = (await booked.ReadJsonAsync())["code"]!.GetValue<string>();
        var newDay = mall.Day(5);

        var response = await manager.PostJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/move", new JsonObject
        {
            ["start"] = OutreachTestData.At(newDay, 9), ["end"] = OutreachTestData.At(newDay, 11), ["note"] = "Jalan ditutup.",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = await response.ReadJsonAsync();
        Assert.Equal("moved", moved["status"]!.GetValue<string>());
        Assert.Equal(OutreachTestData.At(newDay, 9), moved["start"]!.GetValue<string>());
        var booking = await mall.CreateClient().GetJsonAsync($"/api/v1/bookings/{code}");
        Assert.Equal("active", booking["status"]!.GetValue<string>());
        Assert.Equal(OutreachTestData.At(newDay, 9), booking["start"]!.GetValue<string>());
        var slots = await mall.CreateClient().GetJsonAsync($"/api/v1/sites/{site}/slots?date={newDay:yyyy-MM-dd}");
        Assert.Contains(slots.AsArray(), s => s!["id"]!.GetValue<string>() == OutreachTestData.SlotOf(visit, ktp).ToString());

        var message = await MessageAsync("outreach.visitMoved", Accounts.Citizen);
        Assert.Contains("09.00–11.00 WIB", message.Body);
        Assert.Contains("Jalan ditutup.", message.Body);
        Assert.Contains(code, message.Body);
        Assert.Contains($"{MallFactory.PublicBaseUrl}/keliling/surade", message.Body);

        // The past and a day off are refused for a move as for a new visit.
        var past = await manager.PostJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/move", new JsonObject
            { ["start"] = OutreachTestData.At(mall.Day(-2), 9), ["end"] = OutreachTestData.At(mall.Day(-2), 11) });
        await past.AssertProblemAsync(422);
        await (await manager.PostJsonAsync($"/api/v1/outreach/visits/{Guid.NewGuid()}/move", new JsonObject
            { ["start"] = OutreachTestData.At(newDay, 9), ["end"] = OutreachTestData.At(newDay, 11) })).AssertProblemAsync(404);
    }

    [Fact]
    public async Task CancellingAVisit_ReleasesItsBookings_AndTellsTheHoldersTheNearestAlternative()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var unit = await manager.NewUnitAsync("Unit batal");
        var (stop, _) = await mall.StopAsync("CISAAT");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, stop, mall.Day(3), 15, 17, (ktp, 5)));
        var slot = OutreachTestData.SlotOf(visit, ktp);
        var booked = await citizen.BookAsync(slot, "081298760002", name: "Warga Demo");
        var code = (await booked.ReadJsonAsync())["code"]!.GetValue<string>();

        var response = await manager.PostJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/cancel", new JsonObject { ["note"] = "Kendaraan dalam perbaikan." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", (await response.ReadJsonAsync())["status"]!.GetValue<string>());
        Assert.Equal("cancelled", (await mall.CreateClient().GetJsonAsync($"/api/v1/bookings/{code}"))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await mall.CreateClient().BookAsync(slot, "081298760003")).StatusCode);

        var message = await MessageAsync("outreach.visitCancelled", Accounts.Citizen);
        Assert.Contains("Kendaraan dalam perbaikan.", message.Body);
        // The demo circuit comes to Cisaat every Monday with ID-card services: the next one is the alternative.
        var nextMonday = mall.Day(7);
        Assert.Contains($"Alternatif terdekat: MPP Keliling Cisaat, Senin, {nextMonday.Day} Desember 2026, 08.00–14.00 WIB", message.Body);

        await (await manager.PostJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/cancel", new JsonObject())).AssertProblemAsync(409);
        var listed = await mall.CreateClient().GetJsonAsync($"/api/v1/outreach/visits?stopId={stop}&from={mall.Day(3):yyyy-MM-dd}&to={mall.Day(3):yyyy-MM-dd}");
        Assert.Contains(listed.AsArray(), v => v!["id"]!.GetValue<string>() == visit["id"]!.GetValue<string>() && v["status"]!.GetValue<string>() == "cancelled");
    }

    private async Task<(string Subject, string Body)> MessageAsync(string eventCode, string recipient)
    {
        await using var scope = mall.Scope();
        var messages = await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().OutboxMessages.AsNoTracking()
            .Where(m => m.EventCode == eventCode).ToListAsync();
        var message = Assert.Single(messages, m => m.Recipient == recipient);
        return (message.Subject, message.Body);
    }
}
