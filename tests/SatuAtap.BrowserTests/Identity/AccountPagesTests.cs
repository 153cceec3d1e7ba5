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
    [InlineData(null, "/akun/masuk")]
    [InlineData(null, "/akun/daftar")]
    [InlineData(null, "/akun/lupa-sandi")]
    [InlineData(null, "/akun/sandi-baru?email=warga%40demo.satuatap.id")]
    [InlineData("admin@demo.satuatap.id", "/kelola/kotak-keluar")]
    [InlineData("admin@demo.satuatap.id", "/kelola")]
    [InlineData("bupati@demo.satuatap.id", "/kelola")]
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

    [Fact]
    public async Task ANewCitizen_Registers_ReadingTheCodeFromTheOutboxPage_AndSignsIn()
    {
        var citizen = await mall.NewPageAsync();
        await citizen.GotoAsync("/akun/masuk");
        await citizen.GetByRole(AriaRole.Link, new() { Name = "Daftar", Exact = true }).Last.ClickAsync();
        await citizen.GetByLabel("Nama lengkap").FillAsync("Nur Aini");
        await citizen.GetByLabel("Email").FillAsync("nur.aini@warga.test");
        await citizen.GetByLabel("Kata sandi").FillAsync("Rahasia#2026x");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Daftar" }).ClickAsync();
        await citizen.WaitForURLAsync("**/akun/verifikasi?email=*");

        var admin = await mall.NewPageAsync();
        await mall.SignInAsync(admin, "admin@demo.satuatap.id");
        await admin.WaitForURLAsync("**/kelola");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Kotak keluar (demo)" }).ClickAsync();
        var message = await admin.Locator(".outbox li", new() { HasText = "nur.aini@warga.test" }).First.InnerTextAsync();
        var code = System.Text.RegularExpressions.Regex.Match(message, @"Kode verifikasi email Anda: (\d{6})").Groups[1].Value;
        Assert.Matches(@"^\d{6}$", code);

        await citizen.GetByLabel("Kode verifikasi").FillAsync(code);
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Verifikasi" }).ClickAsync();
        await citizen.WaitForURLAsync("**/akun/masuk?terverifikasi=true");
        await citizen.GetByLabel("Email").FillAsync("nur.aini@warga.test");
        await citizen.GetByLabel("Kata sandi").FillAsync("Rahasia#2026x");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await citizen.WaitForURLAsync(mall.BaseUrl + "/");
        Assert.Equal(1, await citizen.GetByRole(AriaRole.Link, new() { Name = "Permohonan saya" }).CountAsync());
    }
}
