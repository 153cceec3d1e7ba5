using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Tests.Queue;

public sealed class IndonesianNumbersTests
{
    [Theory]
    [InlineData(0, "nol")]
    [InlineData(1, "satu")]
    [InlineData(7, "tujuh")]
    [InlineData(10, "sepuluh")]
    [InlineData(11, "sebelas")]
    [InlineData(12, "dua belas")]
    [InlineData(19, "sembilan belas")]
    [InlineData(20, "dua puluh")]
    [InlineData(21, "dua puluh satu")]
    [InlineData(99, "sembilan puluh sembilan")]
    [InlineData(100, "seratus")]
    [InlineData(101, "seratus satu")]
    [InlineData(111, "seratus sebelas")]
    [InlineData(115, "seratus lima belas")]
    [InlineData(200, "dua ratus")]
    [InlineData(345, "tiga ratus empat puluh lima")]
    [InlineData(999, "sembilan ratus sembilan puluh sembilan")]
    [InlineData(1000, "seribu")]
    [InlineData(1001, "seribu satu")]
    [InlineData(1100, "seribu seratus")]
    [InlineData(2000, "dua ribu")]
    [InlineData(11000, "sebelas ribu")]
    [InlineData(100000, "seratus ribu")]
    [InlineData(1000000, "satu juta")]
    [InlineData(2026, "dua ribu dua puluh enam")]
    public void Words_SayTheNumberInIndonesian(long n, string words) => Assert.Equal(words, IndonesianNumbers.Words(n));

    [Fact]
    public void Announcement_NamesTheTicketAndTheCounter() =>
        Assert.Equal("Nomor antrian A dua belas, silakan ke loket tiga", IndonesianNumbers.Announcement("A", 12, "Loket 3"));

    [Theory]
    [InlineData("Loket 03", "loket tiga")]
    [InlineData("Loket 11", "loket sebelas")]
    [InlineData("Meja Informasi", "meja informasi")]
    public void Spoken_ReadsDigitsAsWords(string text, string spoken) => Assert.Equal(spoken, IndonesianNumbers.Spoken(text));

    [Fact]
    public void Words_RefuseNegativeNumbers() => Assert.Throws<ArgumentOutOfRangeException>(() => IndonesianNumbers.Words(-1));
}
