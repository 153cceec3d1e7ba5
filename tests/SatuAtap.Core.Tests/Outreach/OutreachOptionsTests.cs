using SatuAtap.Core.Outreach;

namespace SatuAtap.Core.Tests.Outreach;

public sealed class OutreachOptionsTests
{
    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(2, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void PlacesSeconds_IsBetweenZeroAndSixty_AndTheMessageNamesTheKey(int seconds, bool valid)
    {
        var result = new OutreachOptionsValidator().Validate(null, new OutreachOptions { PlacesSeconds = seconds });
        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("Outreach:PlacesSeconds", result.FailureMessage);
    }
}
