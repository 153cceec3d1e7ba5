using System.Net;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Insights;

/// <summary>
/// The dashboard /kelola/kinerja and the public /kinerja on the scripted June 2026 records of <see cref="InsightsApiTests"/>:
/// their figures are the summary API's; who may open the dashboard (a head only the own agency); the staffing table;
/// the small-group rule on the public page; bad input re-shows the form with a 400, never a 500.
/// </summary>
public sealed class InsightsPagesTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private const string June = "from=2026-06-01&to=2026-06-05";

    private async Task SeedAsync() => await new InsightsApiTests(mall).SeedAsync();

    private async Task<JsonNode> SummaryAsync(string email, string query)
    {
        var response = await (await mall.ClientForAsync(email)).GetAsync("/api/v1/insights/summary?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static string Text(AngleSharp.Html.Dom.IHtmlDocument page, string id) => page.GetElementById(id)!.TextContent.Trim();

    [Fact]
    public async Task Dashboard_ShowsTheSummarysFigures_TheTrendAndItsTable()
    {
        await SeedAsync();
        var api = await SummaryAsync(Accounts.Regent, June);
        var regent = await mall.PageClientForAsync(Accounts.Regent);

        var page = await regent.GetPageAsync("/kelola/kinerja?metric=served&by=day&" + June);

        Assert.Equal(api["served"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), Text(page, "served"));
        Assert.StartsWith(api["waitMinutes"]!["p50"]!.GetValue<int>() + " ", Text(page, "waitP50"));
        Assert.StartsWith(api["waitMinutes"]!["p90"]!.GetValue<int>() + " ", Text(page, "waitP90"));
        Assert.Equal(api["returns"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), Text(page, "returns"));
        Assert.Equal(api["respondents"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), Text(page, "respondents"));
        Assert.StartsWith("100.00 (A)", Text(page, "ikm"));
        // The trend: one bar per day with a value, and the table beside it holds the series API's points.
        Assert.NotNull(page.QuerySelector("svg.chart title"));
        Assert.Equal(4, page.QuerySelectorAll("#tren-grafik svg.chart rect").Length); // 5 2 4 3 0
        var cells = page.QuerySelectorAll("#deret tbody tr").Select(r => r.Children[0].TextContent + "=" + r.Children[1].TextContent).ToList();
        Assert.Equal(["2026-06-01=5", "2026-06-02=2", "2026-06-03=4", "2026-06-04=3", "2026-06-05=0"], cells);
        // The exports carry the same filter.
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/api/v1/insights/export?view=summary&format=xlsx&" + June);
    }

    [Fact]
    public async Task Dashboard_StaffingAdvice_StandsBesideTheObservedWaits()
    {
        await SeedAsync();
        var regent = await mall.PageClientForAsync(Accounts.Regent);

        var page = await regent.GetPageAsync("/kelola/kinerja?agencyId=DUKCAPIL&" + June);

        var rows = page.QuerySelectorAll("#saran-loket tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        // Monday: five KTP arrivals in one hour, waits 2 4 6 8 10 (median 6), ten minutes of service each.
        var monday = Assert.Single(rows, r => r.Count == 10 && r[4] == "10");
        Assert.Equal("5", monday[3]);
        Assert.Equal(SatuAtap.Core.Insights.StaffingAdvice.Advise(5, 10, 15).Counters.ToString(System.Globalization.CultureInfo.InvariantCulture), monday[5]);
        Assert.Equal("6", monday[7]);
        // Tuesday's three arrivals are under five: not computed.
        Assert.Contains(rows, r => r.Count == 4);
    }

    [Fact]
    public async Task AgencyHead_SeesTheOwnAgency_AndIsRefusedAnother()
    {
        await SeedAsync();
        var api = await SummaryAsync(Accounts.DukcapilHead, June);
        var head = await mall.PageClientForAsync(Accounts.DukcapilHead);

        var page = await head.GetPageAsync("/kelola/kinerja?" + June);
        Assert.Equal(api["served"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), Text(page, "served"));
        Assert.Equal("7", Text(page, "served"));
        Assert.Equal(["DUKCAPIL"], page.QuerySelectorAll("#agencyId option").Select(o => o.GetAttribute("value")));
        await AssertRefusedAsync(await head.GetAsync("/kelola/kinerja?agencyId=DPMPTSP&" + June));
    }

    [Fact]
    public async Task Dashboard_RefusesOfficersAndCitizens_AndSendsAnonymousToSignIn()
    {
        var anonymous = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var challenged = await anonymous.GetAsync("/kelola/kinerja");
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        Assert.StartsWith("/akun/masuk", challenged.Headers.Location!.PathAndQuery);
        await AssertRefusedAsync(await (await mall.PageClientForAsync(Accounts.DukcapilOfficer)).GetAsync("/kelola/kinerja"));
        await AssertRefusedAsync(await (await mall.PageClientForAsync(Accounts.Citizen)).GetAsync("/kelola/kinerja"));
    }

    /// <summary>Refused: 403, or the sign-in cookie's redirect to the access-denied page; never the figures.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect) Assert.DoesNotContain("kinerja", response.Headers.Location!.OriginalString.Split("?")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"served\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/kelola/kinerja?from=2026-13-01")]
    [InlineData("/kelola/kinerja?from=2026-06-10&to=2026-06-01")]
    [InlineData("/kelola/kinerja?agencyId=NOPE")]
    [InlineData("/kelola/kinerja?siteId=not-a-guid")]
    [InlineData("/kelola/kinerja?district=99999999")]
    [InlineData("/kelola/kinerja?metric=happiness")]
    [InlineData("/kelola/kinerja?by=year")]
    [InlineData("/kelola/kinerja?by=day&from=2025-01-01&to=2026-06-01")]
    [InlineData("/kinerja?from=2026-02-30")]
    [InlineData("/kinerja?from=2026-06-10&to=2026-06-01")]
    public async Task BadInput_ReshowsTheFormWithTheMessage(string url)
    {
        var client = await mall.PageClientForAsync(Accounts.Regent);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector("form[method=get]"));
        Assert.NotEmpty(page.QuerySelectorAll("p.error[role=alert]"));
    }

    [Fact]
    public async Task PublicPage_NeedsNoSignIn_ShowsTheSummarysFigures_AndHidesSmallGroups()
    {
        await SeedAsync();
        var api = await SummaryAsync(Accounts.Regent, "from=2026-06-01&to=2026-06-30");
        var anonymous = mall.CreateClient();

        var page = await anonymous.GetPageAsync("/kinerja?from=2026-06-01&to=2026-06-30");

        Assert.Equal(api["served"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), Text(page, "served"));
        Assert.StartsWith("100.00 (A)", Text(page, "ikm"));
        Assert.Equal("2026-06", page.QuerySelector("#per-bulan tbody tr td")!.TextContent);
        var agencies = page.QuerySelectorAll("#per-instansi tbody tr").Select(r => r.Children[1].TextContent).ToList();
        Assert.Equal(2, agencies.Count); // Disdukcapil (7) and the other agencies folded (Bapenda 3 + DPMPTSP 4)
        Assert.DoesNotContain(agencies, a => a.Contains("Bapenda", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Siti", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/api/v1/insights/open-data?from=2026-06-01&to=2026-06-30&format=csv");

        // Thursday alone: three people, not shown at all.
        var thursday = await anonymous.GetPageAsync("/kinerja?from=2026-06-04&to=2026-06-04");
        Assert.Null(thursday.GetElementById("served"));
        Assert.DoesNotContain(thursday.QuerySelectorAll("#per-instansi tbody td"), td => td.TextContent == "3");
    }

    [Fact]
    public async Task HomePageAndStaffHome_LinkThePages()
    {
        var home = await mall.CreateClient().GetPageAsync("/");
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/kinerja");
        var staffHome = await (await mall.PageClientForAsync(Accounts.Regent)).GetPageAsync("/kelola");
        Assert.Contains(staffHome.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/kelola/kinerja");
        var officerHome = await (await mall.PageClientForAsync(Accounts.DukcapilOfficer)).GetPageAsync("/kelola");
        Assert.DoesNotContain(officerHome.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/kelola/kinerja");
    }
}
