using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Outreach;

/// <summary>Looks up the demo's stops and makes units and visits for the outreach tests.</summary>
internal static class OutreachTestData
{
    public static async Task<(Guid Id, Guid SiteId)> StopAsync(this MallFactory mall, string code)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var stop = await db.MobileStops.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
        var site = await db.QueueSites.Where(s => s.MobileStopId == stop).Select(s => s.Id).SingleAsync();
        return (stop, site);
    }

    /// <summary>A unit of its own, so that a test's visits never meet the demo circuit's.</summary>
    public static async Task<Guid> NewUnitAsync(this HttpClient manager, string name)
    {
        var response = await manager.PostJsonAsync("/api/v1/outreach/units", new JsonObject { ["name"] = name, ["vehicle"] = "Minibus", ["crew"] = "Tim uji" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Guid.Parse((await response.ReadJsonAsync())["id"]!.GetValue<string>());
    }

    /// <summary>The local (WIB) date <paramref name="daysAhead"/> days after the clock's today.</summary>
    public static DateOnly Day(this MallFactory mall, int daysAhead) =>
        DateOnly.FromDateTime(mall.Clock.GetUtcNow().UtcDateTime.AddHours(7)).AddDays(daysAhead);

    public static string At(DateOnly day, int hour) => $"{day:yyyy-MM-dd}T{hour:00}:00:00+07:00";

    public static JsonObject Visit(Guid unit, Guid stop, DateOnly day, int from, int to, params (Guid Service, int Quota)[] services) => new()
    {
        ["unitId"] = unit.ToString(),
        ["stopId"] = stop.ToString(),
        ["start"] = At(day, from),
        ["end"] = At(day, to),
        ["services"] = new JsonArray(services.Select(s => (JsonNode)new JsonObject { ["serviceId"] = s.Service.ToString(), ["quota"] = s.Quota }).ToArray()),
    };

    public static async Task<JsonNode> CreateVisitAsync(this HttpClient manager, JsonObject body)
    {
        var response = await manager.PostJsonAsync("/api/v1/outreach/visits", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static Guid SlotOf(JsonNode visit, Guid service) =>
        Guid.Parse(visit["services"]!.AsArray().Single(s => s!["serviceId"]!.GetValue<string>() == service.ToString())!["slotId"]!.GetValue<string>());
}
