using Ical.Net;
using SatuAtap.Core.Common;
using SatuAtap.Core.Outreach;

namespace SatuAtap.Core.Tests.Outreach;

public sealed class ScheduleFeedTests
{
    private static readonly string[] DemoServices =
    [
        "Penerbitan Kartu Tanda Penduduk Elektronik (KTP-el) Baru", "Penerbitan Kartu Keluarga (KK) Baru atau Perubahan Data",
        "Penerbitan Surat Keterangan Catatan Kepolisian (SKCK)", "Informasi Tagihan dan Salinan SPPT PBB-P2",
        "Pendaftaran Peserta BPJS Kesehatan (JKN) Mandiri", "Pendampingan Penerbitan Nomor Induk Berusaha (NIB) melalui OSS",
    ];

    private static List<VisitView> AYearOfTheDemoCircuit()
    {
        var offset = TimeSpan.FromHours(7);
        var stops = new[] { "Cisaat", "Surade", "Sukaraja", "Cicurug", "Palabuhanratu" }
            .Select((name, i) => new StopView(Guid.CreateVersion7(), name.ToUpperInvariant(), name, name, $"Kantor Kecamatan {name}", -7.1, 106.6,
                Guid.CreateVersion7(), "", 60, 120, "Asia/Jakarta")).ToArray();
        var services = DemoServices.Select(n => (Id: Guid.CreateVersion7(), Name: n)).ToArray();
        var visits = new List<VisitView>();
        for (var week = 0; week < 52; week++)
            for (var i = 0; i < stops.Length; i++)
            {
                var start = new DateTimeOffset(2027, 1, 4, 8, 0, 0, offset).AddDays(week * 7 + i);
                visits.Add(new VisitView(Guid.CreateVersion7(), stops[i].SiteId!.Value, Guid.CreateVersion7(), stops[i], start, start.AddHours(6), "planned", null,
                    services.Select(x => new VisitServiceView(x.Id, "X", x.Name, 20, 20, Guid.CreateVersion7())).ToList()));
            }
        return visits;
    }

    private static readonly PublicLinks Links = new(() => "https://mpp.sukabumikab.go.id");
    private static readonly DateTime Stamp = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static List<DateTime> Occurrences(string feed) =>
        Calendar.Load(feed)!.GetOccurrences().Select(o => o.Period.StartTime.AsUtc).Order().ToList();

    [Fact]
    public void AStopsFeedOfAYearOfWeeklyVisits_IsOneEvent_ReadBackAsEveryVisitAtItsUtcInstant()
    {
        var surade = AYearOfTheDemoCircuit().Where(v => v.Stop.Name == "Surade").ToList();
        var feed = ScheduleFeed.Build("MPP Keliling Surade", surade, Links, Stamp);

        Assert.Equal(1, feed.Split("BEGIN:VEVENT").Length - 1);
        Assert.Equal(surade.Select(v => v.Start.UtcDateTime), Occurrences(feed));
        var bytes = System.Text.Encoding.UTF8.GetByteCount(feed);
        Assert.True(bytes < 100_000, $"A year of visits to one stop is {bytes} bytes.");
    }

    [Fact]
    public void TheWholeCircuitsYear_IsUnder100KB_AndReadsBackAsEveryVisit()
    {
        var year = AYearOfTheDemoCircuit();
        var feed = ScheduleFeed.Build("MPP Keliling", year, Links, Stamp);

        var bytes = System.Text.Encoding.UTF8.GetByteCount(feed);
        Assert.True(bytes < 100_000, $"A year of the whole circuit ({year.Count} visits) is {bytes} bytes.");
        Assert.Equal(year.Select(v => v.Start.UtcDateTime).Order(), Occurrences(feed));
        var calendar = Calendar.Load(feed)!;
        Assert.Equal(5, calendar.Events.Count);
        Assert.All(calendar.Events, e => Assert.Equal(TimeSpan.FromHours(6), e.DtEnd!.AsUtc - e.DtStart!.AsUtc));
    }

    [Fact]
    public void AVisitAtOtherHoursOrWithOtherServices_IsAnEventOfItsOwn_AndACancelledOneToo()
    {
        var surade = AYearOfTheDemoCircuit().Where(v => v.Stop.Name == "Surade").Take(6).ToList();
        surade[1] = surade[1] with { Start = surade[1].Start.AddHours(1), End = surade[1].End.AddHours(1), Status = "moved" };
        surade[2] = surade[2] with { Services = surade[2].Services.Take(2).ToList() };
        surade[3] = surade[3] with { Status = "cancelled" };

        var series = ScheduleFeed.Series(surade);

        Assert.Equal(4, series.Count);
        Assert.Equal([surade[0].Id, surade[4].Id, surade[5].Id], series[0].Select(v => v.Id));
        var feed = ScheduleFeed.Build("x", surade, Links, Stamp);
        Assert.Equal(surade.Select(v => v.Start.UtcDateTime).Order(), Occurrences(feed));
        var cancelled = Calendar.Load(feed)!.Events.Single(e => e.Status == "CANCELLED");
        Assert.Equal(surade[3].Start.UtcDateTime, cancelled.DtStart!.AsUtc);
        // The same series keeps its UID from one fetch to the next.
        var again = ScheduleFeed.Build("x", surade.Skip(1), Links, Stamp.AddDays(7));
        var uid = Calendar.Load(feed)!.Events.Single(e => e.DtStart!.AsUtc == surade[0].Start.UtcDateTime).Uid;
        Assert.Equal(uid, Calendar.Load(again)!.Events.Single(e => e.DtStart!.AsUtc == surade[4].Start.UtcDateTime).Uid);
    }

    [Fact]
    public void EventTimes_AreUtcInstants_AndACancelledVisitSaysSo()
    {
        var visits = AYearOfTheDemoCircuit().Take(2).ToList();
        visits[1] = visits[1] with { Status = "cancelled" };
        var feed = ScheduleFeed.Build("x", visits, new PublicLinks(() => "https://mpp.example"), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));

        // Monday 4 January 2027, 08.00 WIB is 01.00 UTC.
        Assert.Contains("DTSTART:20270104T010000Z", feed);
        Assert.Contains("DTEND:20270104T070000Z", feed);
        Assert.Contains("STATUS:CANCELLED", feed);
        Assert.Contains("URL:https://mpp.example/keliling/cisaat", feed);
    }
}
