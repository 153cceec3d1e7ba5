using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>Slots are never overbooked and a person holds one place per service and day, under real parallel requests.</summary>
public sealed class BookingConcurrencyTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task TwoHundredParallelBookings_ForASlotOfTwenty_GiveExactlyTwentyPlaces()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("IMI-PASPOR");
        var slot = await mall.SlotAsync(manager, site, service, daysAhead: 1, hour: 8, capacity: 20);
        var spare = await mall.SlotAsync(manager, site, service, daysAhead: 1, hour: 9, capacity: 5);
        var client = mall.CreateClient();

        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 200).Select(async i =>
        {
            await start.WaitAsync();
            return await client.BookAsync(slot, QueueTestData.Phone(i), name: $"Warga {i}");
        }).ToList();
        start.Release(200);
        var responses = await Task.WhenAll(tasks);

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(180, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var refusal = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).AssertProblemAsync(409);
        Assert.Contains("penuh", refusal["detail"]!.GetValue<string>());
        Assert.Contains(spare.ToString(), refusal["nextSlots"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.DoesNotContain(slot.ToString(), refusal["nextSlots"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        Assert.Equal(20, await db.Slots.Where(s => s.Id == slot).Select(s => s.Booked).SingleAsync());
        Assert.Equal(20, await db.Bookings.CountAsync(b => b.SlotId == slot && b.Status == BookingStatus.Active));
    }

    [Fact]
    public async Task OnePerson_RacingForManySlotsOfTheSameServiceAndDay_GetsOnePlace()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("IMI-PASPOR-GANTI");
        var slots = new List<Guid>();
        for (var i = 0; i < 5; i++) slots.Add(await mall.SlotAsync(manager, site, service, daysAhead: 2, hour: 8 + i, capacity: 10));
        var client = mall.CreateClient();
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 30).Select(async i =>
        {
            await start.WaitAsync();
            return await client.BookAsync(slots[i % slots.Count], "081377770000");
        }).ToList();
        start.Release(30);
        var responses = await Task.WhenAll(tasks);
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(29, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        // The refused attempts gave their places back: one place taken in all.
        Assert.Equal(1, await db.Slots.Where(s => slots.Contains(s.Id)).SumAsync(s => s.Booked));
    }

    [Fact]
    public async Task SameNik_WithAnotherPhone_IsRefused_ButAnotherDayOrServiceIsFine()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("NAK-AK1");
        var morning = await mall.SlotAsync(manager, site, service, 3, 8, 10);
        var noon = await mall.SlotAsync(manager, site, service, 3, 12, 10);
        var nextDay = await mall.SlotAsync(manager, site, service, 4, 8, 10);
        var other = await mall.SlotAsync(manager, site, await mall.ServiceAsync("NAK-PP"), 3, 8, 10);
        var client = mall.CreateClient();
        const string nik = "3202010101900002";
        Assert.Equal(HttpStatusCode.Created, (await client.BookAsync(morning, "081200000001", nik)).StatusCode);
        var second = await (await client.BookAsync(noon, "081200000002", nik)).AssertProblemAsync(409);
        Assert.Contains("sudah ada pemesanan aktif", second["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(nextDay.ToString(), second["nextSlots"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Created, (await client.BookAsync(nextDay, "081200000003", nik)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.BookAsync(other, "081200000004", nik)).StatusCode);
    }
}
