using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Licensing.LicensingDriver;

namespace SatuAtap.Web.Tests.Licensing;

/// <summary>
/// The village where the business runs, from the navigator to the bundle: asked on the navigator page, echoed in the
/// assessment and its PDF checklist, carried to the bundle form (and the officer's on-behalf form), stored and shown on
/// the bundle and the staff list; a bad one re-shows the form with the message and makes nothing.
/// </summary>
public sealed class VillageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private const string Answers = "kbli=10710&capitalRupiah=50000000&district=Palabuhanratu&usesBuilding=false&homeFood=true";

    private async Task<int> BundleCountAsync()
    {
        await using var scope = mall.Scope();
        return await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().LicensingBundles.CountAsync();
    }

    [Fact]
    public async Task The_assessment_and_its_checklist_echo_the_village_and_a_bad_one_is_400()
    {
        var client = mall.CreateClient();
        var body = HomeBakery();
        body["village"] = "  Kel.  Cibadak ";
        var answer = await (await client.PostJsonAsync("/api/v1/licensing/assessments", body)).ReadJsonAsync();
        Assert.Equal("Palabuhanratu", answer["districtName"]!.GetValue<string>());
        Assert.Equal("Kel. Cibadak", answer["village"]!.GetValue<string>());
        Assert.Null((await (await client.PostJsonAsync("/api/v1/licensing/assessments", HomeBakery())).ReadJsonAsync())["village"]);

        foreach (var bad in new[] { "x", "Cibadak<script>", new string('a', 101) })
        {
            body["village"] = bad;
            var problem = await (await client.PostJsonAsync("/api/v1/licensing/assessments", body)).AssertProblemAsync(400);
            Assert.NotNull(problem["errors"]!["village"]);
        }

        var pdf = await client.GetAsync("/api/v1/licensing/assessments/checklist.pdf?" + Answers + "&village=Sukaraja+II");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = string.Join(' ', SatuAtap.Tests.Documents.PdfReading.Text(await pdf.Content.ReadAsByteArrayAsync())
            .Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Desa/kelurahan Sukaraja II", text, StringComparison.Ordinal);
        var refused = await (await client.GetAsync("/api/v1/licensing/assessments/checklist.pdf?" + Answers + "&village=%3Cb%3E")).AssertProblemAsync(400);
        Assert.NotNull(refused["errors"]!["village"]);
    }

    [Fact]
    public async Task The_navigator_page_asks_the_village_and_carries_it_to_the_bundle()
    {
        var client = mall.CreateClient();
        var answer = await client.GetPageAsync("/izin-usaha?aksi=nilai&" + Answers + "&village=Cibadak");
        Assert.Equal("Cibadak", answer.QuerySelector("input#village")!.GetAttribute("value"));
        Assert.Contains("Cibadak", answer.QuerySelector("section dl")!.TextContent, StringComparison.Ordinal);
        var apply = answer.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").Single(h => h.StartsWith("/izin-usaha/ajukan?", StringComparison.Ordinal));
        Assert.Contains("village=Cibadak", apply, StringComparison.Ordinal);
        Assert.Contains(answer.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("/api/v1/licensing/assessments/checklist.pdf?", StringComparison.Ordinal)
            && (a.GetAttribute("href") ?? "").Contains("village=Cibadak", StringComparison.Ordinal));

        // A bad village: the form again, the message beside the field, the answer kept, no 500.
        var bad = await client.GetAsync("/izin-usaha?aksi=nilai&" + Answers + "&village=%3Cscript%3E");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await bad.ParseAsync();
        Assert.NotNull(badPage.QuerySelector("[role=alert]"));
        Assert.NotNull(badPage.QuerySelector("#village_e"));
        Assert.Equal("<script>", badPage.QuerySelector("input#village")!.GetAttribute("value"));

        // The bundle form has it filled in; a bad one there re-shows the form and makes nothing; a good one is kept.
        var citizen = await mall.PageClientForAsync(Accounts.Citizen);
        Assert.Equal("Cibadak", (await citizen.GetPageAsync(apply)).QuerySelector("input#village")!.GetAttribute("value"));
        var fields = BakeryFields().ToDictionary(f => "field:" + f.Key, f => f.Value!.GetValue<string>());
        var before = await BundleCountAsync();
        var refused = await citizen.PostFormAsync(apply, null, new Dictionary<string, string>(fields) { ["village"] = "Cibadak; DROP" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.ParseAsync();
        Assert.NotNull(refusedPage.QuerySelector("#village_e"));
        Assert.Equal("Cibadak; DROP", refusedPage.QuerySelector("input#village")!.GetAttribute("value"));
        Assert.Equal(before, await BundleCountAsync());

        var made = await citizen.PostFormAsync(apply, null, new Dictionary<string, string>(fields) { ["village"] = " Cibadak " });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var bundleUrl = made.Headers.Location!.OriginalString;
        var id = Guid.Parse(bundleUrl[(bundleUrl.LastIndexOf('/') + 1)..]);
        await using (var scope = mall.Scope())
            Assert.Equal("Cibadak", await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().LicensingBundles.Where(b => b.Id == id).Select(b => b.Village).SingleAsync());
        Assert.Contains("Cibadak", (await citizen.GetPageAsync(bundleUrl)).QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);

        // The staff list shows it beside the district.
        var staff = await mall.PageClientForAsync(Accounts.DpmptspOfficer);
        var row = (await staff.GetPageAsync("/kelola/izin-usaha")).QuerySelectorAll("tr").Single(r => r.QuerySelector("td") is not null
            && r.TextContent.Contains("Cibadak", StringComparison.Ordinal));
        Assert.Contains("Palabuhanratu", row.TextContent, StringComparison.Ordinal);
        var listed = await (await (await mall.ClientForAsync(Accounts.DpmptspOfficer)).GetAsync("/api/v1/licensing/bundles")).ReadJsonAsync();
        Assert.Contains(listed["items"]!.AsArray(), b => b!["id"]!.GetValue<string>() == id.ToString() && b["village"]!.GetValue<string>() == "Cibadak");
    }

    [Fact]
    public async Task The_officers_on_behalf_form_asks_the_village()
    {
        var officer = await mall.PageClientForAsync(Accounts.DpmptspOfficer);
        var url = "/kelola/izin-usaha/atas-nama?" + Answers + "&village=Citepus";
        Assert.Equal("Citepus", (await officer.GetPageAsync(url)).QuerySelector("input#village")!.GetAttribute("value"));
        var values = new Dictionary<string, string>(BakeryFields().ToDictionary(f => "field:" + f.Key, f => f.Value!.GetValue<string>()))
        {
            ["nama"] = "Siti Aminah", ["nik"] = "3202015506880004", ["surel"] = "siti.desa@example.test",
        };
        var before = await BundleCountAsync();
        var bad = await officer.PostFormAsync(url, null, new Dictionary<string, string>(values) { ["village"] = "C" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await bad.ParseAsync()).QuerySelector("#village_e"));
        Assert.Equal(before, await BundleCountAsync());

        var made = await officer.PostFormAsync(url, null, new Dictionary<string, string>(values) { ["village"] = "Citepus" });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var shown = await officer.GetPageAsync(made.Headers.Location!.OriginalString);
        Assert.NotNull(shown.QuerySelector("input#kode"));
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        Assert.Equal("Citepus", await db.LicensingBundles.OrderByDescending(b => b.CreatedAtUtc).ThenByDescending(b => b.Id).Select(b => b.Village).FirstAsync());
    }
}
