using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Outreach;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Outreach;

/// <summary>
/// The officers who travel with a visit: chosen by a manager, they work the visit's counter at the stop's site on its
/// day (others of their agency do not), and the applications they take there count in the visit's report. Its own
/// mall: the clock moves.
/// </summary>
public sealed class VisitCrewTests(MallFactory mall) : IClassFixture<MallFactory>
{
    // Saturday 5 December 2026: no demo visit that day.
    private static readonly DateOnly Day = new(2026, 12, 5);

    [Fact]
    public async Task AChosenOfficer_CallsAndServesAtTheVisitsSite_AndOthersAreRefused()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit petugas");
        var (surade, site) = await mall.StopAsync("SURADE");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var skck = await mall.ServiceAsync("POL-SKCK");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, surade, Day, 8, 12, (ktp, 3), (skck, 2)));
        var path = $"/api/v1/outreach/visits/{visit["id"]}/officers";
        var officerId = await UserAsync(Accounts.DukcapilOfficer);

        // Bad input: problem details, never a 500.
        Assert.NotNull((await (await manager.PutJsonAsync(path, new JsonObject())).AssertProblemAsync(400))["errors"]!["officerIds"]);
        Assert.NotNull((await (await manager.PutJsonAsync(path, Officers("nope"))).AssertProblemAsync(400))["errors"]!["officerIds[0]"]);
        await (await manager.PutJsonAsync(path, Officers(Guid.NewGuid().ToString()))).AssertProblemAsync(404);
        await (await manager.PutJsonAsync($"/api/v1/outreach/visits/{Guid.NewGuid()}/officers", Officers(officerId.ToString()))).AssertProblemAsync(404);
        // DPMPTSP's services do not travel with this visit: refused, naming why.
        var refused = await (await manager.PutJsonAsync(path, Officers((await UserAsync(Accounts.DpmptspOfficer)).ToString()))).AssertProblemAsync(422);
        Assert.Contains("tidak membawa layanan", refused["detail"]!.GetValue<string>());
        // Only managers choose.
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutJsonAsync(path, Officers(officerId.ToString()))).StatusCode);
        // Nothing refused is written to the audit log.
        Assert.Empty(await AuditAsync(mall, visit["id"]!.GetValue<string>()));

        var chosen = await manager.PutJsonAsync(path, Officers(officerId.ToString()));
        Assert.True(chosen.StatusCode == HttpStatusCode.OK, await chosen.Content.ReadAsStringAsync());
        // The choice is audited: who chose, which visit, the officers by id (no names).
        var audit = Assert.Single(await AuditAsync(mall, visit["id"]!.GetValue<string>()));
        Assert.Equal(Accounts.Manager, audit.UserName);
        Assert.NotNull(audit.UserId);
        Assert.Equal("updated", audit.Action);
        Assert.Equal("""{"officerIds":[]}""", audit.Before);
        Assert.Equal($$"""{"officerIds":["{{officerId}}"]}""", audit.After);
        Assert.DoesNotContain("Petugas", audit.After!, StringComparison.Ordinal);
        var crew = (await chosen.ReadJsonAsync())["officers"]!.AsArray();
        Assert.Equal("Petugas Disdukcapil (demo)", Assert.Single(crew)!["name"]!.GetValue<string>());
        Assert.Null(crew[0]!["email"]);
        Assert.Single((await mall.CreateClient().GetJsonAsync($"/api/v1/outreach/visits/{visit["id"]}"))["officers"]!.AsArray());
        // Dukcapil now has a counter at the stop's site serving the visit's ID cards.
        var counters = await mall.CreateClient().GetJsonAsync($"/api/v1/sites/{site}/counters");
        var counter = counters.AsArray().Single(c => c!["serviceIds"]!.AsArray().Any(s => s!.GetValue<string>() == ktp.ToString()))!["id"]!.GetValue<string>();

        // The visit's day, 08.00 WIB: someone walks in for an ID card.
        mall.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero));
        var kiosk = mall.CreateClient();
        var issued = await kiosk.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = ktp.ToString() });
        Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);
        var other = await mall.ClientForAsync(Accounts.DpmptspOfficer);

        // Not chosen (the same agency's head), and another agency: 403.
        var notChosen = await (await head.PostAsync($"/api/v1/counters/{counter}/call-next", null)).AssertProblemAsync(403);
        Assert.Contains("tidak termasuk petugas yang dipilih", notChosen["detail"]!.GetValue<string>());
        await (await other.PostAsync($"/api/v1/counters/{counter}/call-next", null)).AssertProblemAsync(403);

        var called = await officer.PostAsync($"/api/v1/counters/{counter}/call-next", null);
        Assert.True(called.StatusCode == HttpStatusCode.OK, await called.Content.ReadAsStringAsync());
        var ticket = await called.ReadJsonAsync();
        // The head cannot serve it either.
        await (await head.PostJsonAsync($"/api/v1/tickets/{ticket["id"]}/actions", new JsonObject { ["action"] = "start" })).AssertProblemAsync(403);
        foreach (var action in new[] { "start", "finish" })
        {
            var acted = await officer.PostJsonAsync($"/api/v1/tickets/{ticket["id"]}/actions", new JsonObject { ["action"] = action, ["outcome"] = "selesai" });
            Assert.True(acted.StatusCode == HttpStatusCode.OK, await acted.Content.ReadAsStringAsync());
        }
        Assert.Equal("done", (await officer.GetJsonAsync($"/api/v1/tickets/{ticket["id"]}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheVisitsPage_ChoosesItsOfficers_AndShowsARefusalInTheForm()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit halaman petugas");
        var (sukaraja, _) = await mall.StopAsync("SUKARAJA");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, sukaraja, new DateOnly(2026, 12, 19), 8, 12, (await mall.ServiceAsync("DKP-KTP"), 5)));
        var url = $"/kelola/keliling/kunjungan/{visit["id"]}/petugas";
        var pages = await mall.PageClientForAsync(Accounts.Manager);
        var officerId = (await UserAsync(Accounts.DukcapilOfficer)).ToString();

        var page = await pages.GetPageAsync(url);
        Assert.NotNull(page.QuerySelector($"input[name=OfficerIds][value='{officerId}']"));
        Assert.Null(page.QuerySelector($"input[name=OfficerIds][value='{await UserAsync(Accounts.DpmptspOfficer)}']"));

        var saved = await pages.PostFormAsync(url, null, new() { ["OfficerIds"] = officerId });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotNull((await saved.ParseAsync()).QuerySelector($"input[name=OfficerIds][value='{officerId}'][checked]"));
        Assert.Single((await mall.CreateClient().GetJsonAsync($"/api/v1/outreach/visits/{visit["id"]}"))["officers"]!.AsArray());
        Assert.Contains(officerId, Assert.Single(await AuditAsync(mall, visit["id"]!.GetValue<string>())).After!, StringComparison.Ordinal);

        var refused = await pages.PostFormAsync(url, null, new() { ["OfficerIds"] = (await UserAsync(Accounts.DpmptspOfficer)).ToString() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("tidak membawa layanan", (await refused.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        // The refused choice adds no entry.
        Assert.Single(await AuditAsync(mall, visit["id"]!.GetValue<string>()));
    }

    internal static JsonObject Officers(params string[] ids) => new() { ["officerIds"] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray()) };

    internal static JsonObject Capture(string service, string? siteId)
    {
        var body = new JsonObject
        {
            ["serviceId"] = service,
            ["applicant"] = new JsonObject { ["name"] = "Warga Cisaat", ["phone"] = "081277771234" },
        };
        if (siteId is not null) body["siteId"] = siteId;
        return body;
    }

    private Task<Guid> UserAsync(string email) => UserAsync(mall, email);

    internal static async Task<List<AuditEntry>> AuditAsync(MallFactory mall, string visitId)
    {
        await using var scope = mall.Scope();
        return await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == ChooseVisitOfficers.AuditType && a.EntityKey == visitId).ToListAsync();
    }

    internal static async Task<Guid> UserAsync(MallFactory mall, string email)
    {
        await using var scope = mall.Scope();
        return await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}

/// <summary>Applications taken at a visit's site by its chosen officer count in its report. Its own mall: the clock moves.</summary>
public sealed class VisitApplicationsTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static readonly DateOnly Day = new(2026, 12, 5);

    [Fact]
    public async Task AnApplicationTakenAtTheVisitsSite_CountsInItsReport_AndOneAtTheBuildingDoesNot()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit permohonan");
        var (cisaat, site) = await mall.StopAsync("CISAAT");
        var building = await mall.BuildingAsync();
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, cisaat, Day, 8, 12, (ktp, 5)));
        var chosen = await manager.PutJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/officers", VisitCrewTests.Officers((await VisitCrewTests.UserAsync(mall, Accounts.DukcapilOfficer)).ToString()));
        Assert.True(chosen.StatusCode == HttpStatusCode.OK, await chosen.Content.ReadAsStringAsync());

        mall.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostJsonAsync("/api/v1/applications", VisitCrewTests.Capture("DKP-KTP", site.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostJsonAsync("/api/v1/applications", VisitCrewTests.Capture("DKP-KTP", building.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostJsonAsync("/api/v1/applications", VisitCrewTests.Capture("DKP-KTP", null))).StatusCode);

        // Not a site they work at today: another agency's officer, or the same agency's officer not chosen.
        var other = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var refused = await (await other.PostJsonAsync("/api/v1/applications", VisitCrewTests.Capture("PTSP-NIB", site.ToString()))).AssertProblemAsync(422);
        Assert.NotNull(refused["errors"]!["siteId"]);
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);
        Assert.Contains("tidak termasuk petugas yang dipilih",
            (await (await head.PostJsonAsync("/api/v1/applications", VisitCrewTests.Capture("DKP-KTP", site.ToString()))).AssertProblemAsync(422))["detail"]!.GetValue<string>());
        Assert.NotNull((await (await officer.PostJsonAsync("/api/v1/applications", VisitCrewTests.Capture("DKP-KTP", "lokasi"))).AssertProblemAsync(400))["errors"]!["siteId"]);
        await (await officer.PostJsonAsync("/api/v1/applications", VisitCrewTests.Capture("DKP-KTP", Guid.NewGuid().ToString()))).AssertProblemAsync(422);
        // Online, a citizen names no site.
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        Assert.NotNull((await (await citizen.PostJsonAsync("/api/v1/applications", new JsonObject { ["serviceId"] = "DKP-KTP", ["siteId"] = site.ToString() }))
            .AssertProblemAsync(400))["errors"]!["siteId"]);

        mall.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero));
        manager = await mall.ClientForAsync(Accounts.Manager);
        var report = await manager.GetJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/report");
        Assert.Equal(1, report["applications"]!.GetValue<int>());
        Assert.Equal(1, report["services"]!.AsArray().Single(s => s!["serviceId"]!.GetValue<string>() == ktp.ToString())!["applications"]!.GetValue<int>());
        var period = await manager.GetJsonAsync("/api/v1/outreach/reports?from=2026-12-05&to=2026-12-05");
        Assert.Equal(1, period["byStop"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "Cisaat")!["applications"]!.GetValue<int>());
        Assert.True(period["applications"]!.GetValue<int>() >= 1);
    }
}
