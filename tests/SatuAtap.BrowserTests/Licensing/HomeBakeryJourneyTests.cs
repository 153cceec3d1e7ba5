using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Licensing;

[Collection(BrowserCollection.Name)]
public sealed class HomeBakeryJourneyTests(BrowserFixture mall)
{
    private static readonly byte[] Pdf = MakePdf();

    private static byte[] MakePdf()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.AddPage();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} scrolls sideways: {widths[0]} > {widths[1]}");
    }

    [Fact]
    public async Task A_home_bakery_goes_from_the_navigator_to_a_submitted_bundle_on_a_phone()
    {
        var page = await mall.NewPageAsync(javaScript: false);
        await page.SetViewportSizeAsync(360, 740);
        await mall.SignInAsync(page, "warga@demo.satuatap.id");

        // The navigator: find the activity by everyday words, answer, read the permits.
        await page.GotoAsync("/izin-usaha?q=kue+rumahan&aksi=cari");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Locator("input[name=kbli][value='10710']").CheckAsync();
        await page.GetByLabel("Modal usaha di luar tanah dan bangunan (Rp)").FillAsync("50000000");
        await page.GetByLabel("Kecamatan tempat usaha").SelectOptionAsync("Palabuhanratu");
        await page.GetByLabel("Desa/kelurahan tempat usaha").FillAsync("Citepus");
        await page.Locator("input[name=usesBuilding][value=false]").CheckAsync();
        await page.Locator("input[name=homeFood][value=true]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lihat izin yang diperlukan" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        var result = await page.Locator("main").InnerTextAsync();
        Assert.True(result.Contains("Izin yang diperlukan", StringComparison.Ordinal), result);
        Assert.Contains("Nomor Induk Berusaha (NIB)", result, StringComparison.Ordinal);
        Assert.Contains("SPP-IRT", result, StringComparison.Ordinal);
        Assert.Contains("bukan keputusan hukum", result, StringComparison.Ordinal);
        Assert.Contains("Citepus", await page.Locator("section dl").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoSidewaysScrollAsync(page);

        // One form for every permit: each field once.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajukan semua izin sekaligus" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Contains("/izin-usaha/ajukan", page.Url, StringComparison.Ordinal);
        Assert.Equal("Citepus", await page.GetByLabel("Desa/kelurahan tempat usaha").InputValueAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoSidewaysScrollAsync(page);
        foreach (var (label, value) in new[]
                 {
                     ("NIK", "3202011505900001"), ("NPWP", "12.345.678.9-405.000"), ("Alamat lokasi usaha", "Kp. Citepus, Palabuhanratu"),
                     ("Kegiatan usaha (KBLI) dan modal usaha", "10710, Rp 50.000.000"), ("Alamat surel", "warga@demo.satuatap.id"), ("Nomor ponsel aktif", "081234567890"),
                     ("Nomor Induk Berusaha (NIB)", "dalam proses"), ("Akun SIHALAL", "warga@demo.satuatap.id"), ("Nama dan jenis produk pangan", "Kue bolu"),
                 })
            await page.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Buat bundel permohonan" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.True(Regex.IsMatch(page.Url, "/izin-usaha/bundel/[0-9a-f-]{36}$"), page.Url + ": " + await page.Locator("main").InnerTextAsync());
        Assert.Matches("LS-\\d{2}-[2-9A-HJKMNP-Z]{5}", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Citepus", await page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoSidewaysScrollAsync(page);

        // Each document once, then submit the whole bundle.
        var uploads = page.Locator("form:has(input[type=file])");
        var count = await uploads.CountAsync();
        Assert.True(count >= 5, $"{count} documents");
        for (var i = 0; i < count; i++)
        {
            var form = page.Locator("form:has(input[type=file])").Nth(i);
            await form.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "dokumen.pdf", MimeType = "application/pdf", Buffer = Pdf });
            await form.GetByRole(AriaRole.Button, new() { Name = "Unggah" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            Assert.Contains("Dokumen diterima", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajukan semua permohonan" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        var done = await page.Locator("main").InnerTextAsync();
        Assert.True(done.Contains("Bundel sudah diajukan", StringComparison.Ordinal), done);
        Assert.Contains("Dalam proses", done, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoSidewaysScrollAsync(page);

        // The staff see it on their page.
        var officer = await mall.NewPageAsync();
        await officer.SetViewportSizeAsync(360, 740);
        await mall.SignInAsync(officer, "dpmptsp@demo.satuatap.id");
        await officer.GotoAsync("/kelola/izin-usaha");
        Assert.Contains("Kemajuan per instansi", await officer.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Citepus", await officer.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(officer);
        await AssertNoSidewaysScrollAsync(officer);

        // The manager's view adds the table import.
        var manager = await mall.NewPageAsync();
        await manager.SetViewportSizeAsync(360, 740);
        await mall.SignInAsync(manager, "pengelola@demo.satuatap.id");
        await manager.GotoAsync("/kelola/izin-usaha");
        Assert.Equal(1, await manager.Locator("input[type=file]").CountAsync());
        await BrowserFixture.AssertAccessibleAsync(manager);
        await AssertNoSidewaysScrollAsync(manager);
    }

    [Fact]
    public async Task An_officer_makes_a_bundle_for_an_owner_on_a_phone_and_is_asked_for_the_owners_code()
    {
        var page = await mall.NewPageAsync(javaScript: false);
        await page.SetViewportSizeAsync(360, 740);
        await mall.SignInAsync(page, "dpmptsp@demo.satuatap.id");
        await page.GotoAsync("/izin-usaha?aksi=nilai&kbli=10710&capitalRupiah=50000000&district=Palabuhanratu&usesBuilding=false&homeFood=true");
        await page.GetByRole(AriaRole.Link, new() { Name = "Buat bundel atas nama pelaku usaha (petugas)" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Contains("/kelola/izin-usaha/atas-nama", page.Url, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoSidewaysScrollAsync(page);

        // The owner's own details, then the applications' fields (which ask for a NIK too): each in its own group.
        var owner = page.GetByRole(AriaRole.Group, new() { Name = "Pelaku usaha" });
        await owner.GetByLabel("Nama lengkap").FillAsync("Dewi Lestari");
        await owner.GetByLabel("NIK", new() { Exact = true }).FillAsync("3202015506880004");
        await owner.GetByLabel("Alamat email (kode konfirmasi dikirim ke sini)").FillAsync("dewi.kue@example.test");
        var fields = page.GetByRole(AriaRole.Group, new() { Name = "Isian" });
        foreach (var (label, value) in new[]
                 {
                     ("NIK", "3202015506880004"), ("NPWP", "12.345.678.9-405.000"), ("Alamat lokasi usaha", "Kp. Citepus, Palabuhanratu"),
                     ("Kegiatan usaha (KBLI) dan modal usaha", "10710, Rp 50.000.000"), ("Alamat surel", "dewi.kue@example.test"),
                     ("Nomor ponsel aktif", "081234567890"), ("Nomor Induk Berusaha (NIB)", "dalam proses"), ("Akun SIHALAL", "dewi.kue@example.test"),
                     ("Nama dan jenis produk pangan", "Kue bolu"),
                 })
            await fields.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Buat bundel dan kirim kode kepada pemohon" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.True(Regex.IsMatch(page.Url, "/kelola/izin-usaha/atas-nama/[0-9a-f-]{36}$"), page.Url + ": " + await page.Locator("main").InnerTextAsync());
        Assert.Contains("Menunggu konfirmasi pemohon", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoSidewaysScrollAsync(page);

        // A wrong code comes back beside the field, counted.
        await page.GetByLabel("Kode dari pemohon").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Konfirmasi" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Contains("Sisa percobaan: 4", await page.Locator("#kode_e").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoSidewaysScrollAsync(page);
    }
}
