using System.Net;
using AngleSharp.Html.Parser;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Outreach;

/// <summary>The mobile unit's pages as HTML through the test host, without JavaScript. The clock is Monday 30 November 2026.</summary>
public sealed class OutreachPageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static readonly HtmlParser Parser = new();

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> HtmlAsync(string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await mall.CreateClient().GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{url}: {(int)response.StatusCode}: {text[..Math.Min(500, text.Length)]}");
        return Parser.ParseDocument(text);
    }

    private static string Text(AngleSharp.Dom.IElement e) => System.Text.RegularExpressions.Regex.Replace(e.TextContent, @"\s+", " ");

    [Fact]
    public async Task TheSchedule_FilteredByServiceAndStop_ListsTheNextVisitWithABookingLink_AndTheCalendar()
    {
        var (_, site) = await mall.StopAsync("SURADE");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var page = await HtmlAsync("/keliling?layanan=DKP-KTP&lokasi=surade&bulan=2026-12");

        var first = page.QuerySelector("ul.visits > li")!;
        Assert.Contains("Selasa, 1 Desember 2026, 08.00–14.00 WIB", first.TextContent);
        Assert.Contains("Kantor Kecamatan Surade", first.TextContent);
        Assert.Equal($"/antrian/pesan?lokasi={site}&layanan={ktp}&tanggal=2026-12-01", first.QuerySelector("a.button")!.GetAttribute("href"));
        Assert.DoesNotContain(page.QuerySelectorAll("ul.visits > li"), li => li.TextContent.Contains("Cisaat"));
        var day1 = page.QuerySelectorAll("table.calendar td").First(td => td.QuerySelector(".day")?.TextContent == "1");
        Assert.Equal("/keliling/surade", day1.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AStopPage_SaysWhenTheUnitComesNext_WhereAndWithWhat_InBothLanguages()
    {
        var page = await HtmlAsync("/keliling/surade");
        var lead = Text(page.QuerySelector("#berikutnya")!);
        Assert.Contains("Kunjungan berikutnya ke Surade:", lead);
        Assert.Contains("Selasa, 1 Desember 2026, 08.00–14.00 WIB", lead);
        Assert.Contains("Kantor Kecamatan Surade", lead);
        Assert.Contains("openstreetmap.org", page.QuerySelector("dl.facts a")!.GetAttribute("href"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("/antrian/pesan?lokasi=", StringComparison.Ordinal));

        var english = await HtmlAsync("/keliling/surade?lang=en");
        Assert.Contains("Next visit to Surade: Tuesday 1 December 2026, 08:00–14:00 WIB", Text(english.QuerySelector("#berikutnya")!));
        await HtmlAsync("/keliling/tidak-ada", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AMobileSitesBookingPage_OffersTheVisitsServices_AndItsKioskOnADayWithoutAVisitSaysWhenTheNextIs()
    {
        var (_, site) = await mall.StopAsync("SURADE");
        var booking = await HtmlAsync($"/antrian/pesan?lokasi={site}");
        Assert.Contains(booking.QuerySelectorAll("#layanan option"), o => o.TextContent.Contains("KTP-el"));
        Assert.Contains("Selasa, 1 Desember 2026", booking.QuerySelector("#kunjungan-berikutnya")!.ParentElement!.TextContent);

        var kiosk = await HtmlAsync($"/antrian/{site}/kiosk");
        Assert.Empty(kiosk.QuerySelectorAll("button[name=serviceId]"));
        Assert.Contains("Selasa, 1 Desember 2026, 08.00–14.00 WIB", Text(kiosk.QuerySelector(".next-visit")!));
        var board = await HtmlAsync($"/antrian/{site}/papan");
        Assert.Contains("Kunjungan berikutnya", board.QuerySelector(".next-visit")!.TextContent);
    }

    [Fact]
    public async Task TheHomePage_AndAServicePage_ShowTheComingVisits()
    {
        var home = await HtmlAsync("/");
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/keliling/surade");
        var service = await HtmlAsync("/layanan/DKP-KTP");
        Assert.Contains(service.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/keliling/surade" && a.ParentElement!.TextContent.Contains("1 Desember 2026"));
    }

    [Fact]
    public async Task ThePosterPreview_HasTheDatesAQrCodeAndThePdfLink()
    {
        var (stop, _) = await mall.StopAsync("SURADE");
        var page = await HtmlAsync("/keliling/surade/poster?bulan=2026-12");
        Assert.Contains("Selasa, 1 Desember 2026", page.QuerySelector("table")!.TextContent);
        Assert.NotNull(page.QuerySelector("svg.qr"));
        Assert.Equal($"/api/v1/outreach/stops/{stop}/poster.pdf?month=2026-12", page.QuerySelector("a.button")!.GetAttribute("href"));
    }
}

/// <summary>A visit's day at the stop: the kiosk offers only that visit's services, as the counters placed there serve them. Its own mall: the clock moves.</summary>
public sealed class VisitDayTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task OnTheVisitsDay_TheKioskOffersOnlyItsServices_AndIssuesATicketThatTheBoardCalls()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var (_, site) = await mall.StopAsync("SURADE");
        var l01 = await mall.CounterAsync("L01");
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PutAsync($"/api/v1/sites/{site}/counters/{l01}", null)).StatusCode);
        // Tuesday 1 December 2026, 08.30 WIB: the demo visit to Surade is under way.
        mall.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 1, 30, 0, TimeSpan.Zero));
        var client = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var kiosk = new HtmlParser().ParseDocument(await client.GetStringAsync($"/antrian/{site}/kiosk"));
        var buttons = kiosk.QuerySelectorAll("button[name=serviceId]").Select(b => b.TextContent).ToList();
        Assert.Contains(buttons, b => b.Contains("KTP-el"));
        // Counter 1 also serves services the visit does not bring (a birth certificate): not offered at the stop.
        Assert.DoesNotContain(buttons, b => b.Contains("Akta Kelahiran"));
        Assert.Null(kiosk.QuerySelector(".next-visit"));
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var issued = await client.PostJsonAsync($"/api/v1/sites/{site}/tickets", new System.Text.Json.Nodes.JsonObject { ["serviceId"] = ktp.ToString() });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var number = (await issued.ReadJsonAsync())["number"]!.GetValue<string>();

        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/counters/{l01}/call-next", null)).StatusCode);
        var board = new HtmlParser().ParseDocument(await client.GetStringAsync($"/antrian/{site}/papan"));
        Assert.Contains(number, board.QuerySelector(".board-latest")!.TextContent);
        Assert.Null(board.QuerySelector(".next-visit"));
    }
}

