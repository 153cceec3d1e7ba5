using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Applications;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>The web server's protections: links, return addresses, headers, HTTPS, cookie-signed API writes, dates, error pages.</summary>
public sealed class WebServerTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private HttpClient NoRedirects(string baseAddress = "http://localhost") =>
        mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    [Fact]
    public async Task Registration_WithAForeignHostHeader_EmailsALinkToThePublicAddress()
    {
        var client = NoRedirects();
        var page = await client.GetPageAsync("/akun/daftar");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var email = $"host-{Guid.NewGuid():N}@contoh.id";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/akun/daftar")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["nama"] = "Siti", ["email"] = email, ["password"] = "Rahasia#2026x",
            }),
        };
        request.Headers.Host = "evil.example";
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var scope = mall.Scope();
        var body = await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().OutboxMessages
            .Where(m => m.Recipient == email).Select(m => m.Body).SingleAsync();
        Assert.Contains(MallFactory.PublicBaseUrl + "/akun/verifikasi?email=", body);
        Assert.DoesNotContain("evil.example", body);
    }

    [Theory]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/%0D%0A/evil.example")]
    public async Task LanguageSwitch_SendsBackOnlyToThisSite(string kembali)
    {
        var response = await NoRedirects().GetAsync("/bahasa/en?kembali=" + kembali);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LanguageSwitch_GoesBackToALocalAddress()
    {
        var response = await NoRedirects().GetAsync("/bahasa/en?kembali=" + Uri.EscapeDataString("/layanan?q=ktp"));
        Assert.Equal("/layanan?q=ktp", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/layanan", true)]
    [InlineData("/api/v1/agencies", false)]
    [InlineData("/css/site.css", false)]
    [InlineData("/tidak-ada-halaman", true)]
    public async Task EveryResponse_HasTheSecurityHeaders_AndPagesAPolicyWithoutInlineScripts(string url, bool html)
    {
        var response = await mall.CreateClient().GetAsync(url);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        if (!html)
        {
            Assert.False(response.Headers.Contains("Content-Security-Policy"));
            return;
        }
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public async Task TicketPage_WithItsQrCode_HasNoInlineScriptOrStyle_ThatThePolicyWouldBlock()
    {
        var issued = await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{await Queue.QueueTestData.BuildingAsync(mall)}/tickets",
            new System.Text.Json.Nodes.JsonObject { ["serviceId"] = (await Queue.QueueTestData.ServiceAsync(mall, "DKP-KTP")).ToString() });
        var id = (await issued.ReadJsonAsync())["id"]!.GetValue<string>();
        var page = await mall.CreateClient().GetPageAsync($"/antrian/tiket/{id}");
        Assert.NotNull(page.QuerySelector("svg.qr"));
        Assert.Empty(page.QuerySelectorAll("[style], style"));
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ApiBrowser_AllowsOnlyItsOwnInlineScript_ByHash()
    {
        var response = await mall.CreateClient().GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scriptSource = response.Headers.GetValues("Content-Security-Policy").Single().Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal));
        Assert.Contains("'sha256-", scriptSource);
        Assert.DoesNotContain("unsafe-inline", scriptSource);
    }

    [Fact]
    public async Task OverHttps_HstsAndSecureCookies_NotOverHttp()
    {
        var https = NoRedirects("https://mpp.test.example");
        var page = await https.GetAsync("/akun/masuk");
        Assert.Contains("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        var language = await https.GetAsync("/bahasa/en?kembali=/");
        Assert.Contains("secure", language.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);

        var http = await NoRedirects("http://mpp.test.example").GetAsync("/akun/masuk");
        Assert.False(http.Headers.Contains("Strict-Transport-Security"));
        Assert.All(http.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForwardedHeaders_AreIgnoredWithoutKnownProxies()
    {
        var context = await mall.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.5");
            c.Request.Path = "/health/live";
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
        });
        Assert.Equal("10.0.0.5", SatuAtap.Web.Infrastructure.RateLimiting.ClientKey(context));
        Assert.False(context.Request.IsHttps);
    }

    [Fact]
    public async Task CookieSignedApiWrite_WithoutTheAntiforgeryToken_Is403_WithItOrABearerToken_Passes()
    {
        var bearer = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await ApplicationDriver.DraftKtpAsync(bearer);
        var kk = await ApplicationDriver.RequirementIdAsync(bearer, "DKP-KTP", "Kartu Keluarga");
        var cookie = await mall.PageClientForAsync(Accounts.Citizen);

        // Another site makes the citizen's browser post a multipart form with the cookie.
        cookie.DefaultRequestHeaders.Add("Origin", "https://evil.example");
        var forged = await ApplicationDriver.UploadAsync(cookie, id, kk, ApplicationDriver.Pdf, "kk.pdf");
        await forged.AssertProblemAsync(403);
        await (await cookie.PostAsync($"/api/v1/applications/{id}/submit", null)).AssertProblemAsync(403);

        // The mall's own page holds the token; sent back as the header, the same upload is accepted.
        cookie.DefaultRequestHeaders.Remove("Origin");
        var token = (await cookie.GetPageAsync("/akun/keluar")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        cookie.DefaultRequestHeaders.Add("RequestVerificationToken", token);
        var upload = await ApplicationDriver.UploadAsync(cookie, id, kk, ApplicationDriver.Pdf, "kk.pdf");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        // A bearer caller needs no token.
        Assert.Equal(HttpStatusCode.Created, (await ApplicationDriver.UploadAsync(bearer, id, kk, ApplicationDriver.Pdf, "kk2.pdf")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/calendar/due-date?start=9999-12-30&workingDays=5", "start")]
    [InlineData("/api/v1/calendar/due-date?start=1900-01-01&workingDays=5", "start")]
    [InlineData("/api/v1/applications/stats?from=2026-01-01&to=9999-12-31", "to")]
    public async Task FarAwayDates_Are400_NamingTheField(string url, string field)
    {
        var client = url.Contains("stats", StringComparison.Ordinal) ? await mall.ClientForAsync(Accounts.Manager) : mall.CreateClient();
        var problem = await (await client.GetAsync(url)).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task CalendarPage_WithAFarAwayDate_ReshowsTheFormWithTheMessage()
    {
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        var response = await manager.GetAsync("/kelola/kalender?mulai=9999-12-30&hari=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2100-12-31", (await response.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task PublishedDocs_AreServedByDefault()
    {
        Assert.Equal(HttpStatusCode.OK, (await mall.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mall.CreateClient().GetAsync("/scalar/")).StatusCode);
    }
}

/// <summary>A mall behind a reverse proxy at 10.0.0.5, with the API description switched off.</summary>
public sealed class ProxiedMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Network:KnownProxies:0"] = "10.0.0.5",
        ["Api:PublishDocs"] = "false",
    };
}

public sealed class ProxiedMallTests(ProxiedMall mall) : IClassFixture<ProxiedMall>
{
    private Task<Microsoft.AspNetCore.Http.HttpContext> FromAsync(string remote) => mall.Server.SendAsync(c =>
    {
        c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        c.Request.Host = new Microsoft.AspNetCore.Http.HostString("mpp.test.example");
        c.Request.Path = "/layanan";
        c.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
        c.Request.Headers["X-Forwarded-Proto"] = "https";
    });

    [Fact]
    public async Task ForwardedHeaders_FromTheKnownProxy_GiveTheClientAndHttps()
    {
        var context = await FromAsync("10.0.0.5");
        Assert.Equal("203.0.113.7", SatuAtap.Web.Infrastructure.RateLimiting.ClientKey(context));
        Assert.True(context.Request.IsHttps);
        Assert.True(context.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnyoneElse_AreIgnored()
    {
        var context = await FromAsync("10.0.0.6");
        Assert.Equal("10.0.0.6", SatuAtap.Web.Infrastructure.RateLimiting.ClientKey(context));
        Assert.False(context.Request.IsHttps);
    }

    [Fact]
    public async Task PublishDocsOff_TheApiDescriptionAndBrowserAre404()
    {
        var client = mall.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/scalar/")).StatusCode);
        Assert.DoesNotContain("href=\"/scalar\"", await client.GetStringAsync("/"));
    }
}
