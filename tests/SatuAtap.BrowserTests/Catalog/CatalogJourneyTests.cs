using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Catalog;

[Collection(BrowserCollection.Name)]
public sealed class CatalogJourneyTests(BrowserFixture mall)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Citizen_SearchesKtp_OpensTheService_SeesRequirementsAndCost(bool javaScript)
    {
        var page = await mall.NewPageAsync(javaScript);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Searchbox).FillAsync("ktp");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await page.WaitForURLAsync("**/layanan?q=ktp");
        var result = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("KTP-el") }).First;
        await result.ClickAsync();
        await page.WaitForURLAsync("**/layanan/DKP-KTP*");
        Assert.Contains("Persyaratan", await page.Locator("#persyaratan").InnerTextAsync());
        Assert.True(await page.Locator("#persyaratan + ul li").CountAsync() >= 2);
        Assert.Equal("Gratis", (await page.Locator("#biaya").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Visitor_SwitchesToEnglish_AndTheChoiceIsKept()
    {
        var page = await mall.NewPageAsync();
        await page.GotoAsync("/layanan/POL-SKCK");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.WaitForURLAsync("**/layanan/POL-SKCK");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("Requirements", await page.Locator("#persyaratan").InnerTextAsync());
        Assert.Contains("Rp 30.000", await page.Locator("#biaya").InnerTextAsync());
        await page.GotoAsync("/");
        Assert.Contains("Every public service", await page.Locator("h1").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Bahasa Indonesia" }).ClickAsync();
        Assert.Equal("id", await page.Locator("html").GetAttributeAsync("lang"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/layanan")]
    [InlineData("/layanan?q=ktp")]
    [InlineData("/layanan/DKP-KTP")]
    [InlineData("/layanan/POL-SKCK?lang=en")]
    [InlineData("/instansi")]
    [InlineData("/instansi/DUKCAPIL")]
    [InlineData("/akun/masuk")]
    [InlineData("/tidak-ada")]
    public async Task PublicPages_HaveNoSeriousAccessibilityViolations(string path)
    {
        var page = await mall.NewPageAsync();
        await page.GotoAsync(path);
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
