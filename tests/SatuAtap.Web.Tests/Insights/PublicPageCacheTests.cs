using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Insights;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Insights;

/// <summary>
/// The public page /kinerja kept whole for anonymous visitors (PublicPageCache, with Insights:CacheSeconds = 60): a
/// second view gets the same bytes from the output cache (its Age header says so); languages, periods and addresses
/// are kept apart; signed-in visitors neither get nor leave a copy; bad input is never kept; a copy ends with its
/// figures' bound by the mall's clock and at once with a rebuild. Each test keeps figures on a day of its own.
/// </summary>
public sealed class PublicPageCacheTests(CachedInsightsMall mall) : IClassFixture<CachedInsightsMall>
{
    private async Task KeepAsync(DateOnly day, int ticketsServed)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        db.InsightDays.Add(new InsightDay { Day = day, AgencyId = Guid.NewGuid(), SiteId = Guid.Empty, ServiceId = Guid.NewGuid(), District = "", TicketsServed = ticketsServed });
        await db.SaveChangesAsync();
    }

    private static string Period(DateOnly day) => $"/kinerja?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";

    private static async Task<(HttpResponseMessage Response, string Html)> ViewAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode}");
        return (response, html);
    }

    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    private static async Task<string?> ServedAsync(HttpClient client, string url)
    {
        var (_, html) = await ViewAsync(client, url);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        return page.GetElementById("served")?.TextContent.Trim();
    }

    private HttpClient Anonymous() => mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task SecondView_IsTheSameBytesFromTheCache_WithNothingPerRequest()
    {
        var day = new DateOnly(2026, 3, 2);
        await KeepAsync(day, 6);
        var client = Anonymous();

        var (first, firstHtml) = await ViewAsync(client, Period(day));
        var (second, secondHtml) = await ViewAsync(client, Period(day));

        Assert.False(FromCache(first));
        Assert.True(FromCache(second));
        Assert.Equal(firstHtml, secondHtml);
        Assert.Contains("id=\"served\">6<", secondHtml, StringComparison.Ordinal);
        foreach (var response in new[] { first, second })
        {
            Assert.False(response.Headers.Contains("Set-Cookie"));
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("__RequestVerificationToken", secondHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce", secondHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Languages_AreKeptApart()
    {
        var day = new DateOnly(2026, 3, 3);
        await KeepAsync(day, 6);
        var client = Anonymous();
        var (_, indonesian) = await ViewAsync(client, Period(day));
        Assert.Contains("<html lang=\"id\">", indonesian, StringComparison.Ordinal);

        using var byCookie = new HttpRequestMessage(HttpMethod.Get, Period(day));
        byCookie.Headers.Add("Cookie", "satuatap.lang=c%3Den-GB%7Cuic%3Den-GB");
        var english = await (await client.SendAsync(byCookie)).Content.ReadAsStringAsync();
        var (_, again) = await ViewAsync(client, Period(day));
        var (_, byQuery) = await ViewAsync(client, Period(day) + "&lang=en");

        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("How the public service mall performs", english, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"id\">", again, StringComparison.Ordinal);
        Assert.Contains("Kinerja Mal Pelayanan Publik", again, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", byQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInVisitors_NeitherGetNorLeaveACopy()
    {
        var day = new DateOnly(2026, 3, 4);
        await KeepAsync(day, 6);
        var anonymous = Anonymous();
        var cookie = await mall.PageClientForAsync(Accounts.Regent);
        var bearer = await mall.ClientForAsync(Accounts.Regent);
        var before = Period(day);
        var after = Period(day) + "&x=1";

        // An anonymous copy exists: a signed-in visitor is not given it.
        await ViewAsync(anonymous, before);
        Assert.True(FromCache((await ViewAsync(anonymous, before)).Response));
        var (signedIn, signedInHtml) = await ViewAsync(cookie, before);
        Assert.False(FromCache(signedIn));
        Assert.Contains("href=\"/akun/keluar\"", signedInHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/kelola\"", signedInHtml, StringComparison.Ordinal);
        Assert.False(FromCache((await ViewAsync(bearer, before)).Response));

        // A signed-in visitor first: nothing is left for the anonymous one.
        await ViewAsync(cookie, after);
        await ViewAsync(cookie, after);
        var (firstAnonymous, anonymousHtml) = await ViewAsync(anonymous, after);
        Assert.False(FromCache(firstAnonymous));
        Assert.DoesNotContain("/akun/keluar", anonymousHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/kelola\"", anonymousHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/akun/masuk\"", anonymousHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherPeriodOrAddress_IsAnotherPage()
    {
        var day = new DateOnly(2026, 3, 5);
        await KeepAsync(day, 6);
        await KeepAsync(day.AddDays(1), 7);
        var client = Anonymous();
        Assert.Equal("6", await ServedAsync(client, Period(day)));
        Assert.Equal("7", await ServedAsync(client, Period(day.AddDays(1))));
        Assert.Equal("13", await ServedAsync(client, $"/kinerja?from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}"));
        // The same period written otherwise: the language switch's return address echoes it as written.
        var reordered = $"/kinerja?to={day:yyyy-MM-dd}&from={day:yyyy-MM-dd}";
        var (response, html) = await ViewAsync(client, reordered);
        Assert.False(FromCache(response));
        Assert.Contains(Uri.EscapeDataString(reordered), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/kinerja?from=2026-02-30")]
    [InlineData("/kinerja?from=2026-06-10&to=2026-06-01")]
    public async Task BadInput_IsA400EveryTime_NeverAKeptCopy(string url)
    {
        var client = Anonymous();
        var (first, _) = await ViewAsync(client, url, HttpStatusCode.BadRequest);
        var (second, html) = await ViewAsync(client, url, HttpStatusCode.BadRequest);
        Assert.False(FromCache(first));
        Assert.False(FromCache(second));
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.NotEmpty(page.QuerySelectorAll("p.error[role=alert]"));
    }

    [Fact]
    public async Task ACopy_EndsWithItsFiguresBound_AndAtOnceWithARebuild()
    {
        var day = new DateOnly(2026, 3, 9);
        await KeepAsync(day, 5);
        var client = Anonymous();
        Assert.Equal("5", await ServedAsync(client, Period(day)));

        await KeepAsync(day, 3);
        Assert.Equal("5", await ServedAsync(client, Period(day)));

        mall.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("8", await ServedAsync(client, Period(day)));
        Assert.True(FromCache((await ViewAsync(client, Period(day))).Response));

        // The rebuild puts back what the records of the day say (none): shown at once.
        await using (var scope = mall.Scope())
            await scope.ServiceProvider.GetRequiredService<KeepInsights>().RebuildAsync(day, day, default);
        Assert.Null(await ServedAsync(client, Period(day)));
    }
}
