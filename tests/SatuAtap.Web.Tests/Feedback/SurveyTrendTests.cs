using System.Net;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;
using static SatuAtap.Web.Tests.Feedback.FeedbackDriver;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>
/// The index month by month, in the API and on /kelola/survei (a chart drawn on the server, the figures in a table), and
/// the executive's read-only view of it. The clock moves: a mall of its own.
/// </summary>
public sealed class SurveyTrendTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private async Task EnterAsync(params int[][] forms)
    {
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var service = (await mall.ServiceAsync("DKP-IKD")).ToString();
        foreach (var f in forms)
            Assert.Equal(HttpStatusCode.Created, (await officer.PostJsonAsync("/api/v1/surveys/responses", Survey(service, Scores(f)))).StatusCode);
    }

    [Fact]
    public async Task The_trend_lists_each_month_with_its_own_exact_index_for_the_units_staff_only()
    {
        // Monday 30 November 2026: two forms; 31 December: one.
        await EnterAsync([4, 4, 4, 4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3, 3, 3, 2]);
        mall.Clock.Advance(TimeSpan.FromDays(31));
        await EnterAsync([2, 2, 2, 2, 2, 2, 2, 2, 2]);

        var manager = await mall.ClientForAsync(Accounts.Manager);
        var trend = await manager.GetJsonAsync("/api/v1/surveys/trend?serviceId=DKP-IKD&from=2026-10-01&to=2026-12-31");
        var months = trend["months"]!.AsArray();
        Assert.Equal(["2026-10", "2026-11", "2026-12"], months.Select(m => m!["month"]!.GetValue<string>()));
        Assert.Equal(0, months[0]!["respondents"]!.GetValue<long>());
        Assert.Null(months[0]!["ikm"]);
        Assert.Equal(2, months[1]!["respondents"]!.GetValue<long>());
        // November: Σ NRR = 8 × 3.5 + 3 = 31; 31 × 25 ÷ 9 = 86.111… → 86.11 (B).
        Assert.Equal(86.11m, months[1]!["ikm"]!.GetValue<decimal>());
        Assert.Equal("B", months[1]!["grade"]!.GetValue<string>());
        Assert.Equal(50m, months[2]!["ikm"]!.GetValue<decimal>());
        Assert.Equal("D", months[2]!["grade"]!.GetValue<string>());
        // The same months summed are the period's index.
        var whole = await manager.GetJsonAsync("/api/v1/surveys/index?serviceId=DKP-IKD&from=2026-10-01&to=2026-12-31");
        Assert.Equal(3, whole["respondents"]!.GetValue<long>());

        var regent = await mall.ClientForAsync(Accounts.Regent);
        Assert.Equal(HttpStatusCode.OK, (await regent.GetAsync("/api/v1/surveys/trend?agencyId=DUKCAPIL")).StatusCode);
        var dukcapil = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        Assert.Equal(HttpStatusCode.OK, (await dukcapil.GetAsync("/api/v1/surveys/trend?serviceId=DKP-IKD")).StatusCode);
        var dpmptsp = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        await (await dpmptsp.GetAsync("/api/v1/surveys/trend?serviceId=DKP-IKD")).AssertProblemAsync(403);
        await (await dpmptsp.GetAsync("/api/v1/surveys/trend")).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/surveys/trend")).StatusCode);
        var bad = await (await manager.GetAsync("/api/v1/surveys/trend?from=2026-02-30&serviceId=NOPE")).AssertProblemAsync(400);
        Assert.True(bad["errors"]!.AsObject().ContainsKey("from"));
        Assert.True(bad["errors"]!.AsObject().ContainsKey("serviceId"));
        await (await manager.GetAsync("/api/v1/surveys/trend?from=2026-12-01&to=2026-01-01")).AssertProblemAsync(400);

        // The page: twelve months as bars and rows; the December bar and row carry the figures.
        var page = await (await mall.PageClientForAsync(Accounts.Manager)).GetPageAsync("/kelola/survei?layanan=DKP-IKD");
        var rows = page.QuerySelectorAll("#tren-tabel tbody tr");
        Assert.Equal(12, rows.Length);
        Assert.Contains("2026-12", rows[^1].TextContent, StringComparison.Ordinal);
        Assert.Contains("50.00", rows[^1].TextContent, StringComparison.Ordinal);
        Assert.Contains("86.11", rows[^2].TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("#tren svg rect").Length);
        Assert.NotNull(page.QuerySelector("#tren svg title"));
    }

    [Fact]
    public async Task An_executive_sees_every_services_index_on_the_survey_page_read_only()
    {
        var regent = await mall.PageClientForAsync(Accounts.Regent);
        var home = await regent.GetPageAsync("/kelola");
        Assert.NotNull(home.QuerySelector("a[href='/kelola/survei']"));
        Assert.Null(home.QuerySelector("a[href='/kelola/open311']"));

        var page = await regent.GetPageAsync("/kelola/survei?layanan=PTSP-NIB");
        Assert.NotNull(page.QuerySelector("#indeks"));
        Assert.NotNull(page.QuerySelector("#tren-tabel"));
        // Services of every agency are offered; nothing can be entered.
        var options = page.QuerySelectorAll("#layanan option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("PTSP-NIB", options);
        Assert.Contains("DKP-KTP", options);
        Assert.Null(page.QuerySelector("input[name=u1]"));
        Assert.Null(page.QuerySelector("a[href^='/kelola/survei?kiosk=1']"));
        var kiosk = await regent.GetPageAsync("/kelola/survei?kiosk=1&layanan=PTSP-NIB");
        Assert.Null(kiosk.QuerySelector("input[name=u1]"));

        var manager = await (await mall.PageClientForAsync(Accounts.Manager)).GetPageAsync("/kelola");
        Assert.NotNull(manager.QuerySelector("a[href='/kelola/open311']"));
    }
}
