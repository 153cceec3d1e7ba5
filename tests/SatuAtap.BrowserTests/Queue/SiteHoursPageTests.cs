using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Queue;

/// <summary>The managers' opening-hours page on a phone: reached from the queue page, no sideways scroll, axe clean, a bad time shown beside its field.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SiteHoursPageTests(BrowserFixture mall)
{
    [Fact]
    public async Task A_manager_edits_the_hours_on_a_phone()
    {
        var page = await mall.NewPageAsync(javaScript: false);
        await page.SetViewportSizeAsync(360, 740);
        await mall.SignInAsync(page, "pengelola@demo.satuatap.id");
        await page.GotoAsync("/kelola/antrian");
        await page.GetByRole(AriaRole.Link, new() { Name = "Jam buka lokasi" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Contains("/kelola/antrian/jam-buka", page.Url, StringComparison.Ordinal);
        Assert.Equal("08:00", await page.GetByLabel("Jam buka (Senin)").InputValueAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoSidewaysScrollAsync(page);

        // Closing before opening: the form again with the message beside the field; nothing saved.
        await page.GetByLabel("Jam tutup (Senin)").FillAsync("07:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan jam buka" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Contains("Jam tutup harus setelah jam buka", await page.Locator("#tutup-e-1").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoSidewaysScrollAsync(page);

        // Put back as it was and saved: the page says so.
        await page.GetByLabel("Jam tutup (Senin)").FillAsync("15:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan jam buka" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Contains("Jam buka disimpan", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("15:00", await page.GetByLabel("Jam tutup (Senin)").InputValueAsync());
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} scrolls sideways: {widths[0]} > {widths[1]}");
    }
}
