using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>Finishes tickets and builds survey bodies for the Feedback tests.</summary>
internal static class FeedbackDriver
{
    /// <summary>A walk-in ticket for the service at the building, called at the counter, served and finished by the manager.</summary>
    public static async Task<Guid> FinishedTicketAsync(this MallFactory mall, string serviceCode, string counterCode)
    {
        var site = await mall.BuildingAsync();
        var issued = await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{site}/tickets",
            new JsonObject { ["serviceId"] = (await mall.ServiceAsync(serviceCode)).ToString() });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var id = (await issued.ReadJsonAsync())["id"]!.GetValue<string>();
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var called = await (await manager.PostAsync($"/api/v1/counters/{await mall.CounterAsync(counterCode)}/call-next", null)).ReadJsonAsync();
        Assert.Equal(id, called["id"]!.GetValue<string>());
        foreach (var action in new[] { "start", "finish" })
        {
            var r = await manager.PostJsonAsync($"/api/v1/tickets/{id}/actions", new JsonObject { ["action"] = action });
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        }
        return Guid.Parse(id);
    }

    public static async Task<string> TicketTokenAsync(this MallFactory mall, Guid ticketId)
    {
        await using var scope = mall.Scope();
        return scope.ServiceProvider.GetRequiredService<SurveyLinks>().Token(SurveySubject.Ticket, ticketId);
    }

    public static JsonObject Scores(params int[] s)
    {
        var o = new JsonObject();
        for (var i = 0; i < s.Length; i++) o["u" + (i + 1)] = s[i];
        return o;
    }

    public static JsonObject Survey(string? serviceId, JsonObject scores, string? token = null, string? siteId = null) => new()
    {
        ["serviceId"] = serviceId, ["siteId"] = siteId, ["token"] = token, ["scores"] = scores,
        ["respondent"] = new JsonObject { ["ageYears"] = 34, ["sex"] = "female", ["education"] = "sma", ["occupation"] = "swasta" },
    };
}
