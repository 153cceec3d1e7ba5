using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Insights;

/// <summary>The performance pages without JavaScript on the narrowest phone (360 × 740): the regent filters the
/// dashboard and reads the trend; the public page from the footer; no sideways scroll; axe scans.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightsJourneyTests(BrowserFixture mall)
{
    private static async Task AssertFitsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide on a {widths[1]} px screen");
    }

    [Fact]
    public async Task Regent_WithoutJavaScript_FiltersTheDashboard_AndReadsTheTrendAndItsTable()
    {
        var page = await mall.NewPageAsync(javaScript: false);
        await page.SetViewportSizeAsync(360, 740);
        await mall.SignInAsync(page, "bupati@demo.satuatap.id");
        await page.GotoAsync("/kelola");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dasbor kinerja MPP" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/kelola/kinerja$"));

        await page.GetByLabel("Ukuran tren").SelectOptionAsync("waitP50");
        await page.GetByLabel("Per", new() { Exact = true }).SelectOptionAsync("day");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("metric=waitP50"));

        Assert.Contains("Waktu tunggu median", await page.Locator("#tren").InnerTextAsync());
        Assert.True(await page.Locator("#tren-grafik svg.chart").IsVisibleAsync());
        Assert.Equal(30, await page.Locator("#deret tbody tr").CountAsync()); // the default period: the last 30 days
        Assert.True(await page.Locator("#banding").IsVisibleAsync());
        Assert.True(await page.Locator("#per-instansi").IsVisibleAsync());
        Assert.Matches(@"^\d+$", (await page.Locator("#served").InnerTextAsync()).Trim());
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "XLSX", Exact = true }).CountAsync());
        await AssertFitsAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Public_WithoutJavaScript_FromTheFooter_FitsAPhone_AndIsAccessible()
    {
        var page = await mall.NewPageAsync(javaScript: false);
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kinerja MPP" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/kinerja$"));

        Assert.Equal("Kinerja Mal Pelayanan Publik", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("#per-bulan").IsVisibleAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "JSON", Exact = true }).CountAsync());
        await AssertFitsAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync("/kinerja?lang=en");
        Assert.Equal("How the public service mall performs", (await page.Locator("h1").InnerTextAsync()).Trim());
        await AssertFitsAsync(page);
    }
}
