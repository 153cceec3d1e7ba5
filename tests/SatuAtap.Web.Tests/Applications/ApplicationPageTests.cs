using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Applications;

public sealed class ApplicationPageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static readonly HtmlParser Parser = new();

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var doc = Parser.ParseDocument(await client.GetStringAsync(url));
        return doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    [Fact]
    public async Task Register_WithEmailCode_ThenTheCitizenCanApply()
    {
        var browser = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var email = "baru@warga.test";
        var register = await browser.PostAsync("/akun/daftar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(browser, "/akun/daftar"),
            ["nama"] = "Dewi Lestari", ["email"] = email, ["password"] = "Rahasia#2026x", ["bahasa"] = "id",
        }));
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.StartsWith("/akun/verifikasi", register.Headers.Location!.ToString());

        string body;
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            body = (await db.OutboxMessages.SingleAsync(m => m.Recipient == email && m.EventCode == "account.verify")).Body;
        }
        var code = Regex.Match(body, @"\b\d{6}\b").Value;

        var wrong = await browser.PostAsync("/akun/verifikasi", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(browser, "/akun/verifikasi"), ["email"] = email, ["kode"] = code == "000000" ? "111111" : "000000",
        }));
        Assert.Contains("Kode salah", await wrong.Content.ReadAsStringAsync());
        var verified = await browser.PostAsync("/akun/verifikasi", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(browser, "/akun/verifikasi"), ["email"] = email, ["kode"] = code,
        }));
        // Verifying confirms the address only; the citizen then signs in with the password.
        Assert.Equal("/akun/masuk?terverifikasi=true", verified.Headers.Location!.ToString());
        var signedIn = await browser.PostFormAsync("/akun/masuk", null, new() { ["email"] = email, ["password"] = "Rahasia#2026x" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var form = Parser.ParseDocument(await browser.GetStringAsync("/permohonan/ajukan/DKP-KTP"));
        Assert.NotNull(form.QuerySelector("input[type=file]"));
        Assert.Contains("NIK", form.QuerySelector("form")!.TextContent);
    }

    [Fact]
    public async Task Tracking_And_Verification_Pages_Answer_WithoutSigningIn()
    {
        var anonymous = mall.CreateClient();
        var tracking = await anonymous.PostFormAsync("/lacak?nomor=DKP-26-ZZZZZ", null, new() { ["nomor"] = "DKP-26-ZZZZZ", ["cek"] = "K7M2QX" });
        Assert.Equal(HttpStatusCode.NotFound, tracking.StatusCode);
        Assert.Contains("tidak cocok", (await tracking.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        var verify = Parser.ParseDocument(await anonymous.GetStringAsync("/verifikasi/ZZZZZZZZZZ"));
        Assert.Contains("Tidak dikenal", verify.QuerySelector("h2")!.TextContent);
        var noRedirects = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var inbox = await noRedirects.GetAsync("/kelola/permohonan");
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.StartsWith("/akun/masuk", inbox.Headers.Location!.PathAndQuery);
    }
}
