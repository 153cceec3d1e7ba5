using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Insights;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Insights;

public sealed class CachedInsightsMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Insights:CacheSeconds"] = "60" };
}

/// <summary>
/// The memory of computed figures (Insights:CacheSeconds): the same question within the bound is answered from memory
/// (a kept row written meanwhile does not show yet), after the bound it is read again, and a rebuild forgets at once.
/// </summary>
public sealed class InsightsCacheTests(CachedInsightsMall mall) : IClassFixture<CachedInsightsMall>
{
    private static readonly DateOnly Day = new(2026, 4, 6);
    private const string Period = "from=2026-04-06&to=2026-04-06";

    private async Task KeepAsync(int ticketsServed)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        db.InsightDays.Add(new InsightDay { Day = Day, AgencyId = Guid.NewGuid(), SiteId = Guid.Empty, ServiceId = Guid.NewGuid(), District = "", TicketsServed = ticketsServed });
        await db.SaveChangesAsync();
    }

    private static async Task<int> ServedAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var json = await response.ReadJsonAsync();
        return json is JsonArray a ? a[0]!["value"]!.GetValue<int>() : json["served"]!.GetValue<int>();
    }

    [Fact]
    public async Task SameQuestion_IsAnsweredFromMemoryWithinTheBound_ReadAgainAfterIt_AndForgottenByARebuild()
    {
        var regent = await mall.ClientForAsync(Accounts.Regent);
        var summary = "/api/v1/insights/summary?" + Period;
        var series = "/api/v1/insights/series?metric=served&by=day&" + Period;
        await KeepAsync(5);
        Assert.Equal(5, await ServedAsync(regent, summary));
        Assert.Equal(5, await ServedAsync(regent, series));

        await KeepAsync(3);
        mall.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(5, await ServedAsync(regent, summary));
        Assert.Equal(5, await ServedAsync(regent, series));

        mall.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(8, await ServedAsync(regent, summary));
        Assert.Equal(8, await ServedAsync(regent, series));

        // The rebuild puts back what the records of the day say (none here): shown at once, not after the bound.
        await using (var scope = mall.Scope())
            await scope.ServiceProvider.GetRequiredService<KeepInsights>().RebuildAsync(Day, Day, default);
        Assert.Equal(0, await ServedAsync(regent, summary));
        Assert.Equal(0, await ServedAsync(regent, series));
    }
}
