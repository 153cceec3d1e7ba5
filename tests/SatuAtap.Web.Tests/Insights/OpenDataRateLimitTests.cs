using System.Net;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Insights;

/// <summary>A mall with the limits on and three open-data requests per address per minute.</summary>
public sealed class OpenDataLimitedMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["Insights:OpenDataPerMinute"] = "3",
    };
}

public sealed class OpenDataRateLimitTests(OpenDataLimitedMall mall) : IClassFixture<OpenDataLimitedMall>
{
    [Fact]
    public async Task TheFourthOpenDataRequestOfAMinute_Is429()
    {
        var client = mall.CreateClient();
        const string url = "/api/v1/insights/open-data?from=2026-06-01&to=2026-06-30";
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        var refused = await client.GetAsync(url);
        await refused.AssertProblemAsync(429);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
