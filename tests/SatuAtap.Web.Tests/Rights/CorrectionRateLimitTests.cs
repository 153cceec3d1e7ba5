using System.Net;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Rights.RightsDriver;

namespace SatuAtap.Web.Tests.Rights;

public sealed class PublicWritesLimitedMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:PublicWritesPerMinute"] = "2",
    };
}

/// <summary>Sending correction requests counts against the per-address budget of public writes.</summary>
public sealed class CorrectionRateLimitTests(PublicWritesLimitedMall mall) : IClassFixture<PublicWritesLimitedMall>
{
    [Fact]
    public async Task A_third_correction_request_in_a_minute_from_one_address_is_429()
    {
        var (_, email) = await CitizenAsync(mall);
        var citizen = await mall.ClientForAsync(email);
        var body = new JsonObject { ["whatIsWrong"] = "Nama", ["shouldBe"] = "Nama benar" };
        Assert.Equal(HttpStatusCode.Created, (await citizen.PostJsonAsync("/api/v1/me/corrections", body.DeepClone())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await citizen.PostJsonAsync("/api/v1/me/corrections", body.DeepClone())).StatusCode);
        await (await citizen.PostJsonAsync("/api/v1/me/corrections", body.DeepClone())).AssertProblemAsync(429);
        // Reading one's own requests is not a write and is not limited.
        Assert.Equal(2, (await citizen.GetJsonAsync("/api/v1/me/corrections")).AsArray().Count);
    }
}