/// <summary>The managers' page of the circuit. Its own mall: it cancels a demo visit.</summary>
public sealed class OutreachStaffPageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task TheManagersPage_ShowsWhereDemandWentOverTheQuota_AndCancelsAVisitWithItsReason()
    {
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        var page = await manager.GetPageAsync("/kelola/keliling");
        Assert.NotEmpty(page.QuerySelectorAll("table tbody tr"));
        Assert.Contains("km", page.QuerySelector("dl.facts")!.TextContent);
        var visitId = page.QuerySelector("input[name=visitId]")!.GetAttribute("value")!;

        var response = await manager.PostFormAsync("/kelola/keliling", "Cancel", new() { ["visitId"] = visitId, ["catatan"] = "Jalan longsor." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("dibatalkan", (await response.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        var visit = await mall.CreateClient().GetJsonAsync($"/api/v1/outreach/visits/{visitId}");
        Assert.Equal("cancelled", visit["status"]!.GetValue<string>());
        Assert.Equal("Jalan longsor.", visit["note"]!.GetValue<string>());
        var officer = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        Assert.StartsWith("/akun/ditolak", (await officer.GetAsync("/kelola/keliling")).Headers.Location!.PathAndQuery);
    }
}

/// <summary>The kiosk API at a stop takes tickets only for the services of that day's visit. Its own mall: the clock moves.</summary>
public sealed class VisitKioskApiTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task AtAStop_TheKioskApi_TakesOnlyTheVisitsServices_AndOnADayWithoutAVisitNamesTheNextOne()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var (_, site) = await mall.StopAsync("SURADE");
        var l01 = await mall.CounterAsync("L01");
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PutAsync($"/api/v1/sites/{site}/counters/{l01}", null)).StatusCode);
        var client = mall.CreateClient();
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var birth = await mall.ServiceAsync("DKP-AKTA-LAHIR");

        // Tuesday 1 December 2026, 09.00 WIB: the visit to Surade brings ID cards, not birth certificates, although counter 1 serves both.
        mall.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var refused = await client.PostJsonAsync($"/api/v1/sites/{site}/tickets", new System.Text.Json.Nodes.JsonObject { ["serviceId"] = birth.ToString() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("tidak dibawa", (await refused.ReadJsonAsync())["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostJsonAsync($"/api/v1/sites/{site}/tickets", new System.Text.Json.Nodes.JsonObject { ["serviceId"] = ktp.ToString() })).StatusCode);

        // Wednesday 2 December: no visit to Surade; the answer names the next one, Tuesday 8 December.
        mall.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        var none = await client.PostJsonAsync($"/api/v1/sites/{site}/tickets", new System.Text.Json.Nodes.JsonObject { ["serviceId"] = ktp.ToString() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Contains("8 Desember 2026", (await none.ReadJsonAsync())["detail"]!.GetValue<string>());
    }
}
