using System.Net;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Catalog;

/// <summary>An agency's address, opening hours and contact: seeded for the demo, kept by managers, shown on its page; a service page lists its counters one per line.</summary>
public sealed class AgencyContactTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task AgencyPage_ShowsAddressHoursAndContact()
    {
        var agency = await mall.CreateClient().GetJsonAsync("/api/v1/agencies/DUKCAPIL");
        Assert.Equal("Senin–Jumat 08.00–15.00", agency["openingHours"]!.GetValue<string>());
        Assert.Equal("dukcapil@demo.satuatap.id", agency["email"]!.GetValue<string>());

        var page = await mall.CreateClient().GetPageAsync("/instansi/DUKCAPIL");
        var contact = page.GetElementById("kontak")!.TextContent;
        Assert.Contains(agency["address"]!.GetValue<string>(), contact, StringComparison.Ordinal);
        Assert.Contains("Senin–Jumat 08.00–15.00", contact, StringComparison.Ordinal);
        Assert.Contains(agency["phone"]!.GetValue<string>(), contact, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#kontak a[href='mailto:dukcapil@demo.satuatap.id']"));
    }

    [Fact]
    public async Task ServicePage_ListsItsCountersOnePerLine_WithTheirHours()
    {
        var page = await mall.CreateClient().GetPageAsync("/layanan/DKP-KTP");
        var counters = page.QuerySelectorAll("ul.counters > li");
        Assert.Equal(2, counters.Length); // Loket 1 and Loket 2
        Assert.All(counters, c => Assert.Contains("08.00–15.00", c.TextContent, StringComparison.Ordinal));
        Assert.StartsWith("Loket 1", counters[0].TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manager_EditsTheContact_AClientWithoutTheFieldsKeepsThem_AndABadEmailIs400()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var agency = await manager.GetJsonAsync("/api/v1/agencies/BAPENDA");
        var id = agency["id"]!.GetValue<string>();
        JsonObject Body(JsonNode current) => new()
        {
            ["code"] = "BAPENDA", ["name"] = current["name"]!.GetValue<string>(), ["kind"] = current["kind"]!.GetValue<string>(),
            ["description"] = current["description"]!.GetValue<string>(), ["version"] = current["version"]!.GetValue<string>(),
        };

        var edit = Body(agency);
        edit["address"] = "Jl. Siliwangi No. 10, Palabuhanratu";
        edit["openingHours"] = "Senin–Kamis 08.00–15.30; Jumat 08.00–11.00";
        edit["phone"] = "(0266) 431 000";
        var saved = await manager.PutJsonAsync($"/api/v1/agencies/{id}", edit);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());

        var after = await manager.GetJsonAsync("/api/v1/agencies/BAPENDA");
        Assert.Equal("Jl. Siliwangi No. 10, Palabuhanratu", after["address"]!.GetValue<string>());
        var older = await manager.PutJsonAsync($"/api/v1/agencies/{id}", Body(after)); // no contact fields at all
        Assert.True(older.IsSuccessStatusCode, await older.Content.ReadAsStringAsync());
        var kept = await manager.GetJsonAsync("/api/v1/agencies/BAPENDA");
        Assert.Equal("Senin–Kamis 08.00–15.30; Jumat 08.00–11.00", kept["openingHours"]!.GetValue<string>());
        Assert.Equal("bapenda@demo.satuatap.id", kept["email"]!.GetValue<string>());

        var bad = Body(kept);
        bad["email"] = "bukan email";
        var problem = await (await manager.PutJsonAsync($"/api/v1/agencies/{id}", bad)).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]!["email"]);

        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var forbidden = await officer.PutJsonAsync($"/api/v1/agencies/{id}", Body(kept));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task ManagersPage_EditsTheContact()
    {
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        var page = await manager.GetPageAsync("/kelola/instansi");
        var form = page.Forms.First(f => f.QuerySelector("input[name='Agency.Code']") is { } c && c.GetAttribute("value") == "PDAM");
        var values = form.Values().With(new() { ["Agency.Phone"] = "(0266) 555 123" });
        var posted = await manager.PostAsync("/kelola/instansi?handler=Agency", new FormUrlEncodedContent(values));
        Assert.True(posted.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found, posted.StatusCode.ToString());
        var agency = await mall.CreateClient().GetJsonAsync("/api/v1/agencies/PDAM");
        Assert.Equal("(0266) 555 123", agency["phone"]!.GetValue<string>());
        Assert.Equal("pdam@demo.satuatap.id", agency["email"]!.GetValue<string>());
    }
}
