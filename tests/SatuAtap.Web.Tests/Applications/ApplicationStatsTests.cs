using System.Net;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>Backlog and SLA compliance, checked against a small scenario built through the API (one database for this class only).</summary>
public sealed class ApplicationStatsTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private void SetLocal(int month, int day, int hour = 9) =>
        mall.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(7)));

    [Fact]
    public async Task Stats_CountOpenOverdueAndOnTime_PerAgencyAndService()
    {
        // Monday 30 November: five KTP applications, each due Tuesday 1 December (one working day).
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var a1 = (await SubmittedKtpAsync(citizen)).Id;
        var a2 = (await SubmittedKtpAsync(citizen)).Id;
        var a3 = (await SubmittedKtpAsync(citizen)).Id;
        var a4 = (await SubmittedKtpAsync(citizen)).Id;
        await ActOkAsync(officer, a1, "claim");
        await ActOkAsync(officer, a1, "approve");          // on time
        await ActOkAsync(officer, a2, "claim");
        await ActOkAsync(officer, a2, "reject", "Data tidak sesuai.");  // on time
        await ActOkAsync(officer, a3, "claim");
        await ActOkAsync(officer, a4, "claim");
        await ActOkAsync(officer, a4, "return", "Lengkapi dokumen."); // waits on the citizen: open, clock stopped

        // Thursday 3 December: a3 approved late, a5 submitted (due Friday), a6 from Monday left lying.
        SetLocal(12, 3);
        citizen = await mall.ClientForAsync(Accounts.Citizen);
        officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        await ActOkAsync(officer, a3, "approve");          // late: due 1 December
        await SubmittedKtpAsync(citizen);                  // a5: open, not overdue

        SetLocal(12, 7); // Monday 7 December: a5 (due Friday 4) is now overdue
        // From the test's first day: the demo's past mobile-unit visits (before the seed date, 30 November) carry
        // applications of their own.
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);
        var report = await head.GetJsonAsync("/api/v1/applications/stats?from=2026-11-30&to=2026-12-31");
        var row = Assert.Single(report["rows"]!.AsArray(), r => r!["serviceCode"]!.GetValue<string>() == "DKP-KTP")!;
        Assert.Equal("DUKCAPIL", row["agencyCode"]!.GetValue<string>());
        Assert.Equal(2, row["open"]!.GetValue<int>());             // a4 (returned), a5
        Assert.Equal(1, row["overdue"]!.GetValue<int>());          // a5
        Assert.Equal(3, row["completed"]!.GetValue<int>());        // a1, a2, a3
        Assert.Equal(2, row["completedOnTime"]!.GetValue<int>());  // a1, a2
        Assert.Equal(66.7, row["onTimePercent"]!.GetValue<double>());
        Assert.All(report["rows"]!.AsArray(), r => Assert.Equal("DUKCAPIL", r!["agencyCode"]!.GetValue<string>()));

        // Only Monday's decisions in range.
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var monday = await manager.GetJsonAsync("/api/v1/applications/stats?serviceId=DKP-KTP&from=2026-11-30&to=2026-11-30");
        var only = Assert.Single(monday["rows"]!.AsArray())!;
        Assert.Equal(2, only["completed"]!.GetValue<int>());
        Assert.Equal(100.0, only["onTimePercent"]!.GetValue<double>());
        Assert.Equal(2, only["open"]!.GetValue<int>());
        Assert.Equal(2, monday["total"]!["completed"]!.GetValue<int>());

        // The page shows the same numbers, without JavaScript.
        var page = await (await mall.PageClientForAsync(Accounts.DukcapilHead)).GetAsync("/kelola/permohonan/kinerja?dari=2026-11-30&sampai=2026-12-31");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var doc = await page.ParseAsync();
        var cells = doc.QuerySelectorAll("tbody tr").First(tr => tr.TextContent.Contains("(DKP-KTP)")).QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["2", "1", "3", "2", "66,7 %"], cells[2..]);
        Assert.Null(doc.QuerySelector("select#instansi")); // an agency head sees the own agency only
        var officerPage = await (await mall.PageClientForAsync(Accounts.DukcapilOfficer)).GetAsync("/kelola/permohonan/kinerja");
        Assert.NotEqual(HttpStatusCode.OK, officerPage.StatusCode);

        var executive = await mall.ClientForAsync(Accounts.Regent);
        var dpm = await executive.GetJsonAsync("/api/v1/applications/stats?agencyId=DPMPTSP&from=2026-11-01&to=2026-12-31");
        Assert.DoesNotContain(dpm["rows"]!.AsArray(), r => r!["serviceCode"]!.GetValue<string>() == "DKP-KTP");
    }

    [Fact]
    public async Task Stats_AgencyHeadAsksForAnotherAgency_403_AndOthersAreRefused()
    {
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);
        await (await head.GetAsync("/api/v1/applications/stats?agencyId=DPMPTSP")).AssertProblemAsync(403);
        var own = await head.GetAsync("/api/v1/applications/stats?agencyId=DUKCAPIL");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        await (await officer.GetAsync("/api/v1/applications/stats")).AssertProblemAsync(403);
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync("/api/v1/applications/stats")).StatusCode);

        var manager = await mall.ClientForAsync(Accounts.Manager);
        var bad = await (await manager.GetAsync("/api/v1/applications/stats?from=2026-13-01")).AssertProblemAsync(400);
        Assert.NotNull(bad["errors"]!["from"]);
        var unknown = await (await manager.GetAsync("/api/v1/applications/stats?agencyId=NOPE")).AssertProblemAsync(400);
        Assert.NotNull(unknown["errors"]!["agencyId"]);
    }
}
