using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Catalog;

public sealed class CatalogApiTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Theory]
    [InlineData("ktp", "DKP-KTP")]
    [InlineData("akta lahir", "DKP-AKTA-LAHIR")]
    [InlineData("izin usaha", "PTSP-NIB")]
    [InlineData("skck", "POL-SKCK")]
    [InlineData("pajak motor", "SAM-PKB")]
    [InlineData("SKCK", "POL-SKCK")]
    [InlineData("skkc", "POL-SKCK")]
    [InlineData("akta kelahrian", "DKP-AKTA-LAHIR")]
    [InlineData("kartu tanda penduduk", "DKP-KTP")]
    [InlineData("bikin ktp", "DKP-KTP")]
    [InlineData("ktpel", "DKP-KTP")]
    [InlineData("buat npwp", "KPP-NPWP")]
    [InlineData("urus akta lahir", "DKP-AKTA-LAHIR")]
    [InlineData("business license", "PTSP-NIB")]
    [InlineData("how to get a business license", "PTSP-NIB")]
    public async Task Search_InThePeoplesWords_FindsTheService(string query, string expectedCode)
    {
        var client = mall.CreateClient();
        var page = await client.GetJsonAsync($"/api/v1/services?q={Uri.EscapeDataString(query)}");
        var codes = page["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();
        Assert.Contains(expectedCode, codes.Take(3));
        Assert.True(page["total"]!.GetValue<int>() >= codes.Count);
    }

    [Fact]
    public async Task Search_ForNonsense_FindsNothing()
    {
        var page = await mall.CreateClient().GetJsonAsync("/api/v1/services?q=zzqxv");
        Assert.Equal(0, page["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Services_FilterByAgencyAndTopic_AndPage()
    {
        var client = mall.CreateClient();
        var all = await client.GetJsonAsync("/api/v1/services?pageSize=100");
        Assert.True(all["total"]!.GetValue<int>() >= 40);
        var dukcapil = await client.GetJsonAsync("/api/v1/services?agency=DUKCAPIL&pageSize=100");
        var agencies = await client.GetJsonAsync("/api/v1/agencies");
        var dukcapilId = agencies.AsArray().Single(a => a!["code"]!.GetValue<string>() == "DUKCAPIL")!["id"]!.GetValue<string>();
        Assert.All(dukcapil["items"]!.AsArray(), i => Assert.Equal(dukcapilId, i!["agencyId"]!.GetValue<string>()));
        var vehicles = await client.GetJsonAsync("/api/v1/services?topic=kendaraan&pageSize=100");
        Assert.Contains(vehicles["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "SAM-PKB");
        var page2 = await client.GetJsonAsync("/api/v1/services?page=2&pageSize=5");
        Assert.Equal(5, page2["items"]!.AsArray().Count);
        Assert.NotEqual(all["items"]![0]!["id"]!.GetValue<string>(), page2["items"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Agencies_CoverEveryKind()
    {
        var agencies = (await mall.CreateClient().GetJsonAsync("/api/v1/agencies")).AsArray();
        Assert.True(agencies.Count >= 12);
        var kinds = agencies.Select(a => a!["kind"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "regional", "vertical", "stateEnterprise", "bank" }, kinds);
    }

    [Fact]
    public async Task Service_ShowsItsPublishedStandard_AndChannels()
    {
        var client = mall.CreateClient();
        var id = await ServiceIdAsync(client, "POL-SKCK");
        var s = await client.GetJsonAsync($"/api/v1/services/{id}");
        var standard = s["standard"]!;
        Assert.NotEmpty(standard["requirements"]!.AsArray());
        Assert.All(standard["requirements"]!.AsArray(), r =>
        {
            Assert.NotNull(r!["id"]);
            Assert.Contains(r["kind"]!.GetValue<string>(), new[] { "document", "field" });
            Assert.NotNull(r["required"]);
        });
        Assert.False(string.IsNullOrWhiteSpace(standard["procedure"]!.GetValue<string>()));
        Assert.True(standard["completionWorkingDays"]!.GetValue<int>() >= 0);
        Assert.Equal(30000, standard["costRupiah"]!.GetValue<long>());
        Assert.False(string.IsNullOrWhiteSpace(standard["product"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(standard["complaintHandling"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(standard["legalBasis"]!.GetValue<string>()));
        Assert.Null(standard["internal"]); // internal components are not published to the public
        Assert.Contains("building", s["channels"]!.AsArray().Select(c => c!.GetValue<string>()));
        // The same service by its code.
        var byCode = await client.GetJsonAsync("/api/v1/services/POL-SKCK");
        Assert.Equal(id, byCode["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownService_Is404ProblemDetails_InIndonesianByDefault_EnglishOnRequest()
    {
        var client = mall.CreateClient();
        var body = await (await client.GetAsync($"/api/v1/services/{Guid.NewGuid()}")).AssertProblemAsync(404);
        Assert.Equal("Layanan tidak ditemukan.", body["detail"]!.GetValue<string>());
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/services/{Guid.NewGuid()}");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await (await client.SendAsync(request)).AssertProblemAsync(404);
        Assert.Equal("Service not found.", english["detail"]!.GetValue<string>());
        await (await client.GetAsync("/api/v1/no-such-thing")).AssertProblemAsync(404);
    }

    [Theory]
    [InlineData("/api/v1/services?page=abc", "page")]
    [InlineData("/api/v1/services?pageSize=1000", "pageSize")]
    [InlineData("/api/v1/services?agency=NOPE", "agency")]
    [InlineData("/api/v1/calendar/due-date?start=2026-13-01&workingDays=3", "start")]
    [InlineData("/api/v1/calendar/due-date?start=2026-03-01&workingDays=-1", "workingDays")]
    [InlineData("/api/v1/calendar/due-date?start=2026-03-01", "workingDays")]
    [InlineData("/api/v1/calendar/holidays?year=twenty", "year")]
    public async Task MalformedQuery_Is400NamingTheField(string url, string field)
    {
        var body = await (await mall.CreateClient().GetAsync(url)).AssertProblemAsync(400);
        Assert.NotNull(body["errors"]![field]);
    }

    [Fact]
    public async Task Manager_EditsAService_AndTheChangeIsAudited()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var id = await ServiceIdAsync(client, "DKP-KK");
        var s = await client.GetJsonAsync($"/api/v1/services/{id}");
        Assert.NotNull(s["standard"]!["internal"]); // editors see all fourteen components
        s["standard"]!["costRupiah"] = 0;
        s["standard"]!["completionWorkingDays"] = 2;
        s["standard"]!["internal"]!["staffCount"] = "4 orang petugas";
        s["name"] = "Penerbitan Kartu Keluarga (KK) Baru";
        s["topics"] = new JsonArray("identitas", "kerja");
        var response = await client.PutJsonAsync($"/api/v1/services/{id}", s);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await client.GetJsonAsync($"/api/v1/services/{id}");
        Assert.Equal("Penerbitan Kartu Keluarga (KK) Baru", after["name"]!.GetValue<string>());
        Assert.Equal(2, after["standard"]!["completionWorkingDays"]!.GetValue<int>());
        Assert.Equal("4 orang petugas", after["standard"]!["internal"]!["staffCount"]!.GetValue<string>());
        Assert.NotEqual(s["version"]!.GetValue<string>(), after["version"]!.GetValue<string>());

        var audit = await client.GetJsonAsync($"/api/v1/audit?entityType=Service&entityKey={id}");
        var entry = audit.AsArray().First(a => a!["action"]!.GetValue<string>() == "updated")!;
        Assert.Equal(Accounts.Manager, entry["userName"]!.GetValue<string>());
        Assert.Contains("\"Name\":\"Penerbitan Kartu Keluarga (KK) Baru\"", entry["after"]!.GetValue<string>());
        Assert.DoesNotContain("\"Name\":\"Penerbitan Kartu Keluarga (KK) Baru\"", entry["before"]!.GetValue<string>());
        // The new topic link is in the log too.
        var links = await client.GetJsonAsync("/api/v1/audit?entityType=ServiceTopics");
        Assert.Contains(links.AsArray(), a => a!["action"]!.GetValue<string>() == "created" && a["after"]!.GetValue<string>().Contains(id));
    }

    [Fact]
    public async Task TwoManagers_EditingTheSameService_TheSecondGets409()
    {
        var first = await mall.ClientForAsync(Accounts.Manager);
        var second = await mall.ClientForAsync("admin@demo.satuatap.id");
        var id = await ServiceIdAsync(first, "DKP-AKTA-MATI");
        var a = await first.GetJsonAsync($"/api/v1/services/{id}");
        var b = await second.GetJsonAsync($"/api/v1/services/{id}");
        a["summary"] = "Perubahan pengelola pertama";
        b["summary"] = "Perubahan pengelola kedua";
        Assert.Equal(HttpStatusCode.OK, (await first.PutJsonAsync($"/api/v1/services/{id}", a)).StatusCode);
        var problem = await (await second.PutJsonAsync($"/api/v1/services/{id}", b)).AssertProblemAsync(409);
        Assert.Contains("diubah orang lain", problem["detail"]!.GetValue<string>());
        var stored = await first.GetJsonAsync($"/api/v1/services/{id}");
        Assert.Equal("Perubahan pengelola pertama", stored["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task AgencyHead_EditsOwnAgencysService_ButNotAnothers()
    {
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);
        var own = await ServiceIdAsync(head, "DKP-KIA");
        var s = await head.GetJsonAsync($"/api/v1/services/{own}");
        s["summary"] = "Diperbarui oleh kepala dinas";
        Assert.Equal(HttpStatusCode.OK, (await head.PutJsonAsync($"/api/v1/services/{own}", s)).StatusCode);

        var other = await ServiceIdAsync(head, "POL-SKCK");
        var skck = await head.GetJsonAsync($"/api/v1/services/{other}");
        skck["summary"] = "Bukan wewenang Disdukcapil";
        await (await head.PutJsonAsync($"/api/v1/services/{other}", skck)).AssertProblemAsync(403);
        // Nor may an agency head move their own service to another agency.
        s = await head.GetJsonAsync($"/api/v1/services/{own}");
        s["agencyId"] = skck["agencyId"]!.GetValue<string>();
        s["counterIds"] = new JsonArray();
        await (await head.PutJsonAsync($"/api/v1/services/{own}", s)).AssertProblemAsync(403);
    }

    [Fact]
    public async Task RolesThatMayNotWrite_Get403_AndAnonymous401()
    {
        var id = await ServiceIdAsync(mall.CreateClient(), "DKP-KTP");
        foreach (var email in new[] { Accounts.DukcapilOfficer, Accounts.Regent, Accounts.Citizen })
        {
            var client = await mall.ClientForAsync(email);
            var s = await client.GetJsonAsync($"/api/v1/services/{id}");
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutJsonAsync($"/api/v1/services/{id}", s)).StatusCode);
        }
        var anonymous = mall.CreateClient();
        var body = await anonymous.GetJsonAsync($"/api/v1/services/{id}");
        await (await anonymous.PutJsonAsync($"/api/v1/services/{id}", body)).AssertProblemAsync(401);
    }

    [Fact]
    public async Task CreateService_WithBadFields_Is400NamingEachField_AndNothingIsSaved()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var agencies = await client.GetJsonAsync("/api/v1/agencies");
        var body = new JsonObject
        {
            ["code"] = "DKP-BARU",
            ["name"] = "",
            ["agencyId"] = agencies[0]!["id"]!.GetValue<string>(),
            ["channels"] = new JsonArray("building", "teleport"),
            ["standard"] = new JsonObject
            {
                ["requirements"] = new JsonArray(new JsonObject { ["name"] = "KTP", ["kind"] = "photo" }),
                ["procedure"] = "1. Datang",
                ["completionWorkingDays"] = -3,
                ["costRupiah"] = 0,
                ["product"] = "Surat",
                ["complaintHandling"] = "SP4N-LAPOR!",
                ["legalBasis"] = "",
            },
        };
        var problem = await (await client.PostJsonAsync("/api/v1/services", body)).AssertProblemAsync(400);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "name", "channels[1]", "standard.requirements[0].kind", "standard.completionWorkingDays", "standard.legalBasis" })
            Assert.True(errors.ContainsKey(field), $"missing error for {field}: {errors.ToJsonString()}");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/services/DKP-BARU")).StatusCode);
    }

    [Fact]
    public async Task CreateService_ThenFindItBySearch()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var agencies = await client.GetJsonAsync("/api/v1/agencies");
        var body = new JsonObject
        {
            ["code"] = "NAK-PELATIHAN",
            ["name"] = "Pendaftaran Pelatihan Kerja Berbasis Kompetensi",
            ["agencyId"] = agencies.AsArray().Single(a => a!["code"]!.GetValue<string>() == "DISNAKER")!["id"]!.GetValue<string>(),
            ["topics"] = new JsonArray("kerja"),
            ["channels"] = new JsonArray("building", "online"),
            ["standard"] = new JsonObject
            {
                ["requirements"] = new JsonArray(new JsonObject { ["name"] = "KTP-el", ["kind"] = "document", ["required"] = true }),
                ["procedure"] = "1. Daftar\n2. Ikuti seleksi",
                ["completionWorkingDays"] = 5,
                ["costRupiah"] = 0,
                ["product"] = "Bukti pendaftaran",
                ["complaintHandling"] = "Melalui SP4N-LAPOR! atau loket pengaduan",
                ["legalBasis"] = "UU 13/2003 tentang Ketenagakerjaan",
            },
        };
        var response = await client.PostJsonAsync("/api/v1/services", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal(response.Headers.Location!.ToString(), $"/api/v1/services/{created["id"]}");
        var found = await mall.CreateClient().GetJsonAsync("/api/v1/services?q=pelatihan%20kerja");
        Assert.Contains(found["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "NAK-PELATIHAN");
        // The code is unique.
        var again = await client.PostJsonAsync("/api/v1/services", body);
        Assert.NotNull((await again.AssertProblemAsync(400))["errors"]!["code"]);
    }

    [Fact]
    public async Task MalformedJson_Is400_AndOversizedBody_Is413()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var bad = new StringContent("{\"name\": \"x\", \"standard\": {\"costRupiah\": \"mahal\"}}", System.Text.Encoding.UTF8, "application/json");
        var problem = await (await client.PostAsync("/api/v1/services", bad)).AssertProblemAsync(400);
        Assert.Contains("standard.costRupiah", problem.ToJsonString());
        var broken = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        await (await client.PostAsync("/api/v1/services", broken)).AssertProblemAsync(400);
        var huge = new StringContent("{\"name\": \"" + new string('a', 2_000_000) + "\"}", System.Text.Encoding.UTF8, "application/json");
        await (await client.PostAsync("/api/v1/services", huge)).AssertProblemAsync(413);
    }

    [Fact]
    public async Task Synonyms_TheManagersKeep_WidenTheSearch()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        Assert.Equal(0, (await client.GetJsonAsync("/api/v1/services?q=sertifikat%20perilaku"))["total"]!.GetValue<int>());
        var response = await client.PostAsJsonAsync("/api/v1/synonyms", new { term = "sertifikat perilaku", alternatives = new[] { "skck" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var found = await client.GetJsonAsync("/api/v1/services?q=sertifikat%20perilaku");
        Assert.Contains(found["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "POL-SKCK");
        var empty = await client.PostAsJsonAsync("/api/v1/synonyms", new { term = "x", alternatives = Array.Empty<string>() });
        Assert.NotNull((await empty.AssertProblemAsync(400))["errors"]!["alternatives"]);
    }

    [Fact]
    public async Task DemoData_IsComplete()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        Assert.Equal(47, await db.Districts.CountAsync());
        Assert.Equal(["Cicurug", "Cisaat", "Palabuhanratu", "Sukaraja", "Surade"], (await db.MobileStops.Select(s => s.Name).ToListAsync()).Order());
        Assert.True(await db.Services.CountAsync(s => s.IsDemo) >= 40);
        Assert.True(await db.Holidays.CountAsync() >= 50);
        Assert.Equal("Asia/Jakarta", (await db.Malls.SingleAsync()).TimeZone);
        var services = await db.Services.Include(s => s.Requirements).ToListAsync();
        Assert.All(services, s =>
        {
            Assert.NotEmpty(s.Requirements);
            Assert.False(string.IsNullOrWhiteSpace(s.Standard.Procedure));
            Assert.False(string.IsNullOrWhiteSpace(s.Standard.LegalBasis));
            Assert.False(string.IsNullOrWhiteSpace(s.Standard.Facilities));
            Assert.False(string.IsNullOrWhiteSpace(s.Standard.PerformanceEvaluation));
        });
    }

    [Theory]
    [InlineData("POST", "/api/v1/services", "{\"standard\":{\"requirements\":[null]}}", "standard.requirements[0]")]
    [InlineData("POST", "/api/v1/agreements", "{\"counters\":[null]}", "counters[0]")]
    [InlineData("PUT", "/api/v1/services/DKP-KTP/workflow", "{\"steps\":[null]}", "steps[0]")]
    [InlineData("POST", "/api/v1/synonyms", "{\"term\":\"\",\"alternatives\":[null]}", "alternatives")]
    public async Task NullInsideAList_Is400NamingTheItem(string method, string url, string body, string field)
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        var problem = await (await client.SendAsync(request)).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task HolidayImport_WithAnotherContentType_IsReadAsCsv_NotA404()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var response = await client.PostAsync("/api/v1/calendar/holidays/import", new StringContent("bukan csv", System.Text.Encoding.UTF8, "application/json"));
        Assert.NotNull((await response.AssertProblemAsync(400))["errors"]!["line1"]);
    }

    internal static async Task<string> ServiceIdAsync(HttpClient client, string code) =>
        (await client.GetJsonAsync($"/api/v1/services/{code}"))["id"]!.GetValue<string>();
}
