using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

public sealed class PlatformTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public void WithoutAnOtlpEndpoint_NoTracerIsRegistered()
    {
        // Not even one that samples nothing: its instrumentation would stay subscribed, and EF Core and ASP.NET Core
        // would build their diagnostic events for every command and request.
        Assert.Null(mall.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        var client = mall.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LanguageCookie_LastsAYearFromTheMallsClock()
    {
        var client = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/bahasa/en?kembali=/");
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("satuatap.lang=", StringComparison.Ordinal));
        var expires = mall.Clock.GetUtcNow().AddYears(1).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("expires=" + expires, cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheCatalog()
    {
        var doc = await mall.CreateClient().GetJsonAsync("/openapi/v1.json");
        var paths = doc["paths"]!.AsObject();
        foreach (var path in new[] { "/api/v1/agencies", "/api/v1/services", "/api/v1/services/{id}", "/api/v1/calendar/holidays", "/api/v1/calendar/due-date", "/api/v1/identity/login" })
            Assert.True(paths.ContainsKey(path), path);
        Assert.Equal(HttpStatusCode.OK, (await mall.CreateClient().GetAsync("/scalar")).StatusCode);
    }

    [Fact]
    public async Task Login_WithWrongPassword_Is401()
    {
        var response = await mall.CreateClient().PostAsJsonAsync("/api/v1/identity/login", new { email = Accounts.Manager, password = "salah" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DemoAccounts_HaveTheirRolesAndAgencies()
    {
        await using var scope = mall.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var officer = (await users.FindByEmailAsync(Accounts.DukcapilOfficer))!;
        Assert.True(await users.IsInRoleAsync(officer, Roles.Officer));
        Assert.NotNull(officer.AgencyId);
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(Accounts.Regent))!, Roles.Executive));
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(Accounts.Citizen))!, Roles.Citizen));
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(Accounts.DukcapilHead))!, Roles.AgencyHead));
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(Accounts.DpmptspOfficer))!, Roles.Officer));
    }
}

/// <summary>With <c>Security:RequireTwoFactorForStaff</c> on, staff must turn on TOTP before they may manage anything.</summary>
public sealed class TwoFactorMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:RequireTwoFactorForStaff"] = "true" };
}

public sealed class TwoFactorTests(TwoFactorMall mall) : IClassFixture<TwoFactorMall>
{
    [Fact]
    public async Task StaffWithoutTotp_AreSentToSetUp_ThenSignInNeedsTheCode()
    {
        var client = await mall.PageClientForAsync(Accounts.Manager);
        var response = await client.GetAsync("/kelola/layanan");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/akun/dua-langkah", response.Headers.Location!.OriginalString);
        var api = await mall.ClientForAsync(Accounts.Manager);
        await (await api.GetAsync("/api/v1/agreements")).AssertProblemAsync(403);

        // Set up TOTP with the key the page shows and the enrolment code an administrator issued.
        var setup = await client.GetPageAsync("/akun/dua-langkah");
        var key = setup.QuerySelector("#kunci")!.TextContent.Replace(" ", "").ToUpperInvariant();
        var code = Totp(key, DateTimeOffset.UtcNow);
        response = await client.PostFormAsync("/akun/dua-langkah", null, new() { ["code"] = code, ["pendaftaran"] = await mall.EnrolmentCodeAsync(Accounts.Manager) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, (await response.ParseAsync()).QuerySelectorAll("#kode-pemulihan li").Length);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kelola/layanan")).StatusCode);

        // The API login now needs the code too.
        var plain = mall.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await plain.PostAsJsonAsync("/api/v1/identity/login", new { email = Accounts.Manager, password = MallFactory.DemoPassword })).StatusCode);
        var withCode = await plain.PostAsJsonAsync("/api/v1/identity/login", new { email = Accounts.Manager, password = MallFactory.DemoPassword, twoFactorCode = Totp(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);

        // Citizens are not asked.
        var citizen = await mall.PageClientForAsync(Accounts.Citizen);
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync("/layanan")).StatusCode);
    }

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 key, as an authenticator app computes it.</summary>
    internal static string Totp(string base32, DateTimeOffset now)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32.TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(now.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
#pragma warning disable CA5350 // TOTP (RFC 6238), as authenticator apps compute it, is HMAC-SHA1.
        var hash = new System.Security.Cryptography.HMACSHA1(key).ComputeHash(counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
