using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Identity;

/// <summary>The mall of a demo without a mail server: administrators may read the outbox.</summary>
public sealed class OutboxPageMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:OutboxPage"] = "true" };
}

/// <summary>A mall without demo data (and so without the demo banner).</summary>
public sealed class NoDemoMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Seed"] = "false" };
}

/// <summary>Registering, confirming and recovering an account can be finished by a person on their own, in their language.</summary>
public sealed class AccountHelpTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private const string Good = "Rahasia#2026x";

    private HttpClient Browser() => mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<List<string>> CodesAsync(string email, string eventCode)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        return (await db.OutboxMessages.Where(m => m.Recipient == email && m.EventCode == eventCode).OrderBy(m => m.CreatedAtUtc).Select(m => m.Body).ToListAsync())
            .Select(b => Regex.Match(b, @"\b\d{6}\b").Value).ToList();
    }

    private async Task RegisterAsync(HttpClient browser, string email)
    {
        var response = await browser.PostFormAsync("/akun/daftar", null, new() { ["nama"] = "Dewi Lestari", ["email"] = email, ["password"] = Good, ["bahasa"] = "id" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> AlertAsync(HttpResponseMessage response) =>
        (await response.ParseAsync()).QuerySelector("[role=alert]")?.TextContent ?? "(no alert)";

    [Fact]
    public async Task TheRegistrationForm_StatesThePasswordRules_AndAWeakPasswordIsRefusedInTheReadersLanguage()
    {
        var browser = Browser();
        var form = await browser.GetPageAsync("/akun/daftar");
        var rules = form.QuerySelector("#aturan-sandi")!.TextContent;
        Assert.Contains("Paling sedikit 8 karakter", rules);
        Assert.Contains("huruf besar", rules);
        Assert.Contains("simbol", rules);
        Assert.Equal("aturan-sandi", form.QuerySelector("#password")!.GetAttribute("aria-describedby"));
        Assert.NotNull(form.QuerySelector("a[href='/akun/masuk']"));

        var weak = await browser.PostFormAsync("/akun/daftar", null, new() { ["nama"] = "Dewi", ["email"] = "lemah@warga.test", ["password"] = "abcdefgh1", ["bahasa"] = "id" });
        var message = await AlertAsync(weak);
        Assert.Contains("huruf besar", message);
        Assert.Contains("simbol", message);
        Assert.DoesNotContain("Passwords must", message);

        var english = Browser();
        await english.GetAsync("/bahasa/en?kembali=/");
        var inEnglish = await AlertAsync(await english.PostFormAsync("/akun/daftar", null,
            new() { ["nama"] = "Dewi", ["email"] = "weak@warga.test", ["password"] = "abcdefgh1", ["bahasa"] = "en" }));
        Assert.Contains("upper-case letter", inEnglish);
        Assert.Contains("At least 8 characters", (await english.GetPageAsync("/akun/daftar")).QuerySelector("#aturan-sandi")!.TextContent);
    }

    [Fact]
    public async Task SignIn_LinksToRegister_AndToAForgottenPassword_AndRegisterLinksBack()
    {
        var page = await Browser().GetPageAsync("/akun/masuk");
        Assert.NotNull(page.QuerySelector("a[href='/akun/daftar']"));
        Assert.NotNull(page.QuerySelector("a[href='/akun/lupa-sandi']"));
        Assert.NotNull(page.QuerySelector("a[href='/akun/verifikasi']"));
    }

    [Fact]
    public async Task TheCodeCanBeSentAgain_ToAnUnconfirmedAccountOnly_WithTheSameAnswerForAnyAddress()
    {
        var browser = Browser();
        await RegisterAsync(browser, "lagi@warga.test");
        var again = await browser.PostFormAsync("/akun/verifikasi?email=lagi%40warga.test", "KirimUlang", new() { ["email"] = "lagi@warga.test" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var said = (await again.ParseAsync()).QuerySelector("[role=status]")!.TextContent;
        Assert.Contains("kode baru sudah kami kirim", said);
        var codes = await CodesAsync("lagi@warga.test", "account.verify");
        Assert.Equal(2, codes.Count);
        Assert.All(codes, c => Assert.Matches(@"^\d{6}$", c));

        // A confirmed account and an unknown address get the same words, and nothing is sent.
        foreach (var email in new[] { Accounts.Citizen, "tidak.ada@warga.test" })
        {
            var other = await browser.PostFormAsync("/akun/verifikasi", "KirimUlang", new() { ["email"] = email });
            Assert.Equal(said, (await other.ParseAsync()).QuerySelector("[role=status]")!.TextContent);
            Assert.Empty(await CodesAsync(email, "account.verify"));
        }
    }

    [Fact]
    public async Task AForgottenPassword_IsReplacedWithTheCodeSentToTheAddress_OnceOnly()
    {
        var browser = Browser();
        await RegisterAsync(browser, "lupa@warga.test");

        var asked = await browser.PostFormAsync("/akun/lupa-sandi", null, new() { ["email"] = "lupa@warga.test" });
        Assert.Equal("/akun/sandi-baru?email=lupa%40warga.test", asked.Headers.Location!.ToString());
        var code = Assert.Single(await CodesAsync("lupa@warga.test", "account.password-reset"));
        Assert.Matches(@"^\d{6}$", code);
        var form = await browser.GetPageAsync("/akun/sandi-baru?email=lupa%40warga.test");
        Assert.Contains("huruf besar", form.QuerySelector("#aturan-sandi")!.TextContent);

        Task<HttpResponseMessage> ResetAsync(string withCode, string password) =>
            browser.PostFormAsync("/akun/sandi-baru?email=lupa%40warga.test", null, new() { ["email"] = "lupa@warga.test", ["kode"] = withCode, ["password"] = password });

        Assert.Contains("Kode salah", await AlertAsync(await ResetAsync(code == "000000" ? "111111" : "000000", "Baru#2026sandi")));
        Assert.Contains("angka", await AlertAsync(await ResetAsync(code, "Baru#sandi")));
        var done = await ResetAsync(code, "Baru#2026sandi");
        Assert.Equal("/akun/masuk?sandi=baru", done.Headers.Location!.ToString());
        Assert.Contains("Kata sandi baru Anda sudah tersimpan", (await browser.GetPageAsync("/akun/masuk?sandi=baru")).QuerySelector("[role=status]")!.TextContent);

        // The new password signs in, the old one does not, and the code is void now that the password changed.
        Assert.Equal(HttpStatusCode.Redirect, (await Browser().PostFormAsync("/akun/masuk", null, new() { ["email"] = "lupa@warga.test", ["password"] = "Baru#2026sandi" })).StatusCode);
        Assert.Contains("salah", await AlertAsync(await Browser().PostFormAsync("/akun/masuk", null, new() { ["email"] = "lupa@warga.test", ["password"] = Good })));
        Assert.Contains("Kode salah", await AlertAsync(await ResetAsync(code, "Lagi#2026sandi")));
        await using var scope = mall.Scope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync("lupa@warga.test"))!.EmailConfirmed);
    }

    [Fact]
    public async Task AnUnknownAddress_GetsTheSameAnswer_AndNoMessage()
    {
        var asked = await Browser().PostFormAsync("/akun/lupa-sandi", null, new() { ["email"] = "siapa@warga.test" });
        Assert.Equal("/akun/sandi-baru?email=siapa%40warga.test", asked.Headers.Location!.ToString());
        Assert.Empty(await CodesAsync("siapa@warga.test", "account.password-reset"));
        var notAnAddress = await Browser().PostFormAsync("/akun/lupa-sandi", null, new() { ["email"] = "bukan alamat" });
        Assert.Equal(HttpStatusCode.OK, notAnAddress.StatusCode);
        Assert.Contains("email yang valid", await AlertAsync(notAnAddress));
    }

    [Fact]
    public async Task WrongResetCodes_CountTowardTheLockout()
    {
        var browser = Browser();
        await RegisterAsync(browser, "tebak.sandi@warga.test");
        await browser.PostFormAsync("/akun/lupa-sandi", null, new() { ["email"] = "tebak.sandi@warga.test" });
        var code = Assert.Single(await CodesAsync("tebak.sandi@warga.test", "account.password-reset"));
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 10; i++)
            await browser.PostFormAsync("/akun/sandi-baru", null, new() { ["email"] = "tebak.sandi@warga.test", ["kode"] = wrong, ["password"] = "Baru#2026sandi" });
        var locked = await browser.PostFormAsync("/akun/sandi-baru", null, new() { ["email"] = "tebak.sandi@warga.test", ["kode"] = code, ["password"] = "Baru#2026sandi" });
        Assert.Contains("dikunci", await AlertAsync(locked));
    }

    [Theory]
    [InlineData(Accounts.DukcapilOfficer, "/kelola")]
    [InlineData(Accounts.Regent, "/kelola")]
    [InlineData(Accounts.Citizen, "/")]
    public async Task WithoutAReturnAddress_StaffLandOnTheirHome_AndCitizensOnTheMall(string email, string landing)
    {
        var response = await Browser().PostFormAsync("/akun/masuk", null, new() { ["email"] = email, ["password"] = MallFactory.DemoPassword });
        Assert.Equal(landing, response.Headers.Location!.ToString());
        var back = await Browser().PostFormAsync("/akun/masuk?kembali=%2Flayanan", null, new() { ["email"] = email, ["password"] = MallFactory.DemoPassword, ["kembali"] = "/layanan" });
        Assert.Equal("/layanan", back.Headers.Location!.ToString());
    }

    [Fact]
    public async Task TheStaffHome_ShowsWhatEachRoleDoes()
    {
        static async Task<List<string>> LinksAsync(HttpClient c) =>
            (await c.GetPageAsync("/kelola")).QuerySelectorAll(".cards a").Select(a => a.GetAttribute("href")!).ToList();

        var officer = await LinksAsync(await mall.PageClientForAsync(Accounts.DukcapilOfficer));
        Assert.Equal(["/kelola/permohonan", "/kelola/antrian"], officer.Take(2));
        Assert.DoesNotContain("/kelola/permohonan/kinerja", officer);

        var regent = await mall.PageClientForAsync(Accounts.Regent);
        var regentLinks = await LinksAsync(regent);
        Assert.Equal("/kelola/permohonan/kinerja", regentLinks[0]);
        Assert.Contains("/kelola/antrian", regentLinks);
        Assert.DoesNotContain("/kelola/layanan", regentLinks);
        var queue = await regent.GetPageAsync("/kelola/antrian");
        Assert.DoesNotContain("Pilih loket", queue.Body!.TextContent);
        Assert.DoesNotContain("Tidak ada loket", queue.Body!.TextContent);

        var manager = await LinksAsync(await mall.PageClientForAsync(Accounts.Manager));
        Assert.Contains("/kelola/instansi", manager);
        Assert.Contains("/kelola/antrian", manager);
        // The outbox page is off outside Development unless switched on.
        Assert.DoesNotContain("/kelola/kotak-keluar", await LinksAsync(await mall.PageClientForAsync(Accounts.Administrator)));
        Assert.Equal(HttpStatusCode.NotFound, (await (await mall.PageClientForAsync(Accounts.Administrator)).GetAsync("/kelola/kotak-keluar")).StatusCode);
    }

    [Fact]
    public async Task TheMallHasAnIcon_AndAManifestForAPhonesHomeScreen()
    {
        var browser = Browser();
        var icon = await browser.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType!.MediaType);
        var ico = await browser.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.MovedPermanently, ico.StatusCode);
        Assert.Equal("/favicon.svg", ico.Headers.Location!.ToString());

        var manifest = await browser.GetAsync("/manifest.webmanifest");
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await manifest.Content.ReadAsStringAsync());
        Assert.Equal("SatuAtap MPP Kab. Sukabumi", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("/", json.RootElement.GetProperty("start_url").GetString());
        Assert.Equal("/favicon.svg", json.RootElement.GetProperty("icons")[0].GetProperty("src").GetString());

        var home = await browser.GetPageAsync("/");
        Assert.Equal("/favicon.svg", home.QuerySelector("link[rel=icon]")!.GetAttribute("href"));
        Assert.Equal("/manifest.webmanifest", home.QuerySelector("link[rel=manifest]")!.GetAttribute("href"));
        Assert.Contains("Demo:Password", home.QuerySelector(".demo-banner")!.TextContent);
    }
}

