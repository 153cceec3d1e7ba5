using System.Net;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>The booking page: services grouped by need or agency with a filter, days with their weekday, times as tiles, what to bring; the service page's link into it.</summary>
public sealed class BookingChoiceTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task TheServices_AreGroupedByNeedOrAgency_AndTheFilterNarrowsThem()
    {
        var site = await mall.BuildingAsync();
        var client = mall.CreateClient();
        var all = await client.GetPageAsync($"/antrian/pesan?lokasi={site}");
        var needs = all.QuerySelectorAll("#layanan optgroup").Select(g => g.GetAttribute("label")).ToList();
        Assert.True(needs.Count >= 2, "grouped by need");
        var byAgency = await client.GetPageAsync($"/antrian/pesan?lokasi={site}&kelompok=instansi");
        Assert.Contains(byAgency.QuerySelectorAll("#layanan optgroup"), g => g.GetAttribute("label")!.Contains("Kependudukan"));
        var filtered = await client.GetPageAsync($"/antrian/pesan?lokasi={site}&cari=skck");
        var options = filtered.QuerySelectorAll("#layanan option");
        Assert.NotEmpty(options);
        Assert.True(options.Length < all.QuerySelectorAll("#layanan option").Length);
        Assert.All(options, o => Assert.Contains("SKCK", o.TextContent));
    }

    [Fact]
    public async Task DaysShowTheirWeekday_TimesAreTiles_AndTheRequirementsAreRepeated_UpToTheBooking()
    {
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("DKP-KK");
        var client = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetPageAsync($"/antrian/pesan?lokasi={site}&layanan={service}");
        var firstDay = page.QuerySelectorAll("ul.cards a")[0];
        Assert.Matches("^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), ", firstDay.TextContent.Trim());
        Assert.NotEmpty(page.QuerySelectorAll(".to-bring li"));
        var day = await client.GetPageAsync("/antrian/pesan" + firstDay.GetAttribute("href"));
        var tiles = day.QuerySelectorAll("fieldset.tiles .tile input[type=radio][name=slotId]");
        Assert.NotEmpty(tiles);
        Assert.All(tiles, t => Assert.NotNull(day.QuerySelector($"label[for='{t.Id}']")));

        // The service page starts the booking with its service.
        var detail = await client.GetPageAsync("/layanan/DKP-KK");
        Assert.Contains(detail.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/antrian/pesan?layanan={service}");

        // The booking's own page repeats what to bring.
        // The day's last slot (its earlier ones may have begun already).
        var slots = (await client.GetJsonAsync($"/api/v1/sites/{site}/slots?serviceId={service}&date={firstDay.GetAttribute("href")!.Split("tanggal=")[1]}")).AsArray();
        var slot = slots[^1]!["id"]!.GetValue<string>();
        var code = (await (await client.BookAsync(Guid.Parse(slot), "081233334444")).ReadJsonAsync())["code"]!.GetValue<string>();
        var booking = await client.GetPageAsync($"/antrian/pesan/{code}");
        Assert.NotEmpty(booking.QuerySelectorAll(".to-bring li"));
    }
}
