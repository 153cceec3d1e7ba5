using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Outreach;

/// <summary>The mobile unit's pages on the narrowest phone (360 px): the journey to a booking, and accessibility.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OutreachJourneyTests(BrowserFixture mall)
{
    [Fact]
    public async Task OnAPhone_FindTheNextVisitToSuradeWithIdCardServices_BookIt_AndSeeTheBooking()
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Jadwal lengkap, layanan dan pemesanan MPP keliling" }).ClickAsync();
        await page.GetByLabel("Layanan").SelectOptionAsync(new SelectOptionValue { Label = "Penerbitan Kartu Tanda Penduduk Elektronik (KTP-el) Baru" });
        await page.GetByLabel("Lokasi").SelectOptionAsync(new SelectOptionValue { Label = "Surade" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("layanan=DKP-KTP"));
        var first = page.Locator("ul.visits > li").First;
        var when = (await first.Locator("strong").InnerTextAsync()).Trim();
        Assert.Contains("WIB", when);
        Assert.Contains("Surade", await first.InnerTextAsync());

        await first.GetByRole(AriaRole.Link, new() { Name = "Pesan tempat" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/antrian/pesan\\?"));
        await page.Locator("input[name=slotId]:not([disabled])").First.CheckAsync();
        await page.GetByLabel("Nama").FillAsync("Ujang Suryana");
        await page.GetByLabel("Nomor HP").FillAsync("081355550101");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pesan", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/antrian/pesan/[A-Z0-9]+$"));
        Assert.Matches("^[A-Z0-9]{6,}$", (await page.Locator("#kode").InnerTextAsync()).Trim());
        var facts = await page.Locator("dl.facts").InnerTextAsync();
        Assert.Contains("MPP Keliling Surade", facts);
        Assert.Contains("Kartu Tanda Penduduk", facts);
        // The booked day is the day the schedule showed.
        Assert.Contains(Regex.Match(when, @"\d{1,2} \w+ \d{4}").Value, facts);
    }

    [Theory]
    [InlineData("/keliling")]
    [InlineData("/keliling?layanan=DKP-KTP&lokasi=surade")]
    [InlineData("/keliling/surade")]
    [InlineData("/keliling/surade/poster")]
    [InlineData("/keliling/surade?lang=en")]
    public async Task Page_FitsA360PxPhone_AndIsAccessible(string path)
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide on a {widths[1]} px screen");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task TheManagersPage_FitsA360PxPhone_AndIsAccessible()
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        await mall.SignInAsync(page, "pengelola@demo.satuatap.id");
        var response = await page.GotoAsync("/kelola/keliling");
        Assert.Equal(200, response!.Status);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"/kelola/keliling is {widths[0]} px wide on a {widths[1]} px screen");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
