using System.Text.Json;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Feedback;

/// <summary>
/// On the narrowest phone (360 px): a finished ticket is rated through its survey link, and a complaint is filed and
/// followed; each page fits the screen and passes an axe scan.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedbackJourneyTests(BrowserFixture mall)
{
    private async Task<IPage> PhoneAsync()
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        return page;
    }

    private static async Task AssertFitsAndAccessibleAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide on a {widths[1]} px screen");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_finished_ticket_is_rated_from_the_phone()
    {
        var phone = await PhoneAsync();
        var sites = await phone.APIRequest.GetAsync(mall.BaseUrl + "/api/v1/sites");
        using var siteJson = JsonDocument.Parse(await sites.TextAsync());
        var site = siteJson.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "building").GetProperty("id").GetString();
        var service = await phone.APIRequest.GetAsync(mall.BaseUrl + "/api/v1/services/PTSP-SPPIRT");
        using var serviceJson = JsonDocument.Parse(await service.TextAsync());
        var issued = await phone.APIRequest.PostAsync(mall.BaseUrl + $"/api/v1/sites/{site}/tickets",
            new() { DataObject = new { serviceId = serviceJson.RootElement.GetProperty("id").GetString() } });
        using var ticketJson = JsonDocument.Parse(await issued.TextAsync());
        var ticket = ticketJson.RootElement.GetProperty("id").GetString();

        var officer = await mall.NewPageAsync();
        await mall.SignInAsync(officer, "dpmptsp@demo.satuatap.id");
        await officer.GotoAsync("/kelola/antrian");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Loket 3" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Panggil berikutnya" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Mulai layani" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Selesai" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Panggil berikutnya" }).WaitForAsync();

        await phone.GotoAsync($"/antrian/tiket/{ticket}");
        var link = await phone.Locator("#survei a.button").GetAttributeAsync("href");
        Assert.NotNull(link);
        await AssertFitsAndAccessibleAsync(phone);
        await phone.GotoAsync(new Uri(link!).AbsolutePath);
        await AssertFitsAndAccessibleAsync(phone);
        foreach (var element in Enumerable.Range(1, 9))
            await phone.Locator($"input[name=u{element}][value='{(element == 3 ? 2 : 4)}']").CheckAsync();
        await phone.GetByLabel("Perempuan").CheckAsync();
        await phone.GetByLabel("Saran atau komentar").FillAsync("Petugas ramah, antrian cepat.");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Kirim penilaian" }).ClickAsync();
        await phone.Locator("#terima-kasih").WaitForAsync();
        await AssertFitsAndAccessibleAsync(phone);
    }

    [Fact]
    public async Task A_complaint_is_found_filed_and_followed_from_the_phone()
    {
        var phone = await PhoneAsync();
        await phone.GotoAsync("/layanan?q=keluhan");
        await phone.Locator("#pengaduan a").ClickAsync();
        await phone.WaitForURLAsync("**/pengaduan");
        await AssertFitsAndAccessibleAsync(phone);
        await phone.GetByLabel("Isi pengaduan (wajib)").FillAsync("Ruang tunggu lantai satu sangat panas siang hari.");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Kirim pengaduan" }).ClickAsync();
        var number = (await phone.Locator("#nomor").InnerTextAsync()).Trim();
        Assert.StartsWith("ADU-", number);
        await AssertFitsAndAccessibleAsync(phone);

        await phone.GetByRole(AriaRole.Link, new() { Name = "Ikuti pengaduan ini" }).ClickAsync();
        await phone.Locator("#status").WaitForAsync();
        Assert.Contains("menunggu verifikasi", await phone.Locator("#status").InnerTextAsync());
        await AssertFitsAndAccessibleAsync(phone);

        var desk = await mall.NewPageAsync();
        await desk.SetViewportSizeAsync(360, 740);
        await mall.SignInAsync(desk, "pengelola@demo.satuatap.id");
        await desk.GotoAsync("/kelola/pengaduan");
        await desk.Locator($"#adu-{number}").WaitForAsync();
        await AssertFitsAndAccessibleAsync(desk);
        await desk.GotoAsync("/kelola/survei");
        await AssertFitsAndAccessibleAsync(desk);
    }

    [Fact]
    public async Task A_manager_issues_an_Open311_key_and_an_executive_reads_the_trend_on_a_phone()
    {
        var desk = await PhoneAsync();
        await mall.SignInAsync(desk, "pengelola@demo.satuatap.id");
        await desk.GotoAsync("/kelola/open311");
        await desk.FillAsync("#nama", "Aplikasi Lapor Desa");
        await desk.ClickAsync("form[action*='handler=Terbitkan'] button[type=submit]");
        await desk.Locator("#api-key").WaitForAsync();
        Assert.StartsWith("o311-", await desk.Locator("#api-key").InnerTextAsync());
        await AssertFitsAndAccessibleAsync(desk);

        var regent = await PhoneAsync();
        await mall.SignInAsync(regent, "bupati@demo.satuatap.id");
        await regent.GotoAsync("/kelola/survei?layanan=DKP-KTP");
        await regent.Locator("#tren svg").WaitForAsync();
        Assert.True(await regent.Locator("#tren svg rect").CountAsync() > 0);
        await AssertFitsAndAccessibleAsync(regent);
    }
}
