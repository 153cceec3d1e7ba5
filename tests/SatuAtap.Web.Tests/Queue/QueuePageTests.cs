using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>The queue pages as HTML through the test host, without JavaScript.</summary>
public sealed class QueuePageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static readonly HtmlParser Parser = new();

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> HtmlAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text[..Math.Min(500, text.Length)]}");
        return Parser.ParseDocument(text);
    }

    private static FormUrlEncodedContent Form(AngleSharp.Html.Dom.IHtmlDocument page, params (string, string)[] fields) =>
        new([new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
             .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]);

    [Fact]
    public async Task Kiosk_IssuesATicket_ThatShowsNumberPositionAndQr()
    {
        var client = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var site = await mall.BuildingAsync();
        var kiosk = await HtmlAsync(await client.GetAsync($"/antrian/{site}/kiosk"));
        var button = kiosk.QuerySelectorAll("button[name=serviceId]").First(b => b.TextContent.Contains("Kartu Keluarga"));
        var response = await client.PostAsync($"/antrian/{site}/kiosk?handler=Service", Form(kiosk, ("serviceId", button.GetAttribute("value")!)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/antrian/tiket/", response.Headers.Location!.ToString());
        var ticket = await HtmlAsync(await client.GetAsync(response.Headers.Location));
        Assert.Matches("^A-\\d{3}$", ticket.QuerySelector(".ticket-number")!.TextContent);
        Assert.NotNull(ticket.QuerySelector("#posisi"));
        Assert.NotNull(ticket.QuerySelector("svg.qr"));
        // Printed at the kiosk: the page goes back to the kiosk's start for the next person.
        Assert.Contains($"content=\"20;url=/antrian/{site}/kiosk\"", ticket.QuerySelector("head noscript")!.InnerHtml);
        Assert.Equal($"/antrian/{site}/kiosk", ticket.QuerySelector("article.ticket")!.GetAttribute("data-kembali"));
    }

    [Fact]
    public async Task Kiosk_UnknownBookingCode_ShowsTheReason()
    {
        var client = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var site = await mall.BuildingAsync();
        var kiosk = await HtmlAsync(await client.GetAsync($"/antrian/{site}/kiosk"));
        var response = await client.PostAsync($"/antrian/{site}/kiosk?handler=Booking", Form(kiosk, ("bookingCode", "ZZZZ9999")));
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("tidak ditemukan", page.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Citizen_BooksOnThePage_GetsCodeAndQr_ThenCancels()
    {
        var client = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("DKP-KTP");
        var day = DateOnly.FromDateTime(mall.Clock.GetUtcNow().UtcDateTime.AddHours(7)).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = await HtmlAsync(await client.GetAsync($"/antrian/pesan?lokasi={site}&layanan={service}&tanggal={day}"));
        Assert.NotEmpty(page.QuerySelectorAll(".cards a"));
        var slot = page.QuerySelector("input[name=slotId]:not([disabled])")!.GetAttribute("value")!;
        var bad = await client.PostAsync($"/antrian/pesan?lokasi={site}&layanan={service}&tanggal={day}",
            Form(page, ("slotId", slot), ("name", "Dewi"), ("phone", "123"), ("nik", "")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull(Parser.ParseDocument(await bad.Content.ReadAsStringAsync()).QuerySelector("#phone-error"));

        var booked = await client.PostAsync($"/antrian/pesan?lokasi={site}&layanan={service}&tanggal={day}",
            Form(page, ("slotId", slot), ("name", "Dewi Lestari"), ("phone", "0813 1111 2222"), ("nik", "")));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var detail = await HtmlAsync(await client.GetAsync(booked.Headers.Location));
        Assert.Equal(8, detail.QuerySelector("#kode")!.TextContent.Trim().Length);
        Assert.NotNull(detail.QuerySelector("svg.qr"));
        // Anyone with the address sees the personal data masked.
        Assert.Equal("D*** L******", detail.QuerySelector("#nama")!.TextContent.Trim());
        Assert.Equal("0813****2222", detail.QuerySelector("#hp")!.TextContent.Trim());
        Assert.DoesNotContain("081311112222", detail.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var cancelled = await client.PostAsync(booked.Headers.Location + "?handler=Cancel", Form(detail));
        var after = await HtmlAsync(await client.GetAsync(cancelled.Headers.Location));
        Assert.Equal("Dibatalkan", after.QuerySelector("#status")!.TextContent.Trim());
        // Cancelling asked first; once cancelled, the page no longer tells anyone to show the code at the kiosk.
        Assert.Contains("Ya, batalkan", detail.QuerySelector("details.confirm button")!.TextContent);
        Assert.Null(after.QuerySelector("svg.qr"));
        Assert.DoesNotContain("di kios saat tiba", after.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.Contains("sudah dibatalkan", after.QuerySelector("#selesai")!.TextContent);
    }

    [Fact]
    public async Task Board_WithoutJavaScript_RefreshesItself_AndListsCalls()
    {
        var site = await mall.BuildingAsync();
        var board = await HtmlAsync(await mall.CreateClient().GetAsync($"/antrian/{site}/papan"));
        Assert.Contains("http-equiv=\"refresh\"", board.QuerySelector("head noscript")!.InnerHtml);
        Assert.NotNull(board.QuerySelector("#panggilan"));
        Assert.NotNull(board.QuerySelector("[aria-live]"));
    }

    [Fact]
    public async Task Queue_PagesForUnknownSites_Are404()
    {
        var client = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/antrian/{Guid.NewGuid()}/kiosk")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/antrian/{Guid.NewGuid()}/papan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/antrian/tiket/{Guid.NewGuid()}")).StatusCode);
        // An unknown booking code: the lookup page says it is not found (404) and offers the form again.
        var unknown = await client.GetAsync("/antrian/pesan/nope1234");
        Assert.Equal("/antrian/pesan/cari?kode=NOPE1234", unknown.Headers.Location!.ToString());
        var lookup = await client.GetAsync(unknown.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        var said = Parser.ParseDocument(await lookup.Content.ReadAsStringAsync());
        Assert.Contains("Kode pemesanan NOPE1234 tidak ditemukan", said.QuerySelector("#tidak-ditemukan")!.TextContent);
        Assert.Equal("NOPE1234", said.QuerySelector("input#kode")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/antrian")).StatusCode);
    }
}
