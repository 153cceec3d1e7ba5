using System.Net;
using Ical.Net;
using SatuAtap.Tests.Documents;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Outreach;

/// <summary>The public schedule: stops, visits, the calendar feed read back, and the poster.</summary>
public sealed class ScheduleFeedTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task TheStops_AreTheFiveDistrictOffices_WithCoordinatesAndTheirQueueSite()
    {
        var stops = (await mall.CreateClient().GetJsonAsync("/api/v1/outreach/stops")).AsArray();

        Assert.Equal(["Cicurug", "Cisaat", "Palabuhanratu", "Sukaraja", "Surade"], stops.Select(s => s!["name"]!.GetValue<string>()));
        var surade = stops.Single(s => s!["name"]!.GetValue<string>() == "Surade")!;
        Assert.Equal("Kantor Kecamatan Surade", surade["address"]!.GetValue<string>());
        Assert.Equal("Surade", surade["district"]!.GetValue<string>());
        Assert.InRange(surade["latitude"]!.GetValue<double>(), -7.5, -7);
        Assert.InRange(surade["longitude"]!.GetValue<double>(), 106, 107);
        Assert.Equal((await mall.StopAsync("SURADE")).SiteId.ToString(), surade["siteId"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheDemoCircuit_ComesToEveryStopInTheComingWeeks_FilteredByService()
    {
        var client = mall.CreateClient();
        var (surade, _) = await mall.StopAsync("SURADE");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var visits = (await client.GetJsonAsync($"/api/v1/outreach/visits?stopId={surade}&serviceId={ktp}")).AsArray();

        var next = visits.First()!;
        // The clock is Monday 30 November 2026; the unit comes to Surade on Tuesdays, 08.00–14.00 WIB.
        Assert.Equal("2026-12-01T08:00:00+07:00", next["start"]!.GetValue<string>());
        Assert.Equal("2026-12-01T14:00:00+07:00", next["end"]!.GetValue<string>());
        Assert.Equal("planned", next["status"]!.GetValue<string>());
        Assert.Contains(next["services"]!.AsArray(), s => s!["serviceId"]!.GetValue<string>() == ktp.ToString() && s["remaining"]!.GetValue<int>() == s["quota"]!.GetValue<int>());
        Assert.True(visits.Count >= 8);
        var all = (await client.GetJsonAsync("/api/v1/outreach/visits?from=2026-12-01&to=2027-01-24")).AsArray();
        Assert.Equal(5, all.Select(v => v!["stop"]!["id"]!.GetValue<string>()).Distinct().Count());
        Assert.DoesNotContain(all, v => v!["start"]!.GetValue<string>().StartsWith("2026-12-25", StringComparison.Ordinal));
        // Services of at least three agencies travel.
        Assert.True(next["services"]!.AsArray().Count >= 3);
    }

    [Fact]
    public async Task TheFeed_ParsedBack_HasEveryVisitAtTheRightUtcInstant_WithPlaceServicesAndLink()
    {
        var client = mall.CreateClient();
        var (surade, _) = await mall.StopAsync("SURADE");
        var response = await client.GetAsync($"/api/v1/outreach/stops/{surade}/schedule.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);

        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var visits = (await client.GetJsonAsync($"/api/v1/outreach/visits?stopId={surade}&from=2026-10-31&to=2027-02-28")).AsArray();
        // Visits at the same hours with the same services are one event with their dates as RDATE: every visit is an occurrence.
        var occurrences = calendar.GetOccurrences().ToList();
        Assert.Equal(visits.Select(v => v!["start"]!.GetValue<DateTimeOffset>().UtcDateTime).Order(), occurrences.Select(o => o.Period.StartTime.AsUtc).Order());
        var first = occurrences.OrderBy(o => o.Period.StartTime.AsUtc).First(o => o.Period.StartTime.AsUtc > mall.Clock.GetUtcNow().UtcDateTime);
        // 08.00 WIB is 01.00 UTC, 14.00 WIB is 07.00 UTC.
        Assert.Equal(new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc), first.Period.StartTime.AsUtc);
        Assert.Equal(new DateTime(2026, 12, 1, 7, 0, 0, DateTimeKind.Utc), first.Period.EffectiveEndTime!.AsUtc);
        var e = (Ical.Net.CalendarComponents.CalendarEvent)first.Source;
        Assert.Contains("Kantor Kecamatan Surade", e.Location);
        Assert.Contains("KTP", e.Description);
        Assert.Equal($"{MallFactory.PublicBaseUrl}/keliling/surade", e.Url!.ToString());

        var whole = Calendar.Load(await client.GetStringAsync("/api/v1/outreach/schedule.ics"))!;
        Assert.Equal(5, whole.Events.Select(e => e.Summary).Distinct().Count());
    }

    [Fact]
    public async Task ThePoster_ListsTheMonthsVisitsInStopTime_WithAQrCodeToTheStopPage()
    {
        var (surade, _) = await mall.StopAsync("SURADE");
        var response = await mall.CreateClient().GetAsync($"/api/v1/outreach/stops/{surade}/poster.pdf?month=2026-12");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();

        var text = PdfReading.Text(pdf);
        Assert.Contains("MPP Keliling Surade", text);
        Assert.Contains("Selasa, 1 Desember 2026", text);
        Assert.Contains("08.00–14.00 WIB", text);
        Assert.Contains("Kantor Kecamatan Surade", text);
        Assert.Contains("Penerbitan Kartu Tanda Penduduk Elektronik (KTP-el) Baru", text);
        Assert.Single(PdfReading.PageTexts(pdf));
        Assert.Equal([$"{MallFactory.PublicBaseUrl}/keliling/surade"], PdfReading.QrCodes(pdf));
    }
}
