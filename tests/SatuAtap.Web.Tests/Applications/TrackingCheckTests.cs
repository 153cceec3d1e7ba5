using System.Net;
using AngleSharp.Html.Dom;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>Tracking without signing in: the check code (or full NIK) travels in a posted form, never in the address.</summary>
public sealed class TrackingCheckTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static string ReferrerPolicy(HttpResponseMessage r) => string.Join(",", r.Headers.GetValues("Referrer-Policy"));

    [Fact]
    public async Task TrackingPage_TakesTheCheckOnlyFromThePostedForm_AndSendsNoReferrer()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, number) = await SubmittedKtpAsync(citizen, "3202011505900301");
        var code = (await citizen.GetJsonAsync($"/api/v1/applications/{id}"))["checkCode"]!.GetValue<string>();
        var anonymous = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // A link may carry the number; a check in the address is ignored.
        var linked = await anonymous.GetAsync($"/lacak?nomor={number}&cek={code}&check={code}");
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal("no-referrer", ReferrerPolicy(linked));
        var page = await linked.ParseAsync();
        Assert.Equal(number, ((IHtmlInputElement)page.GetElementById("nomor")!).Value);
        Assert.Equal("", ((IHtmlInputElement)page.GetElementById("cek")!).Value);
        Assert.Null(page.QuerySelector("h2"));
        var form = page.Forms.Single(f => f.QuerySelector("#cek") is not null);
        Assert.Equal("post", form.Method);

        var found = await anonymous.PostFormAsync("/lacak", null, new() { ["nomor"] = number, ["cek"] = code.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("no-referrer", ReferrerPolicy(found));
        var result = await found.ParseAsync();
        Assert.Equal(number, result.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal("", ((IHtmlInputElement)result.GetElementById("cek")!).Value);

        var byNik = await anonymous.PostFormAsync("/lacak", null, new() { ["nomor"] = number, ["cek"] = "3202011505900301" });
        Assert.Equal(number, (await byNik.ParseAsync()).QuerySelector("h2")!.TextContent.Trim());

        var lastFour = await anonymous.PostFormAsync("/lacak", null, new() { ["nomor"] = number, ["cek"] = "0301" });
        Assert.Equal(HttpStatusCode.NotFound, lastFour.StatusCode);
        Assert.Equal("no-referrer", ReferrerPolicy(lastFour));
        var refused = await lastFour.ParseAsync();
        Assert.Null(refused.QuerySelector("h2"));
        Assert.Contains("tidak cocok", refused.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        // Without the antiforgery token the post is refused.
        var forged = await anonymous.PostAsync("/lacak", new FormUrlEncodedContent(new Dictionary<string, string> { ["nomor"] = number, ["cek"] = code }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task ApplicantsDetailPage_ShowsTheCheckCode()
    {
        var api = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await SubmittedKtpAsync(api, "3202011505900302");
        var code = (await api.GetJsonAsync($"/api/v1/applications/{id}"))["checkCode"]!.GetValue<string>();
        var citizen = await mall.PageClientForAsync(Accounts.Citizen);
        var page = await citizen.GetPageAsync($"/permohonan/{id}");
        Assert.Equal(code, page.GetElementById("kode-pemeriksa")!.TextContent.Trim());
    }
}

public sealed class TrackingRateLimitedMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:TrackingPerMinute"] = "3",
    };
}

/// <summary>Every look-up counts, a wrong check included: guessing is slowed to a few tries a minute per address.</summary>
public sealed class TrackingRateLimitTests(TrackingRateLimitedMall mall) : IClassFixture<TrackingRateLimitedMall>
{
    [Fact]
    public async Task WrongChecks_Are404_AndUseUpTheTrackingLimit()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, number) = await SubmittedKtpAsync(citizen, "3202011505900303");
        var code = (await citizen.GetJsonAsync($"/api/v1/applications/{id}"))["checkCode"]!.GetValue<string>();
        var anonymous = mall.CreateClient();
        for (var i = 0; i < 3; i++)
            await (await anonymous.GetAsync($"/api/v1/tracking/{number}?check=AAAAA{i + 2}")).AssertProblemAsync(404);
        // The right check no longer helps from this address within the minute.
        await (await anonymous.GetAsync($"/api/v1/tracking/{number}?check={code}")).AssertProblemAsync(429);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync($"/lacak?nomor={number}")).StatusCode);
    }
}
