using SatuAtap.Core.Common;

namespace SatuAtap.Core.Tests.Common;

public sealed class PublicLinksTests
{
    [Theory]
    [InlineData("https://mpp.sukabumikab.go.id")]
    [InlineData("https://mpp.sukabumikab.go.id/")]
    public void Links_JoinTheBaseAndThePath_WithOneSlash(string configured)
    {
        var links = new PublicLinks(() => configured);
        Assert.Equal("https://mpp.sukabumikab.go.id/lacak?nomor=DKP-26-7K3QX", links.To("/lacak?nomor=DKP-26-7K3QX"));
        Assert.Equal("https://mpp.sukabumikab.go.id", links.Base);
    }

    [Theory]
    [InlineData("https://mpp.example", true)]
    [InlineData("http://mpp.example:8080/mall", true)]
    [InlineData("mpp.example", false)]
    [InlineData("ftp://mpp.example", false)]
    [InlineData("https://mpp.example/?x=1", false)]
    [InlineData("https://user:pw@mpp.example", false)]
    [InlineData("/relative", false)]
    public void BaseUrl_IsAnAbsoluteHttpAddress(string value, bool valid) => Assert.Equal(valid, PublicLinks.IsBaseUrl(value));
}
