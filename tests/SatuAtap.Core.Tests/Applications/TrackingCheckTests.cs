using SatuAtap.Core.Applications;

namespace SatuAtap.Core.Tests.Applications;

public sealed class TrackingCheckTests
{
    private const string Nik = "3202011505900001";

    [Fact]
    public void New_IsSixCharactersWithoutLookAlikes()
    {
        for (var i = 0; i < 200; i++) Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$", TrackingCheck.New());
    }

    [Theory]
    [InlineData("K7M2QX", true)]
    [InlineData("k7m2qx", true)]
    [InlineData(" K7M2QX ", true)]
    [InlineData(Nik, true)]
    [InlineData("3202 0115 0590 0001", true)]
    [InlineData("0001", false)]
    [InlineData("900001", false)]
    [InlineData("K7M2QY", false)]
    [InlineData("K7M2Q", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Matches_TheCodeOrTheFullNik_NeverTheLastDigits(string? check, bool ok) =>
        Assert.Equal(ok, TrackingCheck.Matches("K7M2QX", Nik, check));

    [Fact]
    public void Matches_WithoutCodeOrNik_NothingMatches()
    {
        Assert.False(TrackingCheck.Matches(null, null, "K7M2QX"));
        Assert.True(TrackingCheck.Matches(null, Nik, Nik));
    }
}
