using System.Net;
using System.Text;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Licensing;

public sealed class ActivityImportTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private const string Header = "kbli,title,title_en,synonyms,risk_micro,risk_small,risk_medium,risk_large,raise_parameter,raise_label,raise_label_en,raise_above,raise_to,supporting,supporting_home_food,source,source_date";

    private static StringContent Csv(params string[] lines) => new(string.Join("\n", lines), Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_bad_table_is_refused_line_by_line_and_the_old_one_stays()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var before = await manager.GetJsonAsync("/api/v1/licensing/table");

        var badRisk = await manager.PostAsync("/api/v1/licensing/activities/import", Csv(Header,
            "10710,Roti,,,low,low,low,low,,,,,,,,Perbup 1/2027,2027-01-02",
            "56102,Warung,,,low,sometimes,low,low,,,,,,,,Perbup 1/2027,2027-01-02",
            "96200,Laundry,,,low,low,low,extreme,,,,,,,,Perbup 1/2027,2027-01-02"));
        var p = await badRisk.AssertProblemAsync(422);
        Assert.NotNull(p["errors"]!["line 3"]);
        Assert.NotNull(p["errors"]!["line 4"]);
        Assert.Null(p["errors"]!["line 2"]);

        var unknownColumn = await manager.PostAsync("/api/v1/licensing/activities/import", Csv(Header + ",colour", "10710,Roti,,,low,low,low,low,,,,,,,,x,2027-01-02,red"));
        var p2 = await unknownColumn.AssertProblemAsync(422);
        Assert.Contains("colour", p2["errors"]!["line 1"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        // Nothing of either file is in force: the demo table still answers.
        var after = await manager.GetJsonAsync("/api/v1/licensing/table");
        Assert.Equal(before["tableVersion"]!.GetValue<string>(), after["tableVersion"]!.GetValue<string>());
        Assert.True(after["demo"]!.GetValue<bool>());
        Assert.NotEmpty((await manager.GetJsonAsync("/api/v1/licensing/activities?q=laundry")).AsArray());

        // Only managers import; a good file replaces the table as a whole and is no longer the demo.
        var officer = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        await (await officer.PostAsync("/api/v1/licensing/activities/import", Csv(Header))).AssertProblemAsync(403);
        await (await mall.CreateClient().PostAsync("/api/v1/licensing/activities/import", Csv(Header))).AssertProblemAsync(401);
        var good = await manager.PostAsync("/api/v1/licensing/activities/import", Csv(Header,
            "10710,Industri Produk Roti dan Kue,Bread and cake making,kue rumahan,low,medium-low,medium-high,medium-high,,,,,,HALAL,SPP-IRT,Perbup 1/2027,2027-01-02"));
        Assert.True(good.StatusCode == HttpStatusCode.OK, await good.Content.ReadAsStringAsync());
        var table = await manager.GetJsonAsync("/api/v1/licensing/table");
        Assert.False(table["demo"]!.GetValue<bool>());
        Assert.Equal(1, table["activities"]!.GetValue<int>());
        Assert.Equal("2027-01-02", table["date"]!.GetValue<string>());
        Assert.Empty((await manager.GetJsonAsync("/api/v1/licensing/activities?q=laundry")).AsArray());
    }
}
