using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>The mall where a test chooses each request's client address (the <c>X-Test-Address</c> header).</summary>
public class AddressedMall : MallFactory
{
    private const string Header = "X-Test-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, AddressFromHeader>());
    }

    /// <summary>A client (no automatic redirects) whose requests come from <paramref name="address"/>.</summary>
    public HttpClient ClientAt(string address)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, then) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var address)) http.Connection.RemoteIpAddress = address;
                return then(http);
            });
            next(app);
        };
    }
}

public sealed class SignInLimitedMall : AddressedMall
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:PublicWritesPerMinute"] = "3",
    };
}

internal static class Accounts2
{
    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password = MallFactory.DemoPassword) =>
        client.PostAsJsonAsync("/api/v1/identity/login", new { email, password });

    public static Task<HttpResponseMessage> SignInPageAsync(this HttpClient client, string email, string password = MallFactory.DemoPassword) =>
        client.PostFormAsync("/akun/masuk", null, new() { ["email"] = email, ["password"] = password });
}

/// <summary>Item: sign-in is limited per address and per account, and one address cannot lock an account.</summary>
public sealed class SignInLimitTests(SignInLimitedMall mall) : IClassFixture<SignInLimitedMall>
{
    private static readonly string[] Everyone =
        [Accounts.Manager, Accounts.DukcapilOfficer, Accounts.DpmptspOfficer, Accounts.DukcapilHead, Accounts.Regent, Accounts.Citizen, Accounts.Administrator];

    [Fact]
    public async Task EleventhSignIn_InAMinute_FromOneAddress_Is429_OnTheApiAndThePage()
    {
        var client = mall.ClientAt("203.0.113.10");
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(Everyone[i % Everyone.Length])).StatusCode);
        var refused = await client.LoginAsync(Accounts.Citizen);
        var problem = await refused.AssertProblemAsync(429);
        Assert.Contains("alamat ini", problem["detail"]!.GetValue<string>());
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);

        // The page shares the budget and answers with an HTML page, not problem JSON.
        var page = await client.SignInPageAsync(Accounts.Citizen);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Contains("Terlalu banyak", (await page.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);

        mall.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(Accounts.Citizen)).StatusCode);
    }

    [Fact]
    public async Task SixthSignIn_InAMinute_OnOneAccount_Is429_FromAnyAddress()
    {
        for (var i = 1; i <= 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await mall.ClientAt($"198.51.100.{i}").LoginAsync(Accounts.Regent)).StatusCode);
        var problem = await (await mall.ClientAt("198.51.100.6").LoginAsync(Accounts.Regent)).AssertProblemAsync(429);
        Assert.Contains("akun ini", problem["detail"]!.GetValue<string>());
        // Other accounts from a fresh address are not affected.
        Assert.Equal(HttpStatusCode.OK, (await mall.ClientAt("198.51.100.7").LoginAsync(Accounts.DpmptspOfficer)).StatusCode);
    }

    [Fact]
    public async Task AStrangersFailures_StopTheirAddress_BeforeTheAccountLocks()
    {
        var stranger = mall.ClientAt("192.0.2.66");
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                var wrong = await stranger.LoginAsync(Accounts.DukcapilHead, "Salah#2026tebak" + i);
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
                mall.Clock.Advance(TimeSpan.FromSeconds(20));
            }
            // The sixth failure in 15 minutes is not even tried: the address is refused, on the API and the page.
            var refused = await stranger.LoginAsync(Accounts.DukcapilHead, "Salah#2026tebak");
            Assert.Contains("gagal", (await refused.AssertProblemAsync(429))["detail"]!.GetValue<string>());
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.SignInPageAsync(Accounts.DukcapilHead, "Salah#2026tebak")).StatusCode);
            mall.Clock.Advance(TimeSpan.FromMinutes(15));
        }

        // Fifteen wrong passwords later the owner, from another address, still signs in.
        Assert.Equal(HttpStatusCode.OK, (await mall.ClientAt("192.0.2.10").LoginAsync(Accounts.DukcapilHead)).StatusCode);
        await using var scope = mall.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByEmailAsync(Accounts.DukcapilHead))!));
    }

    [Fact]
    public async Task Registration_IsAPublicWrite_OnTheApi()
    {
        var client = mall.ClientAt("203.0.113.77");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/identity/register", new { email = $"baru{i}@limit.test", password = "Rahasia#2026x" })).StatusCode);
        var refused = await client.PostAsJsonAsync("/api/v1/identity/register", new { email = "baru9@limit.test", password = "Rahasia#2026x" });
        await refused.AssertProblemAsync(429);
    }

    [Fact]
    public async Task RegistrationPage_IsAPublicWrite_AnsweredWithAnHtmlPage()
    {
        var client = mall.ClientAt("203.0.113.78");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/akun/daftar")).StatusCode);
        var refused = await client.GetAsync("/akun/daftar");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Terlalu banyak permintaan", (await refused.ParseAsync()).Body!.TextContent);
    }
}

