using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Applications;

[Collection(BrowserCollection.Name)]
public sealed class ApplicationJourneyTests(BrowserFixture mall)
{
    /// <summary>A real one-page PDF: uploads must open as what they claim to be.</summary>
    private static readonly byte[] Pdf = MakePdf();

    private static byte[] MakePdf()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.AddPage();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    [Fact]
    public async Task Citizen_AppliesAndUploads_OfficerApproves_CitizenDownloadsTheResult_WhichVerifiesAsGenuine()
    {
        // The citizen applies online for a KTP-el, without JavaScript, and uploads the family card.
        var citizen = await mall.NewPageAsync(javaScript: false);
        await mall.SignInAsync(citizen, "warga@demo.satuatap.id");
        await citizen.GotoAsync("/layanan/DKP-KTP");
        await citizen.GetByRole(AriaRole.Link, new() { Name = "Ajukan secara daring" }).ClickAsync();
        await citizen.WaitForLoadStateAsync();
        Assert.True(citizen.Url.EndsWith("/permohonan/ajukan/DKP-KTP", StringComparison.Ordinal), citizen.Url + ": " + await citizen.Locator("main").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(citizen);
        await citizen.GetByLabel("NIK", new() { Exact = false }).First.FillAsync("3202011505900001");
        await citizen.GetByLabel("Tanggal lahir").FillAsync("1990-05-15");
        await citizen.GetByLabel(new Regex("^Kartu Keluarga")).SetInputFilesAsync(new FilePayload { Name = "kk.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Ajukan permohonan" }).ClickAsync();
        // Waits for the posted form's answer (an upload is encrypted and stored; slow on a busy machine), not a load state.
        await citizen.WaitForURLAsync(new Regex("/permohonan/[0-9a-f-]{36}$"), new() { Timeout = 90_000 });
        Assert.True(Regex.IsMatch(citizen.Url, "/permohonan/[0-9a-f-]{36}$"), citizen.Url + ": " + await citizen.Locator("main").InnerTextAsync());
        Assert.Equal("Diajukan", (await citizen.Locator("#status").InnerTextAsync()).Trim());
        var applicationUrl = citizen.Url;
        var number = (await citizen.Locator("h1").InnerTextAsync()).Split(' ').Last();
        var checkCode = (await citizen.Locator("#kode-pemeriksa").InnerTextAsync()).Trim();
        Assert.Matches("^DKP-\\d{2}-[2-9A-HJKMNP-Z]{5}$", number);
        await BrowserFixture.AssertAccessibleAsync(citizen);

        // An officer of Disdukcapil, in a second browser context, claims, approves and issues it.
        var officer = await mall.NewPageAsync();
        await mall.SignInAsync(officer, "dukcapil@demo.satuatap.id");
        await officer.GotoAsync("/kelola/permohonan");
        await officer.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        foreach (var action in new[] { "Ambil (klaim)", "Setujui", "Terbitkan hasil" })
        {
            await officer.GetByRole(AriaRole.Button, new() { Name = action }).ClickAsync();
            await officer.Locator("[role=status]").WaitForAsync();
        }
        Assert.Contains("Siap diambil", await officer.Locator("#status").InnerTextAsync());

        // A KTP-el is a card: the citizen is told where, when and what to bring, downloads the pickup notice and opens
        // its verification page.
        await citizen.GotoAsync(applicationUrl);
        Assert.Equal("Siap diambil", (await citizen.Locator("#status").InnerTextAsync()).Trim());
        Assert.Contains("KTP-el siap diambil", await citizen.Locator("#pengambilan").InnerTextAsync());
        Assert.Contains("pemberitahuan pengambilan", await citizen.Locator("#hasil").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(citizen);
        var href = await citizen.Locator("#hasil").GetAttributeAsync("href");
        var pdf = await citizen.Context.APIRequest.GetAsync(mall.BaseUrl + href);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]));

        var anyone = await mall.NewPageAsync();
        var code = await citizen.Locator("a[href^='/verifikasi/']").InnerTextAsync();
        await anyone.GotoAsync("/verifikasi/" + code);
        Assert.Contains("Asli", await anyone.Locator("h2").First.InnerTextAsync());
        Assert.Contains("B*** S******", await anyone.Locator("dl").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(anyone);

        // Anyone with the number and the check code follows it; the code is typed into the form, not put in the address.
        await anyone.GotoAsync($"/lacak?nomor={number}");
        await anyone.Locator("#cek").FillAsync(checkCode);
        // Wait for the posted form's answer itself: the page before it is already loaded, so a load-state wait alone can return early.
        var tracked = await anyone.RunAndWaitForResponseAsync(() => anyone.GetByRole(AriaRole.Button, new() { Name = "Lacak" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/lacak", StringComparison.Ordinal));
        Assert.Equal(200, tracked.Status);
        await anyone.WaitForLoadStateAsync();
        Assert.DoesNotContain(checkCode, anyone.Url, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Siap diambil", await anyone.Locator("dl").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(anyone);
    }

    [Theory]
    [InlineData("/lacak")]
    [InlineData("/lacak?nomor=DKP-26-ZZZZZ")]
    [InlineData("/verifikasi")]
    [InlineData("/verifikasi/ZZZZZZZZZZ")]
    [InlineData("/akun/daftar")]
    [InlineData("/akun/verifikasi")]
    public async Task PublicApplicationPages_AreAccessible(string url)
    {
        var page = await mall.NewPageAsync();
        await page.GotoAsync(url);
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
