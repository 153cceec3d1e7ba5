using SatuAtap.Core.Catalog;

namespace SatuAtap.Core.Tests.Catalog;

public sealed class ProductKindsTests
{
    [Theory]
    [InlineData("document", ProductKind.Document, false)]
    [InlineData("card", ProductKind.Card, true)]
    [InlineData("item", ProductKind.Item, true)]
    [InlineData("letter", ProductKind.Letter, false)]
    public void Codes_RoundTrip_AndCardsAndItemsAreCollected(string code, ProductKind kind, bool collected)
    {
        Assert.Equal(kind, ProductKinds.Parse(code));
        Assert.Equal(code, ProductKinds.Code(kind));
        Assert.Equal(collected, ProductKinds.IsCollected(kind));
    }

    [Theory]
    [InlineData("Card")]
    [InlineData("parcel")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownCodes_AreRefused(string? code) => Assert.Null(ProductKinds.Parse(code));

    [Theory]
    [InlineData(ProductKind.Card, "KTP-el", "Kartu KTP-el, diambil di loket")]
    [InlineData(ProductKind.Card, "Kartu Identitas Anak (KIA)", "Kartu Identitas Anak (KIA), diambil di loket")]
    [InlineData(ProductKind.Item, "Paspor biasa", "Paspor biasa, diambil di loket")]
    [InlineData(ProductKind.Letter, "Surat keputusan pengesahan", "Surat keputusan pengesahan")]
    [InlineData(ProductKind.Document, "Nomor Induk Berusaha (NIB)", "Nomor Induk Berusaha (NIB)")]
    public void Describe_SaysWhatYouGet(ProductKind kind, string product, string expected) =>
        Assert.Equal(expected, ProductKinds.Describe(kind, product));
}
