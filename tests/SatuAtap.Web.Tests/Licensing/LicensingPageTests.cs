using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Licensing.LicensingDriver;

namespace SatuAtap.Web.Tests.Licensing;

public sealed class LicensingPageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private const string Bakery = "/izin-usaha?aksi=nilai&kbli=10710&capitalRupiah=50000000&district=Palabuhanratu&usesBuilding=false&homeFood=true";

    [Fact]
    public async Task The_navigator_page_finds_answers_and_links_the_checklist_the_bundle_and_the_desk()
    {
        var client = mall.CreateClient();
        var search = await client.GetPageAsync("/izin-usaha?q=bengkel+motor&aksi=cari");
        Assert.NotNull(search.QuerySelector("input[name=kbli][value='45405']"));
        var eatery = await client.GetPageAsync("/izin-usaha?q=warung&kbli=56102");
        // The eatery's seats are asked only once it is chosen.
        Assert.NotNull(eatery.QuerySelector("input[name='56102.seats']"));
        Assert.Null(search.QuerySelector("input[name='56102.seats']"));

        var answer = await client.GetPageAsync(Bakery);
        var text = answer.QuerySelector("main")!.TextContent;
        Assert.Contains("Izin yang diperlukan", text, StringComparison.Ordinal);
        Assert.Contains("Nomor Induk Berusaha (NIB)", text, StringComparison.Ordinal);
        Assert.Contains("bukan keputusan hukum", text, StringComparison.Ordinal);
        var links = answer.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").ToList();
        Assert.Contains(links, l => l.StartsWith("/api/v1/licensing/assessments/checklist.pdf?", StringComparison.Ordinal) && l.Contains("kbli=10710", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/izin-usaha/ajukan?", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/antrian/pesan?layanan=", StringComparison.Ordinal));
        Assert.Empty(answer.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task Bad_answers_re_show_the_form_with_the_message()
    {
        var client = mall.CreateClient();
        var bad = await client.GetAsync("/izin-usaha?aksi=nilai&kbli=10710&capitalRupiah=-5&district=Palabuhanratu&usesBuilding=false&homeFood=true");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await bad.ParseAsync();
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        Assert.NotNull(page.QuerySelector("input#capitalRupiah"));
        var unknown = await client.GetAsync("/izin-usaha?aksi=nilai&kbli=10719&capitalRupiah=5&district=Palabuhanratu&usesBuilding=false&homeFood=true");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("10710", (await unknown.ParseAsync()).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var garbage = await client.GetAsync("/izin-usaha?aksi=nilai&kbli=abc&capitalRupiah=banyak&usesBuilding=mungkin&10710.seats=x");
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.NotNull((await garbage.ParseAsync()).QuerySelector("[role=alert]"));
    }

    [Fact]
    public async Task The_bundle_pages_belong_to_the_applicant_and_the_staff_page_to_staff()
    {
        var api = await mall.ClientForAsync(Accounts.Citizen);
        var bundle = await CreateBakeryBundleAsync(api);
        var id = bundle["id"]!.GetValue<string>();

        var citizen = await mall.PageClientForAsync(Accounts.Citizen);
        var page = await citizen.GetPageAsync($"/izin-usaha/bundel/{id}");
        Assert.Contains(bundle["trackingNumber"]!.GetValue<string>(), page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(bundle["checkCode"]!.GetValue<string>(), page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // Submitting with documents missing re-shows the page with what is missing, no 500.
        var submit = await citizen.PostFormAsync($"/izin-usaha/bundel/{id}", "Submit", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, submit.StatusCode);

        var dukcapil = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await dukcapil.GetAsync($"/izin-usaha/bundel/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dukcapil.GetAsync("/kelola/izin-usaha")).StatusCode);
        var staff = await mall.PageClientForAsync(Accounts.DpmptspOfficer);
        var list = await staff.GetPageAsync("/kelola/izin-usaha");
        Assert.Contains(bundle["trackingNumber"]!.GetValue<string>(), list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(list.QuerySelector("input[name=file]")); // only managers import
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        Assert.NotNull((await manager.GetPageAsync("/kelola/izin-usaha")).QuerySelector("input[name=file]"));
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.GetAsync("/kelola/izin-usaha")).StatusCode);

        // Applying from the page: the fields once, then the bundle.
        var form = await citizen.PostFormAsync("/izin-usaha/ajukan" + Bakery[Bakery.IndexOf('?', StringComparison.Ordinal)..], null,
            BakeryFields().ToDictionary(f => "field:" + f.Key, f => f.Value!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Matches("^/izin-usaha/bundel/[0-9a-f-]{36}$", form.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_officer_makes_a_bundle_for_an_owner_on_the_staff_page_and_enters_the_owners_code()
    {
        const string email = "pemilik.halaman@example.test";
        var officer = await mall.PageClientForAsync(Accounts.DpmptspOfficer);
        var query = Bakery[Bakery.IndexOf('?', StringComparison.Ordinal)..];
        Assert.Contains((await officer.GetPageAsync(Bakery)).QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("/kelola/izin-usaha/atas-nama?", StringComparison.Ordinal));
        Assert.NotNull((await officer.GetPageAsync("/kelola/izin-usaha/atas-nama" + query)).QuerySelector("input#surel"));
        var fields = BakeryFields().ToDictionary(f => "field:" + f.Key, f => f.Value!.GetValue<string>());

        // Without a way to reach the owner the form comes back with the message beside the field.
        var missing = await officer.PostFormAsync("/kelola/izin-usaha/atas-nama" + query, null, new Dictionary<string, string>(fields) { ["nama"] = "Dewi Lestari", ["nik"] = "3202015506880004" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotNull((await missing.ParseAsync()).QuerySelector("#surel_e"));

        var made = await officer.PostFormAsync("/kelola/izin-usaha/atas-nama" + query, null,
            new Dictionary<string, string>(fields) { ["nama"] = "Dewi Lestari", ["nik"] = "3202015506880004", ["surel"] = email });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var url = made.Headers.Location!.OriginalString;
        Assert.Matches("^/kelola/izin-usaha/atas-nama/[0-9a-f-]{36}$", url);
        var waiting = await officer.GetPageAsync(url);
        Assert.NotNull(waiting.QuerySelector("input#kode"));

        // Another agency's officer is told it does not exist; a citizen may not open staff pages.
        var dukcapil = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await dukcapil.GetAsync(url)).StatusCode);
        var citizen = await mall.PageClientForAsync(Accounts.Citizen);
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.GetAsync(url)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.GetAsync("/kelola/izin-usaha/atas-nama" + query)).StatusCode);

        var wrong = await officer.PostFormAsync(url, "Confirm", new Dictionary<string, string> { ["kode"] = "12" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.NotNull((await wrong.ParseAsync()).QuerySelector("#kode_e"));

        string code;
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var subject = await db.OutboxMessages.Where(m => m.EventCode == "licensing.confirm" && m.Recipient == email).Select(m => m.Subject).SingleAsync();
            code = System.Text.RegularExpressions.Regex.Match(subject, "[0-9]{6}").Value;
        }
        var right = await officer.PostFormAsync(url, "Confirm", new Dictionary<string, string> { ["kode"] = code });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var confirmed = await right.ParseAsync();
        Assert.Contains(confirmed.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("/izin-usaha/bundel/", StringComparison.Ordinal));
        Assert.Null(confirmed.QuerySelector("input#kode"));
    }
}