/// <summary>The outbox page, where a demo without a mail server reads its registration codes.</summary>
public sealed class OutboxPageTests(OutboxPageMall mall) : IClassFixture<OutboxPageMall>
{
    [Fact]
    public async Task AnAdministrator_ReadsARegistrationCode_AndNobodyElseMay()
    {
        var browser = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await browser.PostFormAsync("/akun/daftar", null, new() { ["nama"] = "Rina", ["email"] = "rina@warga.test", ["password"] = "Rahasia#2026x", ["bahasa"] = "id" });

        var admin = await mall.PageClientForAsync(Accounts.Administrator);
        Assert.Contains("/kelola/kotak-keluar", (await admin.GetPageAsync("/kelola")).QuerySelectorAll(".cards a").Select(a => a.GetAttribute("href")));
        var page = await admin.GetPageAsync("/kelola/kotak-keluar");
        var entry = page.QuerySelectorAll(".outbox li").First(li => li.TextContent.Contains("rina@warga.test"));
        Assert.Matches(@"Kode verifikasi email Anda: \d{6}", entry.TextContent);

        foreach (var who in new[] { Accounts.Manager, Accounts.DukcapilOfficer, Accounts.Citizen })
        {
            var refused = await (await mall.PageClientForAsync(who)).GetAsync("/kelola/kotak-keluar");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/akun/ditolak", refused.Headers.Location!.PathAndQuery);
        }
        var anonymous = await browser.GetAsync("/kelola/kotak-keluar");
        Assert.StartsWith("/akun/masuk", anonymous.Headers.Location!.PathAndQuery);
    }
}

public sealed class DemoBannerTests(NoDemoMall mall) : IClassFixture<NoDemoMall>
{
    [Fact]
    public async Task WithoutDemoData_ThereIsNoDemoBanner()
    {
        var response = await mall.CreateClient().GetAsync("/layanan");
        Assert.Null((await response.ParseAsync()).QuerySelector(".demo-banner"));
    }
}
