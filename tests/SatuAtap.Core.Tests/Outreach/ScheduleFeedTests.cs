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
        var visits = new List<VisitView>();
        for (var week = 0; week < 52; week++)
            for (var i = 0; i < stops.Length; i++)
            {
                var start = new DateTimeOffset(2027, 1, 4, 8, 0, 0, offset).AddDays(week * 7 + i);
                visits.Add(new VisitView(Guid.CreateVersion7(), stops[i].SiteId!.Value, Guid.CreateVersion7(), stops[i], start, start.AddHours(6), "planned", null,
                    DemoServices.Select(n => new VisitServiceView(Guid.CreateVersion7(), "X", n, 20, 20, Guid.CreateVersion7())).ToList()));
            }
        return visits;
    }

    [Fact]
    public void AStopsFeedOfAYearOfWeeklyVisits_WithTheDemosServices_IsUnder100KB()
    {
        var surade = AYearOfTheDemoCircuit().Where(v => v.Stop.Name == "Surade").ToList();
        var feed = ScheduleFeed.Build("MPP Keliling Surade", surade, new PublicLinks(() => "https://mpp.sukabumikab.go.id"), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(52, feed.Split("BEGIN:VEVENT").Length - 1);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(feed);
        Assert.True(bytes < 100_000, $"A year of visits to one stop is {bytes} bytes.");
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
