using System.Net.Http.Json;
using System.Text.RegularExpressions;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Identity;

/// <summary>The audit page reads in Indonesian, names records instead of showing their ids, pages and filters.</summary>
public sealed class AuditPageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static readonly Regex Guid = new("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase);

    [Fact]
    public async Task TheLog_IsInIndonesian_NamesItsRecords_AndPages()
    {
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        var page = await manager.GetPageAsync("/kelola/audit");
        var items = page.QuerySelectorAll(".audit > li");
        Assert.Equal(50, items.Length);
        var headlines = string.Join("\n", items.Select(li => li.QuerySelector("p")!.TextContent + " " + li.QuerySelector(".meta")!.TextContent));
        Assert.DoesNotMatch(Guid, headlines);
        foreach (var english in new[] { "created", "updated", "anonymous", "AgreementCounter", "ServiceTopics" })
            Assert.DoesNotContain(english, headlines);
        Assert.Contains("dibuat", headlines);
        Assert.Contains("oleh Sistem", headlines);
        // The seeded catalog is far more than one page.
        var next = page.QuerySelector(".pager a")!;
        Assert.Equal("/kelola/audit?hal=2", next.GetAttribute("href"));
        var second = await manager.GetPageAsync("/kelola/audit?hal=2");
        Assert.Contains("halaman 2 dari", second.QuerySelector("main .meta")!.TextContent);
        Assert.Empty(items.Select(li => li.TextContent).Intersect(second.QuerySelectorAll(".audit > li").Select(li => li.TextContent)));
        // A link between two records is named by both.
        var link = (await manager.GetPageAsync("/kelola/audit?jenis=ServiceTopics")).QuerySelector(".audit > li p")!.TextContent;
        Assert.StartsWith("Topik layanan: ", link);
        Assert.Contains(" — ", link);
        Assert.DoesNotMatch(Guid, link);
        // A record without a name of its own is named by what it points at: a mobile-unit visit by its stop and day.
        var visit = (await manager.GetPageAsync("/kelola/audit?jenis=Visit")).QuerySelector(".audit > li p")!.TextContent;
        Assert.StartsWith("Kunjungan MPP keliling: ", visit);
        Assert.Matches(@"\d{1,2} \w+ 20\d\d", visit);
        Assert.DoesNotMatch(Guid, visit);
    }

    [Fact]
    public async Task AChange_IsFoundByItsAccountKindActionAndDay_WithTheFieldsThatChanged()
    {
        var api = await mall.ClientForAsync(Accounts.Manager);
        (await api.PostAsJsonAsync("/api/v1/calendar/holidays", new { date = "2030-05-06", kind = "national", name = "Libur uji audit" })).EnsureSuccessStatusCode();
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        var found = await manager.GetPageAsync("/kelola/audit?jenis=Holiday&tindakan=created&oleh=PENGELOLA&dari=2026-11-30&sampai=2026-11-30");
        var item = Assert.Single(found.QuerySelectorAll(".audit > li"));
        Assert.Contains("Hari libur: Libur uji audit", item.QuerySelector("p")!.TextContent);
        Assert.Contains("dibuat", item.QuerySelector("p")!.TextContent);
        Assert.Contains(Accounts.Manager, item.QuerySelector(".meta")!.TextContent);
        Assert.Contains("2030-05-06", item.QuerySelector(".changes")!.TextContent);
        // Another day, another account or another action: nothing.
        foreach (var query in new[] { "dari=2026-12-01", "oleh=dukcapil", "tindakan=deleted" })
            Assert.Empty((await manager.GetPageAsync("/kelola/audit?jenis=Holiday&" + query)).QuerySelectorAll(".audit > li"));
    }

    [Fact]
    public async Task OnlyManagersReadTheLog()
    {
        var officer = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        var refused = await officer.GetAsync("/kelola/audit");
        Assert.StartsWith("/akun/ditolak", refused.Headers.Location!.PathAndQuery);
    }
}
