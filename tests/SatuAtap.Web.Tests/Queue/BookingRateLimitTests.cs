using System.Globalization;
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

/// <summary>The booking page counts against the same per-address budget as the API (a class of its own: a fresh budget).</summary>
public sealed class BookingPageRateLimitTests(RateLimitedMall mall) : IClassFixture<RateLimitedMall>
{
    [Fact]
    public async Task BookingPage_SharesThePerAddressLimit_WithTheApi()
    {
        var client = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("DKP-KTP");
        var day = DateOnly.FromDateTime(mall.Clock.GetUtcNow().UtcDateTime.AddHours(7)).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var url = $"/antrian/pesan?lokasi={site}&layanan={service}&tanggal={day}";
        // Reading the page is not a booking: it is not counted.
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync(url));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Task<HttpResponseMessage> PostPage(string phone) => client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["slotId"] = Guid.NewGuid().ToString(), ["name"] = "Dewi", ["phone"] = phone, ["nik"] = "",
        }));

        // 4 per address: two through the API and two through the page pass the limiter (and meet the unknown slot) …
        await (await client.BookAsync(Guid.NewGuid(), "081277770001")).AssertProblemAsync(404);
        await (await client.BookAsync(Guid.NewGuid(), "081277770002")).AssertProblemAsync(404);
        Assert.Equal(HttpStatusCode.NotFound, (await PostPage("081277770003")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostPage("081277770004")).StatusCode);
        // … the fifth from the address is refused on the page, with a phone never used, and on the API after it.
        var refused = await PostPage("081277770005");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("alamat ini", html.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(refused.Headers.RetryAfter);
        await (await client.BookAsync(Guid.NewGuid(), "081277770006")).AssertProblemAsync(429);
    }
}
