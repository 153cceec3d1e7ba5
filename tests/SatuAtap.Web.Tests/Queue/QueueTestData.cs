using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>Looks up the demo's sites, services and counters, and creates slots, for the queue tests.</summary>
internal static class QueueTestData
{
    public static async Task<Guid> BuildingAsync(this MallFactory mall)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        return await db.QueueSites.Where(s => s.Kind == SiteKind.Building).Select(s => s.Id).SingleAsync();
    }

    public static async Task<Guid> ServiceAsync(this MallFactory mall, string code)
    {
        await using var scope = mall.Scope();
        return (await scope.ServiceProvider.GetRequiredService<CatalogCache>().GetAsync()).FindService(code)!.Id;
    }

    public static async Task<Guid> CounterAsync(this MallFactory mall, string code)
    {
        await using var scope = mall.Scope();
        return await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Counters.Where(c => c.Code == code).Select(c => c.Id).SingleAsync();
    }

    /// <summary>A slot made by the manager, <paramref name="daysAhead"/> days from the clock's today, at the given hour (WIB).</summary>
    public static async Task<Guid> SlotAsync(this MallFactory mall, HttpClient manager, Guid site, Guid service, int daysAhead, int hour, int capacity, int minute = 0)
    {
        var day = DateOnly.FromDateTime(mall.Clock.GetUtcNow().UtcDateTime.AddHours(7)).AddDays(daysAhead);
        var start = day.ToDateTime(new TimeOnly(hour, minute));
        var response = await manager.PostJsonAsync($"/api/v1/sites/{site}/slots", new JsonObject
        {
            ["serviceId"] = service.ToString(),
            ["start"] = start.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "+07:00",
            ["end"] = start.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "+07:00",
            ["capacity"] = capacity,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Guid.Parse((await response.ReadJsonAsync())["id"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, Guid slot, string phone, string? nik = null, string name = "Siti Aminah") =>
        client.PostJsonAsync("/api/v1/bookings", new JsonObject { ["slotId"] = slot.ToString(), ["name"] = name, ["phone"] = phone, ["nik"] = nik });

    public static string Phone(int i) => "0812" + (10_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
