using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Licensing.LicensingDriver;

namespace SatuAtap.Web.Tests.Licensing;

public sealed class NavigatorApiTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task Activities_are_found_by_everyday_words_and_by_code()
    {
        var client = mall.CreateClient();
        var bakery = (await client.GetJsonAsync("/api/v1/licensing/activities?q=kue%20rumahan")).AsArray();
        Assert.Equal("10710", bakery[0]!["kbli"]!.GetValue<string>());
        Assert.Equal("Bread and cake making", bakery[0]!["titleEn"]!.GetValue<string>());
        Assert.Equal("low", bakery[0]!["riskByScale"]!["micro"]!.GetValue<string>());
        Assert.Equal("medium-high", bakery[0]!["riskByScale"]!["medium"]!.GetValue<string>());
        var byCode = (await client.GetJsonAsync("/api/v1/licensing/activities?q=45405")).AsArray();
        Assert.Equal("Reparasi dan Perawatan Sepeda Motor", byCode.Single()!["title"]!.GetValue<string>());
        var eatery = (await client.GetJsonAsync("/api/v1/licensing/activities?q=warung%20makan")).AsArray();
        Assert.Equal("seats", eatery[0]!["parameter"]!["name"]!.GetValue<string>());
        await (await client.GetAsync("/api/v1/licensing/activities?q=" + new string('a', 101))).AssertProblemAsync(400);
    }

    [Fact]
    public async Task The_assessment_names_the_risk_and_every_permit_with_where_it_is_done()
    {
        var client = mall.CreateClient();
        var body = HomeBakery();
        body["activities"]!.AsArray().Add(new JsonObject { ["kbli"] = "56102", ["parameters"] = new JsonObject { ["seats"] = 60 } });
        var response = await client.PostJsonAsync("/api/v1/licensing/assessments", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var a = await response.ReadJsonAsync();
        Assert.Equal("micro", a["scale"]!.GetValue<string>());
        var items = a["items"]!.AsArray();
        Assert.Equal("low", items[0]!["riskLevel"]!.GetValue<string>());
        // 60 seats are above the eatery's 50: medium-low, so a self-declared standard certificate.
        Assert.Equal("medium-low", items[1]!["riskLevel"]!.GetValue<string>());
        Assert.Equal("seats", items[1]!["raisedBy"]!["parameter"]!.GetValue<string>());
        Assert.All(items, i => Assert.Contains(i!["permits"]!.AsArray(), p => p!["code"]!.GetValue<string>() == "NIB"));
        var nib = items[0]!["permits"]![0]!;
        Assert.Equal("oss", nib["where"]!.GetValue<string>());
        Assert.Equal("https://oss.go.id", nib["link"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(nib["agency"]!.GetValue<string>()));
        var supporting = a["supportingPermits"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToList();
        Assert.Equal(["HALAL", "SPP-IRT"], supporting);
        var spp = a["supportingPermits"]![1]!;
        Assert.Equal("online", spp["where"]!.GetValue<string>());
        Assert.Equal(14, spp["workingDays"]!.GetValue<int>());
        Assert.Equal(0, spp["costRupiah"]!.GetValue<long>());
        Assert.StartsWith(MallFactory.PublicBaseUrl + "/layanan/", spp["link"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(spp["documents"]!.AsArray());
        Assert.Equal(["KKPR-UMK", "SPPL"], a["basicRequirements"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()));
        // Every answer says what it is: guidance from the table of its date, not a legal decision; the demo table says so.
        Assert.StartsWith("2026-11-01+", a["tableVersion"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(a["table"]!["demo"]!.GetValue<bool>());
        var notice = a["notice"]!.GetValue<string>();
        Assert.Contains("bukan keputusan hukum", notice, StringComparison.Ordinal);
        Assert.Contains("1 November 2026", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_answers_are_problems_naming_the_field()
    {
        var client = mall.CreateClient();
        var unknown = HomeBakery();
        unknown["activities"] = new JsonArray(new JsonObject { ["kbli"] = "10719" });
        var p404 = await (await client.PostJsonAsync("/api/v1/licensing/assessments", unknown)).AssertProblemAsync(404);
        var suggestion = p404["errors"]!["activities[0].kbli"]![0]!.GetValue<string>();
        Assert.Contains("10710", suggestion, StringComparison.Ordinal);

        foreach (var capital in new JsonNode?[] { -1, 1_000_000_000_000_000_000 })
        {
            var body = HomeBakery();
            body["capitalRupiah"] = capital?.DeepClone();
            var p = await (await client.PostJsonAsync("/api/v1/licensing/assessments", body)).AssertProblemAsync(400);
            Assert.NotNull(p["errors"]!["capitalRupiah"]);
        }
        var text = HomeBakery();
        text["capitalRupiah"] = "satu miliar";
        var pText = await (await client.PostJsonAsync("/api/v1/licensing/assessments", text)).AssertProblemAsync(400);
        Assert.Contains("capitalRupiah", pText.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        var noDistrict = HomeBakery();
        noDistrict["district"] = "Atlantis";
        noDistrict["activities"]![0]!["parameters"] = new JsonObject { ["seats"] = 10 };
        var p2 = await (await client.PostJsonAsync("/api/v1/licensing/assessments", noDistrict)).AssertProblemAsync(400);
        Assert.NotNull(p2["errors"]!["district"]);
        Assert.NotNull(p2["errors"]!["activities[0].parameters.seats"]);
        var empty = await client.PostAsync("/api/v1/licensing/assessments", new StringContent("{}", Encoding.UTF8, "application/json"));
        var p3 = await empty.AssertProblemAsync(400);
        Assert.NotNull(p3["errors"]!["activities"]);
        Assert.NotNull(p3["errors"]!["capitalRupiah"]);
        await (await client.PostAsync("/api/v1/licensing/assessments", new StringContent("[1,", Encoding.UTF8, "application/json"))).AssertProblemAsync(400);
    }

    [Fact]
    public async Task The_checklist_is_a_pdf_of_the_same_answer()
    {
        var client = mall.CreateClient();
        var response = await client.GetAsync("/api/v1/licensing/assessments/checklist.pdf?kbli=10710,56102&56102.seats=60&capitalRupiah=50000000&district=Palabuhanratu&usesBuilding=false&homeFood=true");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = string.Join(' ', SatuAtap.Tests.Documents.PdfReading.Text(await response.Content.ReadAsByteArrayAsync())
            .Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Nomor Induk Berusaha", text, StringComparison.Ordinal);
        Assert.Contains("https://oss.go.id", text, StringComparison.Ordinal);
        Assert.Contains("SPP-IRT", text, StringComparison.Ordinal);
        Assert.Contains("bukan keputusan hukum", text, StringComparison.Ordinal);
        Assert.Contains("Menengah rendah", text, StringComparison.Ordinal);

        var posted = await client.PostJsonAsync("/api/v1/licensing/assessments/checklist.pdf", HomeBakery());
        Assert.Equal("application/pdf", posted.Content.Headers.ContentType?.MediaType);

        var bad = await client.GetAsync("/api/v1/licensing/assessments/checklist.pdf?kbli=10710&capitalRupiah=banyak&district=Palabuhanratu&usesBuilding=maybe&homeFood=true");
        var p = await bad.AssertProblemAsync(400);
        Assert.NotNull(p["errors"]!["capitalRupiah"]);
        Assert.NotNull(p["errors"]!["usesBuilding"]);
        await (await client.GetAsync("/api/v1/licensing/assessments/checklist.pdf?kbli=99999&capitalRupiah=1&district=Palabuhanratu&usesBuilding=false&homeFood=false")).AssertProblemAsync(404);
    }
}
