using System.IO.Compression;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Rights;

/// <summary>A citizen sees which agency's officer looked at their data (UU 27/2022), on /akun/akses, in the API and in the export.</summary>
public sealed class AccessLogTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task Citizen_SeesTheRevealOfTheirNik_WithAgencyAndOfficer_AndNobodyElseDoes()
    {
        var (_, email) = await RightsDriver.CitizenAsync(mall);
        var (_, otherEmail) = await RightsDriver.CitizenAsync(mall, "Dewi Lestari");
        var citizen = await mall.ClientForAsync(email);
        var (id, number) = await SubmittedKtpAsync(citizen, "3202016103950006");
        Assert.Empty((await citizen.GetJsonAsync("/api/v1/me/access-log")).AsArray());

        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        Assert.True((await officer.PostAsync($"/api/v1/applications/{id}/nik", null)).IsSuccessStatusCode);

        var entry = Assert.Single((await citizen.GetJsonAsync("/api/v1/me/access-log")).AsArray())!;
        Assert.Equal("nik.reveal", entry["what"]!.GetValue<string>());
        Assert.Equal(number, entry["record"]!.GetValue<string>());
        Assert.Contains("Kependudukan", entry["agency"]!.GetValue<string>());
        Assert.Equal("Petugas Disdukcapil (demo)", entry["officer"]!.GetValue<string>());
        Assert.Equal(mall.Clock.GetUtcNow().UtcDateTime, entry["atUtc"]!.GetValue<DateTime>());

        // Another citizen sees nothing of it.
        Assert.Empty((await (await mall.ClientForAsync(otherEmail)).GetJsonAsync("/api/v1/me/access-log")).AsArray());

        // The page lists it in Indonesian; the export carries it.
        var page = await (await mall.PageClientForAsync(email)).GetPageAsync("/akun/akses");
        var item = Assert.Single(page.QuerySelectorAll("#akses-saya li"));
        Assert.Contains("Melihat NIK lengkap", item.TextContent);
        Assert.Contains(number, item.TextContent);
        Assert.Contains("Petugas Disdukcapil (demo)", item.TextContent);

        using var zip = new ZipArchive(await citizen.GetStreamAsync("/api/v1/me/export"));
        await using var data = zip.GetEntry("data.json")!.Open();
        var json = (await JsonNode.ParseAsync(data))!;
        Assert.Equal("nik.reveal", Assert.Single(json["accessLog"]!.AsArray())!["what"]!.GetValue<string>());
    }

    [Fact]
    public async Task AccessLog_NeedsASignedInPerson()
    {
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/me/access-log")).StatusCode);
        var page = await mall.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/akun/akses");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/akun/masuk", page.Headers.Location!.PathAndQuery);
    }
}

/// <summary>With <c>Rights:ShowOfficerNames=false</c> the citizen still sees the agency, but not the officer's name.</summary>
public sealed class AccessLogWithoutNamesTests(AccessLogWithoutNamesTests.Mall mall) : IClassFixture<AccessLogWithoutNamesTests.Mall>
{
    public sealed class Mall : MallFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Rights:ShowOfficerNames"] = "false" };
    }

    [Fact]
    public async Task Citizen_SeesTheAgency_ButNotTheOfficersName()
    {
        var (_, email) = await RightsDriver.CitizenAsync(mall);
        var citizen = await mall.ClientForAsync(email);
        var (id, _) = await SubmittedKtpAsync(citizen, "3202016103950006");
        Assert.True((await (await mall.ClientForAsync(Accounts.DukcapilOfficer)).PostAsync($"/api/v1/applications/{id}/nik", null)).IsSuccessStatusCode);

        var entry = Assert.Single((await citizen.GetJsonAsync("/api/v1/me/access-log")).AsArray())!;
        Assert.Contains("Kependudukan", entry["agency"]!.GetValue<string>());
        Assert.Null(entry["officer"]);
    }
}
