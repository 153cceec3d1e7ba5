using SatuAtap.Core.Outreach;

namespace SatuAtap.Core.Tests.Outreach;

public sealed class StopPageTests
{
    private static readonly Guid Site = Guid.CreateVersion7();
    private static readonly Guid Ktp = Guid.CreateVersion7();
    private static readonly Guid Kk = Guid.CreateVersion7();
    private static readonly StopView Surade = new(Guid.CreateVersion7(), "SURADE", "Surade", "Surade", "Kantor Kecamatan Surade", -7.33, 106.55, Site,
        "", 72, 140, "Asia/Jakarta");

    private static VisitView Visit(string status)
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(7));
        return new VisitView(Guid.CreateVersion7(), Site, Guid.CreateVersion7(), Surade, start, start.AddHours(6), status, null,
            [new VisitServiceView(Ktp, "DKP-KTP", "KTP-el", 5, 2, Guid.CreateVersion7()), new VisitServiceView(Kk, "DKP-KK", "Kartu Keluarga", 3, 0, Guid.CreateVersion7())]);
    }

    [Fact]
    public void AVisitsLine_HasItsTimeInTheStopsZone_ThePlacesLeft_AndABookingLinkOnlyWhereAPlaceIsLeft()
    {
        var line = Assert.Single(StopPage.From(Surade, [Visit("moved")], english: false).Visits);

        Assert.Equal("Selasa, 1 Desember 2026, 08.00–14.00 WIB", line.When);
        Assert.True(line.Moved);
        Assert.Equal("KTP-el, Kartu Keluarga", line.ServiceNames);
        Assert.Equal("sisa 2 dari 5", line.Services[0].Places);
        Assert.Equal($"/antrian/pesan?lokasi={Site}&layanan={Ktp}&tanggal=2026-12-01", line.Services[0].BookingPath);
        Assert.Equal("Pesan KTP-el, Selasa, 1 Desember 2026", line.Services[0].BookingLabel);
        Assert.Equal("sisa 0 dari 3", line.Services[1].Places);
        Assert.Null(line.Services[1].BookingPath);
    }

    [Fact]
    public void InEnglish_TheSameLineIsWrittenInEnglish()
    {
        var line = Assert.Single(StopPage.From(Surade, [Visit("planned")], english: true).Visits);

        Assert.Equal("Tuesday 1 December 2026, 08:00–14:00 WIB", line.When);
        Assert.False(line.Moved);
        Assert.Equal("2 of 5 left", line.Services[0].Places);
        Assert.Equal("Book KTP-el, Tuesday 1 December 2026", line.Services[0].BookingLabel);
    }
}