/// <summary>Item: verifying an email address only confirms it.</summary>
public sealed class EmailVerificationTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private async Task<(HttpClient Browser, string Code)> RegisterAsync(string email)
    {
        var browser = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var register = await browser.PostFormAsync("/akun/daftar", null, new()
        {
            ["nama"] = "Sari Wulandari", ["email"] = email, ["password"] = "Rahasia#2026x", ["bahasa"] = "id",
        });
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var body = (await db.OutboxMessages.SingleAsync(m => m.Recipient == email && m.EventCode == "account.verify")).Body;
        return (browser, Regex.Match(body, @"\b\d{6}\b").Value);
    }

    private static Task<HttpResponseMessage> VerifyAsync(HttpClient browser, string email, string code) =>
        browser.PostFormAsync("/akun/verifikasi", null, new() { ["email"] = email, ["kode"] = code });

    private async Task<string> CodeForAsync(string email)
    {
        await using var scope = mall.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        return await users.GenerateUserTokenAsync((await users.FindByEmailAsync(email))!, TokenOptions.DefaultEmailProvider, SatuAtap.Web.Pages.Akun.DaftarModel.Purpose);
    }

    private async Task<User> AccountAsync(string email)
    {
        await using var scope = mall.Scope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(email))!;
    }

    [Fact]
    public async Task RightCode_ConfirmsTheAddress_ButDoesNotSignIn()
    {
        var (browser, code) = await RegisterAsync("konfirmasi@warga.test");
        var verified = await VerifyAsync(browser, "konfirmasi@warga.test", code);
        Assert.Equal("/akun/masuk?terverifikasi=true", verified.Headers.Location!.ToString());
        Assert.False(verified.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("satuatap.auth=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970")));
        Assert.True((await AccountAsync("konfirmasi@warga.test")).EmailConfirmed);
        var notice = await browser.GetPageAsync("/akun/masuk?terverifikasi=true");
        Assert.Contains("sudah terverifikasi", notice.QuerySelector("[role=status]")!.TextContent);
        // Still anonymous: applying sends them to sign in.
        var apply = await browser.GetAsync("/permohonan/ajukan/DKP-KTP");
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        Assert.StartsWith("/akun/masuk", apply.Headers.Location!.PathAndQuery);
        // The same code a second time is refused: the address is confirmed already.
        Assert.Contains("Kode salah", (await (await VerifyAsync(browser, "konfirmasi@warga.test", code)).ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task ConfirmedAndStaffAccounts_AreRefused_EvenWithAValidCode()
    {
        var browser = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // A confirmed staff account (the demo officer).
        var officer = await VerifyAsync(browser, Accounts.DukcapilOfficer, await CodeForAsync(Accounts.DukcapilOfficer));
        Assert.Equal(HttpStatusCode.OK, officer.StatusCode);
        Assert.Contains("Kode salah", (await officer.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/kelola")).StatusCode);

        // A staff account whose address is not confirmed yet.
        await using (var scope = mall.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var fresh = new User { UserName = "petugas.baru@demo.test", Email = "petugas.baru@demo.test", FullName = "Petugas Baru" };
            Assert.True((await users.CreateAsync(fresh, "Rahasia#2026x")).Succeeded);
            await users.AddToRoleAsync(fresh, Roles.Officer);
        }
        var staff = await VerifyAsync(browser, "petugas.baru@demo.test", await CodeForAsync("petugas.baru@demo.test"));
        Assert.Contains("Kode salah", (await staff.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.False((await AccountAsync("petugas.baru@demo.test")).EmailConfirmed);
    }

    [Fact]
    public async Task WrongCodes_CountTowardTheLockout_AndALockedAccountIsNotChecked()
    {
        var (browser, code) = await RegisterAsync("tebak@warga.test");
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 10; i++)
            Assert.Contains("Kode salah", (await (await VerifyAsync(browser, "tebak@warga.test", wrong)).ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.True((await AccountAsync("tebak@warga.test")).LockoutEnd > DateTimeOffset.UtcNow);

        var locked = await VerifyAsync(browser, "tebak@warga.test", code);
        Assert.Contains("dikunci", (await locked.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.False((await AccountAsync("tebak@warga.test")).EmailConfirmed);
    }
}

/// <summary>Item: sessions end on sign-out, a new password and a role change.</summary>
public sealed class SessionTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private sealed record Tokens(string AccessToken, string RefreshToken);

    private async Task<string> NewAccountAsync(string email)
    {
        var response = await mall.CreateClient().PostAsJsonAsync("/api/v1/identity/register", new { email, password = "Rahasia#2026x" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return email;
    }

    private async Task<Tokens> LoginAsync(string email, string password = "Rahasia#2026x")
    {
        var response = await mall.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    private HttpClient Bearer(Tokens tokens)
    {
        var client = mall.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    private Task<HttpResponseMessage> RefreshAsync(Tokens tokens) =>
        mall.CreateClient().PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = tokens.RefreshToken });

    [Fact]
    public async Task Logout_EndsEveryRefreshToken_AndAccessToken_OfTheAccount()
    {
        var email = await NewAccountAsync("keluar@sesi.test");
        var here = await LoginAsync(email);
        var there = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(there)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(there).GetAsync("/api/v1/identity/manage/info")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Bearer(here).PostAsync("/api/v1/identity/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(here)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(there)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(there).GetAsync("/api/v1/identity/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().PostAsync("/api/v1/identity/logout", null)).StatusCode);
        // Signing in again works.
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(await LoginAsync(email))).StatusCode);
    }

    [Fact]
    public async Task NewPassword_EndsTheOldSessions()
    {
        var email = await NewAccountAsync("sandi@sesi.test");
        var old = await LoginAsync(email);
        var other = await LoginAsync(email);
        var changed = await Bearer(old).PostAsJsonAsync("/api/v1/identity/manage/info", new { oldPassword = "Rahasia#2026x", newPassword = "Baru#2026rahasia" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(old)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(other).GetAsync("/api/v1/identity/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(await LoginAsync(email, "Baru#2026rahasia"))).StatusCode);
    }

    [Fact]
    public async Task RoleChange_EndsTheSessions()
    {
        var email = await NewAccountAsync("peran@sesi.test");
        var tokens = await LoginAsync(email);
        await using (var scope = mall.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, Roles.Officer)).Succeeded);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(tokens).GetAsync("/api/v1/identity/manage/info")).StatusCode);
    }

    [Fact]
    public async Task PageSignOut_EndsTheAccountsOtherCookies()
    {
        var email = await NewAccountAsync("halaman@sesi.test");
        var phone = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var laptop = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await phone.SignInPageAsync(email, "Rahasia#2026x")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.SignInPageAsync(email, "Rahasia#2026x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/akun/dua-langkah")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await phone.PostFormAsync("/akun/keluar", null, [])).StatusCode);

        var after = await laptop.GetAsync("/akun/dua-langkah");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/akun/masuk", after.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ARequest_IsReadByItsBearerToken_WhenItCarriesOne_ElseByItsCookie()
    {
        var byCookie = await NewAccountAsync("kue-saja@sesi.test");
        var byToken = await NewAccountAsync("token-saja@sesi.test");
        var signIn = await mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SignInPageAsync(byCookie, "Rahasia#2026x");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(v => v.Split(';', 2)[0]).Single(v => v.StartsWith("satuatap.auth=", StringComparison.Ordinal));
        var token = (await LoginAsync(byToken)).AccessToken;
        var client = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        async Task<(HttpStatusCode Status, string? Email)> InfoAsync(string? authorization)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity/manage/info") { Headers = { { "Cookie", cookie } } };
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            var response = await client.SendAsync(request);
            return (response.StatusCode, response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["email"].ToString() : null);
        }

        Assert.Equal((HttpStatusCode.OK, byCookie), await InfoAsync(null));
        Assert.Equal((HttpStatusCode.OK, byToken), await InfoAsync("Bearer " + token));
        // A token that fails is the answer: the cookie beside it does not sign the request in instead.
        Assert.Equal((HttpStatusCode.Unauthorized, null), await InfoAsync("Bearer " + token[..^4] + "AAAA"));
        // Another kind of credential is not a bearer token: the cookie is read.
        Assert.Equal((HttpStatusCode.OK, byCookie), await InfoAsync("Basic dXNlcjpwYXNz"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/identity/manage/info")).StatusCode);
    }

    [Fact]
    public async Task ACookie_PastTheCheckInterval_IsCheckedByItsStamp_NotReissuedOnEveryPage()
    {
        var email = await NewAccountAsync("kue@sesi.test");
        var signIn = await mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SignInPageAsync(email, "Rahasia#2026x");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(v => v.Split(';', 2)[0]).Single(v => v.StartsWith("satuatap.auth=", StringComparison.Ordinal));
        // A client that sends the cookie it was given and ignores any new one.
        var browser = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        HttpRequestMessage Page() => new(HttpMethod.Get, "/akun/dua-langkah") { Headers = { { "Cookie", cookie } } };

        // Past Security:SessionCheckSeconds (60) the same cookie still opens the page, and the page does not answer with
        // a new cookie: the session is checked against the account's stamp, not rebuilt and re-issued per request.
        mall.Clock.Advance(TimeSpan.FromSeconds(61));
        for (var i = 0; i < 3; i++)
        {
            var page = await browser.SendAsync(Page());
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.DoesNotContain(page.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], v => v.StartsWith("satuatap.auth=", StringComparison.Ordinal));
        }

        // A stamp changed behind this node's back (another node) ends the cookie once the interval has passed.
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var id = (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(email))!.Id;
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync();
        }
        mall.Clock.Advance(TimeSpan.FromSeconds(61));
        var ended = await browser.SendAsync(Page());
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/akun/masuk", ended.Headers.Location!.PathAndQuery);
    }
}

/// <summary>Item: staff two-factor enrolment needs an administrator's one-time code; recovery codes.</summary>
public sealed class StaffEnrolmentTests(TwoFactorMall mall) : IClassFixture<TwoFactorMall>
{
    private static async Task<HttpResponseMessage> EnrolAsync(HttpClient client, string? enrolmentCode)
    {
        var setup = await client.GetPageAsync("/akun/dua-langkah");
        var key = setup.QuerySelector("#kunci")!.TextContent.Replace(" ", "").ToUpperInvariant();
        var values = new Dictionary<string, string> { ["code"] = TwoFactorTests.Totp(key, DateTimeOffset.UtcNow) };
        if (enrolmentCode is not null) values["pendaftaran"] = enrolmentCode;
        return await client.PostFormAsync("/akun/dua-langkah", null, values);
    }

    private async Task<bool> TwoFactorOnAsync(string email)
    {
        await using var scope = mall.Scope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(email))!.TwoFactorEnabled;
    }

    [Fact]
    public async Task FirstAuthenticator_NeedsAFreshUnusedCode_ThenTenRecoveryCodes_EachSigningInOnce()
    {
        var officer = await mall.PageClientForAsync(Accounts.DpmptspOfficer);
        Assert.NotNull((await officer.GetPageAsync("/akun/dua-langkah")).QuerySelector("input[name=pendaftaran]"));

        // Without a code, with a wrong one, and with an expired one: refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await EnrolAsync(officer, null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await EnrolAsync(officer, "AAAA-BBBB-CCCC-DDDD")).StatusCode);
        var expiring = await mall.EnrolmentCodeAsync(Accounts.DpmptspOfficer);
        mall.Clock.Advance(TimeSpan.FromHours(24));
        officer = await mall.PageClientForAsync(Accounts.DpmptspOfficer); // the 8-hour cookie has expired too
        var expired = await EnrolAsync(officer, expiring);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("kedaluwarsa", (await expired.ParseAsync()).QuerySelector("#pendaftaran-error")!.TextContent);
        Assert.False(await TwoFactorOnAsync(Accounts.DpmptspOfficer));

        // A fresh code: on, with ten recovery codes shown once.
        var fresh = await mall.EnrolmentCodeAsync(Accounts.DpmptspOfficer);
        var enrolled = await EnrolAsync(officer, fresh);
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var recovery = (await enrolled.ParseAsync()).QuerySelectorAll("#kode-pemulihan li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, recovery.Distinct().Count());
        Assert.True(await TwoFactorOnAsync(Accounts.DpmptspOfficer));
        Assert.Empty((await officer.GetPageAsync("/akun/dua-langkah")).QuerySelectorAll("#kode-pemulihan li"));

        // The used code does not enrol again (after two-factor was switched off behind the scenes).
        await using (var scope = mall.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            await users.SetTwoFactorEnabledAsync((await users.FindByEmailAsync(Accounts.DpmptspOfficer))!, false);
        }
        var again = await mall.PageClientForAsync(Accounts.DpmptspOfficer);
        Assert.Equal(HttpStatusCode.BadRequest, (await EnrolAsync(again, fresh)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(again, await mall.EnrolmentCodeAsync(Accounts.DpmptspOfficer))).StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_SignsIn_Once()
    {
        var head = await mall.PageClientForAsync(Accounts.DukcapilHead);
        var enrolled = await EnrolAsync(head, await mall.EnrolmentCodeAsync(Accounts.DukcapilHead));
        var recovery = (await enrolled.ParseAsync()).QuerySelectorAll("#kode-pemulihan li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, recovery.Count);
        await using (var scope = mall.Scope())
        {
            // Kept as hashes only.
            var stored = await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().UserTokens.Where(t => t.Name == "RecoveryCodes").Select(t => t.Value).ToListAsync();
            Assert.NotEmpty(stored);
            Assert.All(recovery, code => Assert.DoesNotContain(stored, v => v!.Contains(code)));
        }

        async Task<HttpResponseMessage> SignInWithRecoveryAsync(string code)
        {
            var client = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var first = await client.SignInPageAsync(Accounts.DukcapilHead);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var step = await first.ParseAsync();
            Assert.NotNull(step.QuerySelector("input[name=pemulihan]"));
            var token = step.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            return await client.PostAsync("/akun/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["email"] = Accounts.DukcapilHead, ["pemulihan"] = code,
            }));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithRecoveryAsync(recovery[0].ToLowerInvariant())).StatusCode);
        var reused = await SignInWithRecoveryAsync(recovery[0]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("salah", (await reused.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        // The API takes one too.
        var api = await mall.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = Accounts.DukcapilHead, password = MallFactory.DemoPassword, twoFactorRecoveryCode = recovery[1] });
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task IdentityApi_DoesNotLetStaffTurnOnTwoFactor_WithoutTheCode()
    {
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var problem = await (await officer.PostAsJsonAsync("/api/v1/identity/manage/2fa", new { enable = true, twoFactorCode = "123456" })).AssertProblemAsync(403);
        Assert.Contains("/akun/dua-langkah", problem["detail"]!.GetValue<string>());
        await (await officer.PostAsJsonAsync("/api/v1/identity/manage/2fa", new { resetSharedKey = true })).AssertProblemAsync(403);
        // Reading the state is allowed; citizens manage theirs as before.
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync("/api/v1/identity/manage/2fa", new { })).StatusCode);
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        Assert.Equal(HttpStatusCode.BadRequest, (await citizen.PostAsJsonAsync("/api/v1/identity/manage/2fa", new { enable = true, twoFactorCode = "123456" })).StatusCode);
    }

    [Fact]
    public async Task AnAdministratorWithoutTwoFactor_CannotIssueCodes_WhenItIsRequired()
    {
        var admin = await mall.ClientForAsync(Accounts.Administrator);
        Guid officer;
        await using (var scope = mall.Scope())
            officer = (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(Accounts.DukcapilOfficer))!.Id;
        await (await admin.PostAsync($"/api/v1/identity/users/{officer}/enrolment-code", null)).AssertProblemAsync(403);
    }
}

/// <summary>Item: an administrator issues enrolment codes (API and page).</summary>
public sealed class EnrolmentCodeIssueTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private async Task<Guid> IdOfAsync(string email)
    {
        await using var scope = mall.Scope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(email))!.Id;
    }

    [Fact]
    public async Task Administrator_IssuesACode_ForStaffOnly_ValidFor24Hours()
    {
        var admin = await mall.ClientForAsync(Accounts.Administrator);
        var response = await admin.PostAsync($"/api/v1/identity/users/{await IdOfAsync(Accounts.DukcapilOfficer)}/enrolment-code", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$", body["code"]!.GetValue<string>());
        Assert.Equal(mall.Clock.GetUtcNow().UtcDateTime.AddHours(24), body["expiresAtUtc"]!.GetValue<DateTime>().ToUniversalTime());
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var stored = await db.UserTokens.Where(t => t.Name == EnrolmentCode.TokenName).Select(t => t.Value).ToListAsync();
            Assert.DoesNotContain(stored, v => v!.Contains(EnrolmentCode.Normalize(body["code"]!.GetValue<string>())));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "StaffEnrolmentCode" && a.Action == "issued"));
        }

        await (await admin.PostAsync($"/api/v1/identity/users/{await IdOfAsync(Accounts.Citizen)}/enrolment-code", null)).AssertProblemAsync(422);
        await (await admin.PostAsync($"/api/v1/identity/users/{Guid.NewGuid()}/enrolment-code", null)).AssertProblemAsync(404);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync($"/api/v1/identity/users/{await IdOfAsync(Accounts.DukcapilOfficer)}/enrolment-code", null)).StatusCode);
    }

    [Fact]
    public async Task StaffPage_ListsStaff_AndShowsAnIssuedCodeOnce()
    {
        var admin = await mall.PageClientForAsync(Accounts.Administrator);
        var page = await admin.GetPageAsync("/kelola/petugas");
        Assert.Contains(Accounts.DukcapilOfficer, page.QuerySelector("table")!.TextContent);
        Assert.DoesNotContain(Accounts.Citizen, page.QuerySelector("table")!.TextContent);
        var first = page.QuerySelector("form input[name=userId]")!.GetAttribute("value")!;
        var issued = await admin.PostFormAsync("/kelola/petugas", null, new() { ["userId"] = first });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$", (await issued.ParseAsync()).QuerySelector("#kode-pendaftaran")!.TextContent);
        Assert.Null((await admin.GetPageAsync("/kelola/petugas")).QuerySelector("#kode-pendaftaran"));
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        Assert.NotEqual(HttpStatusCode.OK, (await manager.GetAsync("/kelola/petugas")).StatusCode);
    }
}
