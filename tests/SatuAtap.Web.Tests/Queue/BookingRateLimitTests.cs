using System.Net;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

public sealed class RateLimitedMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:BookingsPerAddressPerMinute"] = "4",
        ["RateLimiting:BookingsPerPhonePerHour"] = "2",
    };
}

public sealed class BookingRateLimitTests(RateLimitedMall mall) : IClassFixture<RateLimitedMall>
{
    [Fact]
    public async Task TooManyBookings_WithOnePhone_OrFromOneAddress_Are429()
    {
        var client = mall.CreateClient();
        var slot = Guid.NewGuid();
        // The same phone: two attempts pass the limiter (and meet the unknown slot), the third is refused.
        await (await client.BookAsync(slot, "081266660000")).AssertProblemAsync(404);
        await (await client.BookAsync(slot, "0812-6666-0000")).AssertProblemAsync(404);
        var phone = await (await client.BookAsync(slot, "+6281266660000")).AssertProblemAsync(429);
        Assert.Contains("nomor HP", phone["detail"]!.GetValue<string>());
        // The address has now made 3 of its 4; the fifth from it is refused whatever the phone.
        await (await client.BookAsync(slot, "081266660001")).AssertProblemAsync(404);
        var address = await client.BookAsync(slot, "081266660002");
        await address.AssertProblemAsync(429);
        Assert.True(address.Headers.RetryAfter is not null || address.StatusCode == HttpStatusCode.TooManyRequests);
    }
}
