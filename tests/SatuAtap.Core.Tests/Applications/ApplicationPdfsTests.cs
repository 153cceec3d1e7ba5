using System.Text;
using SatuAtap.Core.Applications.Documents;

namespace SatuAtap.Core.Tests.Applications;

public sealed class ApplicationPdfsTests
{
    [Fact]
    public void Receipt_IsAPdfWithTheEmbeddedFont()
    {
        var pdf = ApplicationPdfs.Receipt(new ReceiptData("DKP-26-7K3QX", "Penerbitan KTP-el Baru", "Disdukcapil", "Budi Santoso",
            new DateTime(2026, 11, 30, 9, 0, 0), new DateOnly(2026, 12, 1), ["Kartu Keluarga"], "http://localhost/lacak?nomor=DKP-26-7K3QX", "K7M2QX"));
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text);
        Assert.True(pdf.Length > 2000);
        // The check code is printed, and the old "last 4 digits" hint is gone.
        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var words = string.Join(" ", read.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains("K7M2QX", words, StringComparison.Ordinal);
        Assert.DoesNotContain("terakhir", words, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_IsAPdf()
    {
        var pdf = ApplicationPdfs.Result(new ResultData("ABCDEFGH23", "http://localhost/verifikasi/ABCDEFGH23", "Penerbitan KTP-el", "KTP-el",
            "Disdukcapil", "Budi Santoso", "DKP-26-7K3QX", new DateTime(2026, 12, 1, 10, 0, 0), "Petugas", [("NIK", "3202011505900001")]));
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(pdf[..5]));
    }

    [Fact]
    public void QrPng_IsAPng() => Assert.Equal(0x89, ApplicationPdfs.QrPng("http://localhost/verifikasi/X")[0]);
}
