using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Tests.Queue;

public sealed class SiteClockTests
{
    private static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    private static readonly TimeZoneInfo Jayapura = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jayapura");

    [Fact]
    public void BookingOpens_DaysAheadAtTheHour_InSiteTime() =>
        Assert.Equal(new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), SiteClock.BookingOpensUtc(new DateOnly(2026, 12, 1), Jakarta, 7, 7));

    [Fact]
    public void BookingOpens_InAnotherZone_IsAnotherInstant() =>
        Assert.Equal(new DateTime(2026, 11, 23, 22, 0, 0, DateTimeKind.Utc), SiteClock.BookingOpensUtc(new DateOnly(2026, 12, 1), Jayapura, 7, 7));

    [Theory]
    [InlineData("2026-12-01T08:00:00+07:00")]
    [InlineData("2026-12-01T01:00:00Z")]
    [InlineData("2026-12-01T08:00:00")]
    [InlineData("2026-12-01T08:00")]
    public void ParseInstant_WithOrWithoutOffset_MeansTheSameSiteTime(string text) =>
        Assert.Equal(new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc), SiteClock.ParseInstant(text, Jakarta));

    [Theory]
    [InlineData("besok pagi")]
    [InlineData("")]
    [InlineData("2026-13-01T08:00:00")]
    public void ParseInstant_RefusesWhatIsNotAnInstant(string text) => Assert.Null(SiteClock.ParseInstant(text, Jakarta));

    [Fact]
    public void Offset_ShowsTheUtcInstantInSiteTime()
    {
        var shown = SiteClock.Offset(new DateTime(2026, 12, 1, 17, 30, 0, DateTimeKind.Utc), Jakarta);
        Assert.Equal(new DateTime(2026, 12, 2, 0, 30, 0), shown.DateTime);
        Assert.Equal(TimeSpan.FromHours(7), shown.Offset);
    }
}
