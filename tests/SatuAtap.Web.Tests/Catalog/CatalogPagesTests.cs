using System.Net;
using System.Net.Http.Json;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Catalog;

public sealed class CatalogPagesTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task SearchPage_ListsTheService_AndTheServicePageShowsTheSixComponents()
    {
        var client = mall.CreateClient();
        var results = await client.GetPageAsync("/layanan?q=skck");
        var link = results.QuerySelectorAll(".results a")[0];
        Assert.Equal("/layanan/POL-SKCK", link.GetAttribute("href"));
        var page = await client.GetPageAsync("/layanan/POL-SKCK");
        Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
        var text = page.Body!.TextContent;
        foreach (var heading in new[] { "Persyaratan", "Prosedur", "Jangka waktu", "Biaya", "Produk layanan", "Pengaduan, saran, dan masukan", "Dasar hukum" })
            Assert.Contains(heading, text);
        Assert.Equal("Rp 30.000", page.QuerySelector("#biaya")!.TextContent.Trim());
        Assert.Contains("Loket", text);
        Assert.Empty(page.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task FreeService_ShowsGratis_AndEnglishFallsBackToIndonesian()
    {
        var client = mall.CreateClient();
        var page = await client.GetPageAsync("/layanan/DKP-KTP");
        Assert.Equal("Gratis", page.QuerySelector("#biaya")!.TextContent.Trim());
        var english = await client.GetPageAsync("/layanan/DKP-KTP?lang=en");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Free", english.QuerySelector("#biaya")!.TextContent.Trim());
        // The legal basis has no translation: the Indonesian text is shown.
        var legalBasis = (await client.GetJsonAsync("/api/v1/services/DKP-KTP"))["standard"]!["legalBasis"]!.GetValue<string>();
        Assert.Contains(legalBasis, english.Body!.TextContent);
    }

    [Fact]
    public async Task PublicPages_AreLight_AndNeedNoJavaScript()
    {
        var client = mall.CreateClient();
        foreach (var url in new[] { "/", "/layanan", "/layanan?q=ktp", "/layanan/DKP-KTP", "/instansi", "/instansi/DUKCAPIL" })
        {
            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, url);
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < 60 * 1024, $"{url} weighs {html.Length} bytes");
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task UnknownPage_Is404WithAFriendlyPage()
    {
        var response = await mall.CreateClient().GetAsync("/layanan/TIDAK-ADA");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Halaman tidak ditemukan", (await response.ParseAsync()).Title);
    }

    [Fact]
    public async Task ManagerForm_ReShowsTheMessageBesideTheField_InTheUsersLanguage()
    {
        var client = await mall.PageClientForAsync(Accounts.Manager);
        var id = await CatalogApiTests.ServiceIdAsync(mall.CreateClient(), "DKP-PINDAH");
        var form = (await client.GetPageAsync($"/kelola/layanan/{id}")).Forms.First(f => f.Method == "post");
        var values = form.Values().With(new() { ["Form.Name"] = "", ["Form.Standard.CompletionWorkingDays"] = "-4" });
        var response = await client.PostAsync($"/kelola/layanan/{id}", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("Wajib diisi.", page.QuerySelector("#name-error")!.TextContent);
        Assert.Equal("name-error", page.QuerySelector("#name")!.GetAttribute("aria-describedby"));
        Assert.Contains("hari kerja", page.QuerySelector("#standard-completionWorkingDays-error")!.TextContent);

        // In English, the same message in English.
        response = await client.PostAsync($"/kelola/layanan/{id}?lang=en", new FormUrlEncodedContent(values));
        Assert.Equal("Required.", (await response.ParseAsync()).QuerySelector("#name-error")!.TextContent);
    }

    [Fact]
    public async Task ManagerForm_SavesAllFourteenComponents()
    {
        var client = await mall.PageClientForAsync(Accounts.Manager);
        var id = await CatalogApiTests.ServiceIdAsync(mall.CreateClient(), "DKP-AKTA-LAHIR");
        var form = (await client.GetPageAsync($"/kelola/layanan/{id}")).Forms.First(f => f.Method == "post");
        var values = form.Values().With(new()
        {
            ["Form.Standard.Internal.SafetyGuarantee"] = "Ruang tunggu dengan CCTV",
            ["Form.Standard.Requirements[0].Name"] = "Surat keterangan lahir dari bidan atau rumah sakit",
        });
        var response = await client.PostAsync($"/kelola/layanan/{id}", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var saved = await manager.GetJsonAsync($"/api/v1/services/{id}");
        Assert.Equal("Ruang tunggu dengan CCTV", saved["standard"]!["internal"]!["safetyGuarantee"]!.GetValue<string>());
        Assert.Equal("Surat keterangan lahir dari bidan atau rumah sakit", saved["standard"]!["requirements"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task StaffPages_AskForSignIn_AndCitizensAreRefused()
    {
        var anonymous = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/kelola/layanan");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/akun/masuk", response.Headers.Location!.PathAndQuery);
        var citizen = await mall.PageClientForAsync(Accounts.Citizen);
        response = await citizen.GetAsync("/kelola/perjanjian");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/akun/ditolak", response.Headers.Location!.PathAndQuery);
        var head = await mall.PageClientForAsync(Accounts.DukcapilHead);
        var list = await head.GetPageAsync("/kelola/layanan");
        Assert.All(list.QuerySelectorAll("tbody tr td:last-child"), td => Assert.Equal("DUKCAPIL", td.TextContent));
    }

    [Fact]
    public async Task ManagerPages_Render()
    {
        var client = await mall.PageClientForAsync(Accounts.Manager);
        // A change the audit page must show.
        var api = await mall.ClientForAsync(Accounts.Manager);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/calendar/holidays",
            new { date = "2029-06-06", kind = "national", name = "Libur uji halaman" })).StatusCode);
        // Each page: its heading and seeded content it lists by name.
        var expected = new (string Url, string Heading, string[] Shows)[]
        {
            ("/kelola", "Kelola", [Accounts.Manager, "/kelola/layanan", "/kelola/kalender", "/kelola/loket"]),
            ("/kelola/layanan", "Kelola layanan", ["Penerbitan Akta Kematian", "Pembayaran Pajak Kendaraan Bermotor (PKB) Tahunan", "DKP-AKTA-MATI"]),
            ("/kelola/layanan/baru", "Layanan baru", ["Dinas Kependudukan dan Pencatatan Sipil", "Identitas dan keluarga"]),
            ("/kelola/perjanjian", "Perjanjian kerja sama", ["415.4/001/MoU/DPMPTSP/VI/2024", "415.4/002/MoU/DPMPTSP/VI/2024"]),
            ("/kelola/perjanjian/baru", "Perjanjian baru", ["BPJS Ketenagakerjaan Kantor Cabang Sukabumi", "Berlaku sampai"]),
            ("/kelola/kalender?tahun=2026&mulai=2026-03-13&hari=5", "Kalender hari libur", ["Hari Suci Nyepi (Tahun Baru Saka 1948)", "Cuti Bersama Idul Fitri"]),
            ("/kelola/sinonim", "Sinonim pencarian", ["ktp", "kartu tanda penduduk", "kartu keluarga"]),
            ("/kelola/audit?jenis=Holiday", "Jejak audit", ["2029-06-06", Accounts.Manager]),
            ("/kelola/instansi", "Kelola instansi dan topik", ["Dinas Kependudukan dan Pencatatan Sipil", "BPJS Ketenagakerjaan Kantor Cabang Sukabumi", "Identitas dan keluarga"]),
            ("/kelola/loket", "Kelola loket", ["L01", "Loket 1", "Loket 2"]),
        };
        foreach (var (url, heading, shows) in expected)
        {
            var page = await client.GetPageAsync(url);
            Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
            var main = page.QuerySelector("main")!.InnerHtml;
            foreach (var text in shows)
                Assert.True(main.Contains(System.Net.WebUtility.HtmlEncode(text), StringComparison.Ordinal) || page.QuerySelector("main")!.TextContent.Contains(text, StringComparison.Ordinal), $"{url} shows {text}");
        }
        var calendar = await client.GetPageAsync("/kelola/kalender?tahun=2026&mulai=2026-03-13&hari=5");
        Assert.Contains("27 Maret 2026", calendar.QuerySelector("#jatuh-tempo")!.TextContent);
        // The clock says 30 November 2026 and the demo holds 2025–2026: the page asks for the next decree.
        Assert.Contains("2027 belum dicatat", calendar.QuerySelector("#tahun-kosong-2027")!.TextContent);
        Assert.Null(calendar.QuerySelector("#tahun-kosong-2026"));
        var agreements = await client.GetPageAsync("/kelola/perjanjian");
        Assert.NotEmpty(agreements.QuerySelectorAll("[aria-labelledby=segera-berakhir] li"));
    }

    [Fact]
    public async Task AgencyHead_AddsACounterForTheirAgency_ButNotForAnother()
    {
        var client = await mall.PageClientForAsync(Accounts.DukcapilHead);
        var page = await client.GetPageAsync("/kelola/loket");
        var ownAgency = ((AngleSharp.Html.Dom.IHtmlSelectElement)page.QuerySelector("#c-agency")!).Value!;
        Assert.Single(page.QuerySelectorAll("#c-agency option"));
        var response = await client.PostFormAsync("/kelola/loket", null, new() { ["Counter.Code"] = "L99", ["Counter.Name"] = "Loket 99", ["Counter.AgencyId"] = ownAgency });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Loket 99", (await client.GetPageAsync("/kelola/loket")).Body!.TextContent);
        var other = (await mall.CreateClient().GetJsonAsync("/api/v1/agencies")).AsArray().First(a => a!["code"]!.GetValue<string>() == "POLRES")!["id"]!.GetValue<string>();
        response = await client.PostFormAsync("/kelola/loket", null, new() { ["Counter.Code"] = "L98", ["Counter.Name"] = "Loket 98", ["Counter.AgencyId"] = other });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
