using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SatuAtap.Web.Infrastructure;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>A bearer token sent again is decrypted once per Security:SessionCheckSeconds, and nothing else changes.</summary>
public sealed class RecentBearerTokensTests
{
    /// <summary>The data-protection format, counted: "good-…" tokens read as a ticket for that name, others as nothing.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Reads;
        public string Protect(AuthenticationTicket data) => "good-" + data.Principal.Identity!.Name;
        public string Protect(AuthenticationTicket data, string? purpose) => Protect(data);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Reads++;
            if (protectedText is null || !protectedText.StartsWith("good-", StringComparison.Ordinal)) return null;
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, protectedText[5..])], "test");
            return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { ExpiresUtc = DateTimeOffset.MaxValue }, "test");
        }
    }

    private readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));

    private (RecentBearerTokens Tokens, CountingFormat Inner) Make(int checkSeconds = 60)
    {
        var inner = new CountingFormat();
        return (new RecentBearerTokens(inner, Clock, Options.Create(new SecurityOptions { SessionCheckSeconds = checkSeconds })), inner);
    }

    [Fact]
    public void ATokenSentAgain_IsDecryptedOnce_AndEachRequestGetsItsOwnCopy()
    {
        var (tokens, inner) = Make();
        var first = tokens.Unprotect("good-ani");
        var second = tokens.Unprotect("good-ani");
        Assert.Equal(1, inner.Reads);
        Assert.Equal("ani", first!.Principal.Identity!.Name);
        Assert.Equal("ani", second!.Principal.Identity!.Name);
        Assert.NotSame(first, second);
        Assert.NotSame(first.Principal, second.Principal);
        // A change one request makes to its principal is not seen by the next.
        ((ClaimsIdentity)second.Principal.Identity!).AddClaim(new Claim("changed", "1"));
        Assert.False(tokens.Unprotect("good-ani")!.Principal.HasClaim(c => c.Type == "changed"));
        Assert.Equal(1, inner.Reads);
    }

    [Fact]
    public void ATokenIsReadAgain_OnceTheSessionCheckIntervalHasPassed()
    {
        var (tokens, inner) = Make(checkSeconds: 60);
        tokens.Unprotect("good-budi");
        Clock.Advance(TimeSpan.FromSeconds(59));
        tokens.Unprotect("good-budi");
        Assert.Equal(1, inner.Reads);
        Clock.Advance(TimeSpan.FromSeconds(2));
        tokens.Unprotect("good-budi");
        Assert.Equal(2, inner.Reads);
    }

    [Fact]
    public void WithoutAnInterval_EveryTokenIsRead()
    {
        var (tokens, inner) = Make(checkSeconds: 0);
        tokens.Unprotect("good-citra");
        tokens.Unprotect("good-citra");
        Assert.Equal(2, inner.Reads);
        Assert.Equal(0, tokens.Count);
    }

    [Fact]
    public void TokensThatDoNotDecrypt_AreNotRemembered_AndTheMemoryIsBounded()
    {
        var (tokens, inner) = Make();
        for (var i = 0; i < 3; i++) Assert.Null(tokens.Unprotect("made-up"));
        Assert.Equal(3, inner.Reads);
        Assert.Equal(0, tokens.Count);
        for (var i = 0; i <= RecentBearerTokens.Capacity + 10; i++) tokens.Unprotect($"good-{i}");
        Assert.InRange(tokens.Count, 1, RecentBearerTokens.Capacity);
    }
}

/// <summary>Through the mall: a remembered token or sign-in cookie still ends when it expires.</summary>
public sealed class RecentBearerTokensMallTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private sealed record Tokens(string AccessToken, long ExpiresIn);

    [Fact]
    public async Task ARememberedToken_StillExpires()
    {
        var login = await mall.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = Accounts.Citizen, password = MallFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = (await login.Content.ReadFromJsonAsync<Tokens>())!;
        var client = mall.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        mall.Clock.Advance(TimeSpan.FromSeconds(tokens.ExpiresIn - 10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/identity/manage/info")).StatusCode);
        mall.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/identity/manage/info")).StatusCode);
    }

    [Fact]
    public async Task ACookieSentAgain_IsDecryptedOnce_AndStillExpires()
    {
        var login = await mall.CreateClient().PostAsJsonAsync("/api/v1/identity/login?useCookies=true", new { email = Accounts.Citizen, password = MallFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Select(v => v.Split(';', 2)[0]).Single(v => v.StartsWith("satuatap.auth=", StringComparison.Ordinal));
        // A browser that keeps sending the cookie it was given (and ignores a renewed one).
        var browser = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        HttpRequestMessage Page() => new(HttpMethod.Get, "/akun") { Headers = { { "Cookie", cookie } } };
        var cookies = mall.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var remembered = Assert.IsType<RecentBearerTokens>(cookies.TicketDataFormat);

        var before = remembered.Count;
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(Page())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(Page())).StatusCode);
        Assert.Equal(before + 1, remembered.Count);

        // Read (and remembered) ten seconds before the cookie's eight hours end; twenty seconds later it is over.
        mall.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(Page())).StatusCode);
        mall.Clock.Advance(TimeSpan.FromSeconds(20));
        var ended = await browser.SendAsync(Page());
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/akun/masuk", ended.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
