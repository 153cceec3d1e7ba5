using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;
using static SatuAtap.Web.Tests.Feedback.FeedbackDriver;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>A survey link's life: none before the ticket is finished, refused once expired (the clock moves on: a mall of its own).</summary>
public sealed class SurveyLinkExpiryTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task A_link_expires_after_the_configured_days_and_a_waiting_ticket_has_none()
    {
        var ticket = await mall.FinishedTicketAsync("DKP-DATANG", "L02");
        var token = await mall.TicketTokenAsync(ticket);
        var waiting = await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{await mall.BuildingAsync()}/tickets",
            new JsonObject { ["serviceId"] = (await mall.ServiceAsync("DKP-PINDAH")).ToString() });
        var waitingToken = await mall.TicketTokenAsync(Guid.Parse((await waiting.ReadJsonAsync())["id"]!.GetValue<string>()));
        await (await mall.CreateClient().GetAsync($"/api/v1/surveys/invitations/{waitingToken}")).AssertProblemAsync(404);
        mall.Clock.Advance(TimeSpan.FromDays(29));
        Assert.True((await mall.CreateClient().GetAsync($"/api/v1/surveys/invitations/{token}")).IsSuccessStatusCode);
        mall.Clock.Advance(TimeSpan.FromDays(2));
        var late = await mall.CreateClient().PostJsonAsync("/api/v1/surveys/responses", Survey(null, Scores(3, 3, 3, 3, 3, 3, 3, 3, 3), token));
        var problem = await late.AssertProblemAsync(409);
        Assert.Contains("kedaluwarsa", problem["detail"]!.GetValue<string>());
    }
}
