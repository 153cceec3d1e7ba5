using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Tests.Queue;

public sealed class OpeningHoursTests
{
    private static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    private static readonly TimeZoneInfo Jayapura = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jayapura");

    // Monday–Thursday 08.00–15.00, Friday 08.00–14.30, closed at the weekend.
    private static readonly List<SiteHours> Week = QueueDemo.BuildingHours();

    private static DateTime Wib(int month, int day, int hour, int minute = 0) =>
        new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-7);

    private static OpeningCheck At(DateTime utc, Func<DateOnly, bool>? dayOff = null) =>
        OpeningHours.Check(utc, OpeningHours.Spans(DateOnly.FromDateTime(utc.AddHours(7)), OpeningHours.LookAheadDays, Jakarta, Week, dayOff ?? (_ => false)));

    [Fact]
    public void DuringTheHours_TheSiteIsOpen_FromItsOpeningUntilJustBeforeItCloses()
    {
        Assert.True(At(Wib(11, 30, 8)).Open);
        Assert.True(At(Wib(11, 30, 14, 59)).Open);
        Assert.False(At(Wib(11, 30, 15)).Open);
        Assert.False(At(Wib(11, 30, 7, 59)).Open);
    }

    [Fact]
    public void AtNight_TheNextOpeningIsTheMorning()
    {
        // 03.37 WIB on Tuesday 1 December (the hour the kiosk once issued a ticket at).
        var check = At(Wib(12, 1, 3, 37));
        Assert.False(check.Open);
        Assert.Equal(Wib(12, 1, 8), check.NextOpensUtc);
    }

    [Fact]
    public void AfterClosingOnFriday_TheNextOpeningSkipsTheWeekend()
    {
        var check = At(Wib(12, 4, 14, 30));
        Assert.False(check.Open);
        Assert.Equal(Wib(12, 7, 8), check.NextOpensUtc);
    }

    [Fact]
    public void FridayClosesEarlierThanThursday()
    {
        Assert.True(At(Wib(12, 3, 14, 45)).Open);
        Assert.False(At(Wib(12, 4, 14, 45)).Open);
    }

    [Fact]
    public void OnDaysOff_TheSiteIsClosed_AndOpensOnTheNextDayWithHours()
    {
        // Thursday 24 December is collective leave, Friday 25 December Christmas: open again on Monday 28 December.
        var daysOff = new HashSet<DateOnly> { new(2026, 12, 24), new(2026, 12, 25) };
        var check = At(Wib(12, 24, 9), daysOff.Contains);
        Assert.False(check.Open);
        Assert.Equal(Wib(12, 28, 8), check.NextOpensUtc);
    }

    [Fact]
    public void HoursAreTheSitesOwnTime_InAnotherZoneTheyAreAnotherInstant()
    {
        var spans = OpeningHours.Spans(new DateOnly(2026, 11, 30), 1, Jayapura, Week, _ => false);
        var span = Assert.Single(spans);
        Assert.Equal(new DateTime(2026, 11, 29, 23, 0, 0, DateTimeKind.Utc), span.StartUtc);
        Assert.Equal(new DateTime(2026, 11, 30, 6, 0, 0, DateTimeKind.Utc), span.EndUtc);
    }

    [Fact]
    public void WithoutAnySpanAhead_ThereIsNoNextOpening()
    {
        var check = OpeningHours.Check(Wib(11, 30, 9), []);
        Assert.False(check.Open);
        Assert.Null(check.NextOpensUtc);
    }

    [Fact]
    public void AWeekdayWhoseClosingIsNotAfterItsOpening_IsClosed()
    {
        var spans = OpeningHours.Spans(new DateOnly(2026, 11, 30), 7, Jakarta,
            [new SiteHours { Weekday = 1, Opens = new TimeOnly(15, 0), Closes = new TimeOnly(8, 0) }], _ => false);
        Assert.Empty(spans);
    }

    [Fact]
    public void CheckIn_OpensTheGivenMinutesBeforeTheSlot() =>
        Assert.Equal(Wib(12, 1, 9), OpeningHours.CheckInOpensUtc(Wib(12, 1, 10), 60));

    [Fact]
    public void TheOpeningIsWrittenInIndonesianWithTheWeekdayAndWib_OrInEnglish()
    {
        Assert.Equal("Selasa, 1 Desember 2026 pukul 08.00 WIB", OpeningHours.Describe(Wib(12, 1, 8), Jakarta, "Asia/Jakarta", english: false));
        Assert.Equal("Tuesday 1 December 2026 at 08:00 WIB", OpeningHours.Describe(Wib(12, 1, 8), Jakarta, "Asia/Jakarta", english: true));
    }

    [Fact]
    public void TheWeekIsSummedUp_SameHoursTogether()
    {
        Assert.Equal(["Senin–Kamis 08.00–15.00", "Jumat 08.00–14.30"], OpeningHours.Summary(Week, english: false));
        Assert.Equal(["Monday–Thursday 08:00–15:00", "Friday 08:00–14:30"], OpeningHours.Summary(Week, english: true));
    }
}
