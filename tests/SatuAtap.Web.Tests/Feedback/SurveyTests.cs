using System.Net;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;
using static SatuAtap.Web.Tests.Feedback.FeedbackDriver;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>The survey API: a ticket's link works once, paper entry by staff, the index per unit, bad input.</summary>
public sealed class SurveyTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task A_finished_tickets_link_is_answered_once_then_refused_with_409()
    {
        var ticket = await mall.FinishedTicketAsync("DKP-AKTA-MATI", "L01");
        var token = await mall.TicketTokenAsync(ticket);
        var anonymous = mall.CreateClient();

        var invitation = await anonymous.GetJsonAsync($"/api/v1/surveys/invitations/{token}");
        Assert.Equal("DKP-AKTA-MATI", invitation["serviceCode"]!.GetValue<string>());

        var first = await anonymous.PostJsonAsync("/api/v1/surveys/responses", Survey(null, Scores(4, 4, 3, 4, 4, 3, 4, 3, 2), token));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.ReadJsonAsync();
        Assert.Equal("link", created["channel"]!.GetValue<string>());
        Assert.Equal((await mall.BuildingAsync()).ToString(), created["siteId"]!.GetValue<string>());

        var again = await anonymous.PostJsonAsync("/api/v1/surveys/responses", Survey(null, Scores(1, 1, 1, 1, 1, 1, 1, 1, 1), token));
        await again.AssertProblemAsync(409);
        await (await anonymous.GetAsync($"/api/v1/surveys/invitations/{token}")).AssertProblemAsync(409);

        // A token changed by one character is not the mall's: 404, and nothing is recorded.
        var forged = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');
        await (await anonymous.PostJsonAsync("/api/v1/surveys/responses", Survey(null, Scores(4, 4, 4, 4, 4, 4, 4, 4, 4), forged))).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Bad_scores_are_400_naming_each_element_and_nothing_is_recorded()
    {
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var service = (await mall.ServiceAsync("DKP-IKD")).ToString();
        var scores = Scores(4, 4, 4, 4, 5, 4, 4, 0);
        var problem = await (await officer.PostJsonAsync("/api/v1/surveys/responses", Survey(service, scores))).AssertProblemAsync(400);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("scores.u5"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("scores.u8"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("scores.u9"), problem.ToJsonString()); // missing
        Assert.False(errors.ContainsKey("scores.u1"));

        var wrongType = new JsonObject { ["serviceId"] = service, ["scores"] = new JsonObject { ["u1"] = "empat" } };
        await (await officer.PostJsonAsync("/api/v1/surveys/responses", wrongType)).AssertProblemAsync(400);
        var noScores = await (await officer.PostJsonAsync("/api/v1/surveys/responses", new JsonObject { ["serviceId"] = service })).AssertProblemAsync(400);
        Assert.True(noScores["errors"]!.AsObject().ContainsKey("scores"));
        var badSex = Survey(service, Scores(4, 4, 4, 4, 4, 4, 4, 4, 4));
        badSex["respondent"]!["sex"] = "x";
        await (await officer.PostJsonAsync("/api/v1/surveys/responses", badSex)).AssertProblemAsync(400);

        var index = await (await mall.ClientForAsync(Accounts.Manager)).GetJsonAsync($"/api/v1/surveys/index?serviceId=DKP-IKD");
        Assert.Equal(0, index["respondents"]!.GetValue<long>());
    }

    [Fact]
    public async Task Paper_forms_are_entered_by_the_services_agency_and_the_index_is_computed_exactly()
    {
        var dukcapil = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var dpmptsp = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var service = (await mall.ServiceAsync("DKP-AKTA-KAWIN")).ToString();
        var site = (await mall.BuildingAsync()).ToString();

        // Without a link: not anonymous, and not staff of another agency.
        await (await mall.CreateClient().PostJsonAsync("/api/v1/surveys/responses", Survey(service, Scores(4, 4, 4, 4, 4, 4, 4, 4, 4)))).AssertProblemAsync(403);
        await (await dpmptsp.PostJsonAsync("/api/v1/surveys/responses", Survey(service, Scores(4, 4, 4, 4, 4, 4, 4, 4, 4)))).AssertProblemAsync(403);

        // Three paper forms; the profile is optional.
        int[][] forms = [[4, 3, 3, 4, 4, 4, 4, 3, 2], [3, 3, 2, 4, 4, 4, 3, 3, 2], [4, 3, 3, 4, 3, 4, 4, 3, 3]];
        foreach (var f in forms)
        {
            var body = Survey(service, Scores(f), siteId: site);
            if (f[0] == 3) body.Remove("respondent");
            var r = await dukcapil.PostJsonAsync("/api/v1/surveys/responses", body);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            Assert.Equal("paper", (await r.ReadJsonAsync())["channel"]!.GetValue<string>());
        }

        var manager = await mall.ClientForAsync(Accounts.Manager);
        var index = await manager.GetJsonAsync($"/api/v1/surveys/index?serviceId={service}");
        Assert.Equal(3, index["respondents"]!.GetValue<long>());
        var elements = index["elements"]!.AsArray();
        Assert.Equal(9, elements.Count);
        Assert.Equal("U1", elements[0]!["code"]!.GetValue<string>());
        Assert.Equal(3.6667m, elements[0]!["nrr"]!.GetValue<decimal>()); // 11 / 3
        Assert.Equal(2.3333m, elements[8]!["nrr"]!.GetValue<decimal>()); // 7 / 3
        // Σ NRR = (11+9+8+12+11+12+11+9+7)/3 = 90/3 = 30; index = 30 × 25 / 9 = 83.333…
        Assert.Equal(83.33m, index["ikm"]!.GetValue<decimal>());
        Assert.Equal("B", index["grade"]!.GetValue<string>());
        Assert.Equal("Baik", index["label"]!.GetValue<string>());
        Assert.Equal("U9", index["priorities"]![0]!.GetValue<string>());
        Assert.Equal(0, index["population"]!.GetValue<long>());

        // Per site and per agency; a period without responses has no index.
        Assert.Equal(3, (await manager.GetJsonAsync($"/api/v1/surveys/index?serviceId={service}&siteId={site}"))["respondents"]!.GetValue<long>());
        var agency = await manager.GetJsonAsync("/api/v1/surveys/index?agencyId=DUKCAPIL&from=2026-11-30&to=2026-11-30");
        Assert.True(agency["respondents"]!.GetValue<long>() >= 3);
        var before = await manager.GetJsonAsync($"/api/v1/surveys/index?serviceId={service}&from=2026-01-01&to=2026-11-29");
        Assert.Equal(0, before["respondents"]!.GetValue<long>());
        Assert.Null(before["ikm"]);
    }

    [Fact]
    public async Task The_population_is_the_people_served_and_the_sample_needed_follows_the_table()
    {
        var service = "DKP-KTP-GANTI";
        for (var i = 0; i < 2; i++) await mall.FinishedTicketAsync(service, "L01");
        var index = await (await mall.ClientForAsync(Accounts.Manager)).GetJsonAsync($"/api/v1/surveys/index?serviceId={service}&from=2026-11-30&to=2026-11-30");
        Assert.Equal(2, index["population"]!.GetValue<long>());
        Assert.Equal(2, index["sampleNeeded"]!.GetValue<int>());
        Assert.False(index["sampleReached"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_index_is_for_staff_of_the_unit_and_bad_filters_are_400()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/surveys/index")).StatusCode);
        var dpmptsp = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        await (await dpmptsp.GetAsync("/api/v1/surveys/index?agencyId=DUKCAPIL")).AssertProblemAsync(403);
        await (await dpmptsp.GetAsync("/api/v1/surveys/index?serviceId=DKP-KTP")).AssertProblemAsync(403);
        await (await dpmptsp.GetAsync("/api/v1/surveys/index")).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await dpmptsp.GetAsync("/api/v1/surveys/index?agencyId=DPMPTSP")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await mall.ClientForAsync(Accounts.Regent)).GetAsync("/api/v1/surveys/index")).StatusCode);

        var manager = await mall.ClientForAsync(Accounts.Manager);
        var bad = await (await manager.GetAsync("/api/v1/surveys/index?from=2026-13-01&serviceId=NOPE&siteId=x")).AssertProblemAsync(400);
        Assert.True(bad["errors"]!.AsObject().ContainsKey("from"));
        Assert.True(bad["errors"]!.AsObject().ContainsKey("serviceId"));
        Assert.True(bad["errors"]!.AsObject().ContainsKey("siteId"));
        await (await manager.GetAsync("/api/v1/surveys/index?from=2026-11-30&to=2026-01-01")).AssertProblemAsync(400);
    }

    [Fact]
    public async Task The_demo_holds_ninety_days_of_responses_with_an_index()
    {
        var index = await (await mall.ClientForAsync(Accounts.Manager)).GetJsonAsync("/api/v1/surveys/index?serviceId=DKP-KTP&from=2026-09-01&to=2026-11-29");
        Assert.True(index["respondents"]!.GetValue<long>() > 30);
        Assert.Contains(index["grade"]!.GetValue<string>(), new[] { "A", "B", "C", "D" });
    }
}
