using SatuAtap.Core.Catalog.Search;

namespace SatuAtap.Core.Tests.Catalog;

public sealed class ServiceSearchIndexTests
{
    private static readonly Guid Ktp = Guid.CreateVersion7(), Kk = Guid.CreateVersion7(), Pkb = Guid.CreateVersion7(), Akta = Guid.CreateVersion7();

    private static readonly ServiceSearchIndex Index = new(
        [
            new(Ktp, "Penerbitan Kartu Tanda Penduduk Elektronik (KTP-el)", "Electronic ID card", "Disdukcapil identitas"),
            new(Kk, "Penerbitan Kartu Keluarga", "Family card", "Disdukcapil identitas"),
            new(Pkb, "Pembayaran Pajak Kendaraan Bermotor (PKB) Tahunan", "Annual motor vehicle tax", "Samsat kendaraan"),
            new(Akta, "Penerbitan Akta Kelahiran", "Birth certificate", "Disdukcapil"),
        ],
        [new("pajak motor", ["pajak kendaraan bermotor"]), new("akta lahir", ["akta kelahiran"])]);

    [Theory]
    [InlineData("ktp")]
    [InlineData("KTP")]
    [InlineData("ktp-el")]
    [InlineData("kartu tanda penduduk")]
    [InlineData("elektronik")]
    [InlineData("élektronik")]
    [InlineData("elektronk")]
    [InlineData("electronic id")]
    public void FindsTheIdCard(string query) => Assert.Equal(Ktp, Index.Search(query)[0]);

    [Theory]
    [InlineData("bikin ktp", "Ktp")]
    [InlineData("cara urus ktp", "Ktp")]
    [InlineData("ktpel", "Ktp")]
    [InlineData("bikin ktpel", "Ktp")]
    [InlineData("urus akta", "Akta")]
    [InlineData("buat akta lahir", "Akta")]
    [InlineData("perpanjang pajak motor", "Pkb")]
    [InlineData("how to get a birth certificate", "Akta")]
    public void ErrandWords_AndRunTogetherWords_AreUnderstood(string query, string expected)
    {
        var id = expected switch { "Ktp" => Ktp, "Akta" => Akta, _ => Pkb };
        Assert.Equal(id, Index.Search(query)[0]);
    }

    [Fact]
    public void AnErrandWordAlone_OrInTheMiddle_IsStillAWordToMatch()
    {
        // "buat" alone is the whole query: nothing of the catalog is called that.
        Assert.Empty(Index.Search("buat"));
        // Only leading errand words are dropped: "ktp bikin" still needs a service with both words.
        Assert.Empty(Index.Search("ktp bikin"));
        // A run-together word is split only into words the catalog has.
        Assert.Empty(Index.Search("ktpxyz"));
    }

    [Fact]
    public void Synonyms_RewriteThePhrase()
    {
        Assert.Equal(Pkb, Assert.Single(Index.Search("pajak motor")));
        Assert.Equal(Akta, Assert.Single(Index.Search("akta lahir")));
    }

    [Fact]
    public void EveryWordMustMatch()
    {
        Assert.Empty(Index.Search("kartu motor"));
        Assert.Equal(2, Index.Search("kartu").Count);
    }

    [Fact]
    public void EmptyOrNonsense_FindsNothing()
    {
        Assert.Empty(Index.Search(""));
        Assert.Empty(Index.Search("   ...  "));
        Assert.Empty(Index.Search("zzqxv"));
    }

    [Theory]
    [InlineData("kelahiran", "kelahrian", 1)]
    [InlineData("skck", "skkc", 1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("pajak", "bajak", 1)]
    [InlineData("motor", "mobil", 3)]
    public void Distance_CountsEditsAndTranspositions(string a, string b, int expected) =>
        Assert.Equal(expected, SearchText.Distance(a, b, 3));

    [Fact]
    public void Normalize_DropsAccentsCaseAndPunctuation() =>
        Assert.Equal("sertipikat tanah no 12", SearchText.Normalize("  Sértipikat  TANAH, No. 12! "));
}
