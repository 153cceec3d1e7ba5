using SatuAtap.Core.Applications.Documents;
using SatuAtap.Core.Common.Documents;
using SatuAtap.Tests.Documents;

namespace SatuAtap.Core.Tests.Applications;

public sealed class ApplicationPdfsTests
{
    private static readonly Letterhead Mall = new("Mal Pelayanan Publik Kota Contoh", "Jl. Merdeka 1, Kota Contoh", "0266 123456");
    private static readonly DateTime Generated = new(2026, 11, 30, 9, 5, 0);

    private static byte[] Receipt() => ApplicationPdfs.Receipt(new ReceiptData("DKP-26-7K3QX", "Penerbitan KTP-el Baru", "Disdukcapil", "Budi Santoso",
        new DateTime(2026, 11, 30, 9, 0, 0), new DateOnly(2026, 12, 1), ["Kartu Keluarga"], "https://mpp.contoh.go.id/lacak?nomor=DKP-26-7K3QX", "K7M2QX"),
        Mall, Generated);

    private static byte[] Result() => ApplicationPdfs.Result(new ResultData("ABCDEFGH23", "https://mpp.contoh.go.id/verifikasi/ABCDEFGH23", "Penerbitan KTP-el",
        "KTP-el", "Disdukcapil", "Budi Santoso", "DKP-26-7K3QX", new DateTime(2026, 12, 1, 10, 0, 0), "Petugas", [("NIK", "3202011505900001")]),
        Mall, Generated);

    [Fact]
    public void Receipt_PrintsTheNumberCheckCodeAndMallAndItsQrOpensTheTrackingPage()
    {
        var pdf = Receipt();
        var text = PdfReading.Text(pdf);
        Assert.Contains("DKP-26-7K3QX", text, StringComparison.Ordinal);
        Assert.Contains("K7M2QX", text, StringComparison.Ordinal);
        Assert.Contains("MAL PELAYANAN PUBLIK KOTA CONTOH", text, StringComparison.Ordinal);
        Assert.Contains("Halaman 1 dari 1", text, StringComparison.Ordinal);
        // The old "last 4 digits" hint is gone.
        Assert.DoesNotContain("terakhir", text, StringComparison.Ordinal);
        Assert.Equal(["https://mpp.contoh.go.id/lacak?nomor=DKP-26-7K3QX"], PdfReading.QrCodes(pdf));
    }

    [Fact]
    public void Receipt_EmbedsTheDejaVuFontItIsWrittenIn()
    {
        var fonts = PdfReading.Fonts(Receipt());
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f =>
        {
            Assert.Contains("DejaVu Sans", f.Name, StringComparison.Ordinal);
            Assert.True(f.EmbeddedBytes > 1000, $"{f.Name} is not embedded");
        });
    }

    [Fact]
    public void Result_PrintsCodeHolderAndMaskedNameAndItsQrOpensTheVerificationPage()
    {
        var pdf = Result();
        var text = PdfReading.Text(pdf);
        Assert.Contains("ABCDEFGH23", text, StringComparison.Ordinal);
        Assert.Contains("DKP-26-7K3QX", text, StringComparison.Ordinal);
        Assert.Contains("B*** S******", text, StringComparison.Ordinal);
        Assert.Contains("MAL PELAYANAN PUBLIK KOTA CONTOH", text, StringComparison.Ordinal);
        Assert.Equal(["https://mpp.contoh.go.id/verifikasi/ABCDEFGH23"], PdfReading.QrCodes(pdf));
    }
}
