using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Identity;

/// <summary>
/// The account, data-rights and security pages on the narrowest phone (360 px): nothing wider than the screen, and no
/// serious accessibility violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountPagesTests(BrowserFixture mall)
{
    [Theory]
    [InlineData(null, "/lacak")]
    [InlineData(null, "/akun/verifikasi")]
    [InlineData("warga@demo.satuatap.id", "/akun")]
    [InlineData("warga@demo.satuatap.id", "/akun/akses")]
    [InlineData("warga@demo.satuatap.id", "/akun/koreksi")]
    [InlineData("warga@demo.satuatap.id", "/akun/hapus")]
    [InlineData("warga@demo.satuatap.id", "/akun/dua-langkah")]
    [InlineData("pengelola@demo.satuatap.id", "/akun/dua-langkah")]
    [InlineData("pengelola@demo.satuatap.id", "/kelola/koreksi")]
    [InlineData("admin@demo.satuatap.id", "/kelola/petugas")]
    public async Task Page_FitsA360PxPhone_AndIsAccessible(string? account, string path)
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        if (account is not null) await mall.SignInAsync(page, account);
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide on a {widths[1]} px screen");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
