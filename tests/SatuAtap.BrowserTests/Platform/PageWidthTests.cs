using System.Text.Json;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Platform;

/// <summary>Pages the crawl cannot reach by links alone (a booking, a counter while it serves), and the performance page on a laptop.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWidthTests(BrowserFixture mall)
{
    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide at {widths[1]} px");
    }

    [Fact]
    public async Task BookingPage_FitsA360PxPhone()
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        var api = page.APIRequest;
        using var sites = JsonDocument.Parse(await (await api.GetAsync(mall.BaseUrl + "/api/v1/sites")).TextAsync());
        var site = sites.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "building").GetProperty("id").GetString();
        using var service = JsonDocument.Parse(await (await api.GetAsync(mall.BaseUrl + "/api/v1/services/DKP-KK")).TextAsync());
        var serviceId = service.RootElement.GetProperty("id").GetString();
        string? code = null;
        for (var day = 1; day <= 14 && code is null; day++)
        {
            var date = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(day)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            using var slots = JsonDocument.Parse(await (await api.GetAsync($"{mall.BaseUrl}/api/v1/sites/{site}/slots?serviceId={serviceId}&date={date}")).TextAsync());
            var slot = slots.RootElement.EnumerateArray().FirstOrDefault(s => s.GetProperty("remaining").GetInt32() > 0);
            if (slot.ValueKind != JsonValueKind.Object) continue;
            var booked = await api.PostAsync(mall.BaseUrl + "/api/v1/bookings", new()
            {
                DataObject = new { slotId = slot.GetProperty("id").GetString(), name = "Siti Aminah", phone = "081234567890", nik = "3202014501900003" },
            });
            Assert.Equal(201, booked.Status);
            using var booking = JsonDocument.Parse(await booked.TextAsync());
            code = booking.RootElement.GetProperty("code").GetString();
        }
        Assert.NotNull(code);

        await page.GotoAsync("/antrian/pesan/" + code);
        Assert.Equal(code, (await page.Locator("#kode").InnerTextAsync()).Trim());
        await AssertNoSidewaysScrollAsync(page);
    }

    [Fact]
    public async Task CounterPage_WhileServing_FitsA360PxPhone()
    {
        var page = await mall.NewPageAsync();
        var api = page.APIRequest;
        using var sites = JsonDocument.Parse(await (await api.GetAsync(mall.BaseUrl + "/api/v1/sites")).TextAsync());
        var site = sites.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "building").GetProperty("id").GetString();
        using var service = JsonDocument.Parse(await (await api.GetAsync(mall.BaseUrl + "/api/v1/services/DKP-AKTA-MATI")).TextAsync());
        var created = await api.PostAsync($"{mall.BaseUrl}/api/v1/sites/{site}/tickets", new() { DataObject = new { serviceId = service.RootElement.GetProperty("id").GetString() } });
        Assert.Equal(201, created.Status);

        await page.SetViewportSizeAsync(360, 740);
        await mall.SignInAsync(page, "dukcapil@demo.satuatap.id");
        await page.GotoAsync("/kelola/antrian");
        await page.GetByRole(AriaRole.Link, new() { Name = "Loket 1" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Panggil berikutnya" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mulai layani" }).ClickAsync();
        await page.Locator("#serviceId").WaitForAsync(); // the transfer form, with every service of the agency
        await AssertNoSidewaysScrollAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Selesai" }).ClickAsync();
    }

    [Fact]
    public async Task PerformancePage_ShowsItsButton_OnALaptop()
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 800);
        await mall.SignInAsync(page, "pengelola@demo.satuatap.id");
        await page.GotoAsync("/kelola/permohonan/kinerja");
        await AssertNoSidewaysScrollAsync(page);
        var button = await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).BoundingBoxAsync();
        Assert.NotNull(button);
        Assert.True(button.X >= 0 && button.X + button.Width <= 1366, $"the button is at {button.X}–{button.X + button.Width} px");
    }
}
