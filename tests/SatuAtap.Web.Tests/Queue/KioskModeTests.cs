using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>The kiosk page in kiosk mode: no site menu, the services of the day grouped by need then agency, a search that works without JavaScript, and a ticket that returns to the start.</summary>
public sealed class KioskModeTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task TheKiosk_HasNoSiteMenu_AndGroupsTheServicesByNeedThenAgency()
    {
        var site = await mall.BuildingAsync();
        var page = await mall.CreateClient().GetPageAsync($"/antrian/{site}/kiosk");
        Assert.Null(page.QuerySelector("header.top"));
        Assert.Null(page.QuerySelector("footer.foot"));
        Assert.Empty(page.QuerySelectorAll("a[href='/akun/masuk'], a[href='/akun/daftar'], a[hreflang=en]"));
        var needs = page.QuerySelectorAll(".kiosk-need");
        Assert.True(needs.Length >= 2, "services grouped by need");
        foreach (var need in needs)
        {
            Assert.NotNull(need.QuerySelector("h3"));
            Assert.NotEmpty(need.QuerySelectorAll("h4"));
            Assert.NotEmpty(need.QuerySelectorAll("button[name=serviceId]"));
        }
        // Each service is offered once.
        var ids = page.QuerySelectorAll("button[name=serviceId]").Select(b => b.GetAttribute("value")).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(page.QuerySelectorAll("button[name=serviceId]"), b => b.TextContent.Contains("Kartu Keluarga"));
    }

    [Fact]
    public async Task TheSearch_IsAGetForm_ThatNarrowsTheServices()
    {
        var site = await mall.BuildingAsync();
        var all = await mall.CreateClient().GetPageAsync($"/antrian/{site}/kiosk");
        var form = all.QuerySelector("form[role=search]")!;
        Assert.Equal("get", form.GetAttribute("method"));
        var found = await mall.CreateClient().GetPageAsync($"/antrian/{site}/kiosk?cari=skck");
        var buttons = found.QuerySelectorAll("button[name=serviceId]");
        Assert.NotEmpty(buttons);
        Assert.True(buttons.Length < all.QuerySelectorAll("button[name=serviceId]").Length);
        Assert.All(buttons, b => Assert.Contains("Catatan Kepolisian", b.TextContent));
        var none = await mall.CreateClient().GetPageAsync($"/antrian/{site}/kiosk?cari=zzqqxx");
        Assert.Empty(none.QuerySelectorAll("button[name=serviceId]"));
        Assert.Contains("zzqqxx", none.QuerySelector("[role=status]")!.TextContent);
    }

    [Fact]
    public async Task TheTicket_ForA58mmPrinter_IsLaidOutForIt_AndReturnsToTheStart()
    {
        var client = mall.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var site = await mall.BuildingAsync();
        var kiosk = await client.GetPageAsync($"/antrian/{site}/kiosk?kertas=58");
        var form = kiosk.QuerySelectorAll("form.kiosk-grid")[0];
        Assert.Contains("kertas=58", form.GetAttribute("action"));
        var button = kiosk.QuerySelectorAll("button[name=serviceId]")[0];
        var response = await client.PostAsync(form.GetAttribute("action")!, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = kiosk.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["serviceId"] = button.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var ticket = await client.GetPageAsync(response.Headers.Location!.ToString());
        Assert.NotNull(ticket.QuerySelector("article.ticket.paper-58"));
        Assert.Null(ticket.QuerySelector("header.top"));
        Assert.Contains($"content=\"20;url=/antrian/{site}/kiosk?kertas=58\"", ticket.QuerySelector("head noscript")!.InnerHtml);
        Assert.Equal($"/antrian/{site}/kiosk?kertas=58", ticket.QuerySelector("article.ticket")!.GetAttribute("data-kembali"));
    }
}
