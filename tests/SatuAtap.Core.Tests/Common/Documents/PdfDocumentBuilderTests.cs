using SatuAtap.Core.Applications;
using SatuAtap.Core.Common.Documents;
using SatuAtap.Tests.Documents;
using UglyToad.PdfPig;

namespace SatuAtap.Core.Tests.Common.Documents;

public sealed class PdfDocumentBuilderTests
{
    private static readonly Letterhead Mall = new("Mal Pelayanan Publik Kota Contoh", "Jl. Merdeka 1", "info@contoh.go.id");
    private static readonly DateTime Generated = new(2026, 11, 30, 9, 5, 0);

    [Fact]
    public void Wrap_BreaksAtSpacesAndInsideWordsLongerThanALine()
    {
        // Each character is 1 wide; lines are at most 10.
        var lines = PdfDocumentBuilder.Wrap("satu dua tiga https://contoh.go.id/lacak?nomor=X", s => s.Length, 10);
        Assert.Equal(["satu dua", "tiga", "https://co", "ntoh.go.id", "/lacak?nom", "or=X"], lines);
        Assert.Equal(["a", "", "b"], PdfDocumentBuilder.Wrap("a\n\nb", s => s.Length, 10));
    }

    [Fact]
    public void LongWordsAndAddressesStayWithinTheMargins()
    {
        var url = "https://mpp.contoh.go.id/verifikasi/" + new string('Q', 150) + "?kode=" + new string('7', 60);
        using var builder = new PdfDocumentBuilder("Uji", Mall, Generated);
        builder.Paragraph(url)
            .KeyValues([("Alamat", url)])
            .Table([new TableColumn("Kode"), new TableColumn("Alamat", 3)], [["A1", url]]);
        var pdf = builder.ToPdf();

        using var doc = PdfDocument.Open(pdf);
        var page = doc.GetPage(1);
        var right = page.Width - PdfDocumentBuilder.Margin;
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        Assert.All(letters, l => Assert.True(l.BoundingBox.Right <= right + 0.5 && l.BoundingBox.Left >= PdfDocumentBuilder.Margin - 0.5,
            $"'{l.Value}' at {l.BoundingBox.Left:0.0}–{l.BoundingBox.Right:0.0} is outside {PdfDocumentBuilder.Margin}–{right:0.0}"));
        // Every character of the address is printed, three times (paragraph, value, cell).
        var printed = string.Concat(letters.Select(l => l.Value));
        Assert.Equal(3 * 150, printed.Count(c => c == 'Q'));
    }

    [Fact]
    public void ALongTableContinuesOnNewPagesUnderItsHeadingWithEveryPageNumbered()
    {
        using var builder = new PdfDocumentBuilder("Uji", Mall, Generated);
        builder.Heading("DAFTAR PERMOHONAN")
            .Table([new TableColumn("Nomor"), new TableColumn("Layanan", 2)],
                Enumerable.Range(1, 120).Select(i => (IReadOnlyList<string>)[$"BARIS-{i:000}", "Penerbitan KTP-el"]));
        var pdf = builder.ToPdf();

        var pages = PdfReading.PageTexts(pdf);
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Halaman {i + 1} dari {pages.Count}", pages[i], StringComparison.Ordinal);
            Assert.Contains("MAL PELAYANAN PUBLIK KOTA CONTOH", pages[i], StringComparison.Ordinal);
            Assert.Contains("Nomor Layanan", pages[i], StringComparison.Ordinal); // the heading row repeats
            Assert.True(pages[i].Contains("Dibuat 30 November 2026 09.05 WIB", StringComparison.Ordinal), pages[i]);
        }
        // Every row is printed once, in order, none lost at a page break.
        var rows = string.Join(" ", pages).Split(' ').Where(w => w.StartsWith("BARIS-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, 120).Select(i => $"BARIS-{i:000}"), rows);
        // Nothing is written over the footer.
        using var doc = PdfDocument.Open(pdf);
        foreach (var page in doc.GetPages())
            Assert.All(page.GetWords().Where(w => w.Text.StartsWith("BARIS-", StringComparison.Ordinal)),
                w => Assert.True(w.BoundingBox.Bottom > PdfDocumentBuilder.Margin + 20, $"{w.Text} runs into the footer"));
    }

    [Fact]
    public void PageBreakStartsANewPageWithTheLetterhead()
    {
        using var builder = new PdfDocumentBuilder("Uji", Mall, Generated);
        builder.Paragraph("halaman pertama").PageBreak().Paragraph("halaman kedua");
        var pages = PdfReading.PageTexts(builder.ToPdf());
        Assert.Equal(2, pages.Count);
        Assert.Contains("halaman kedua", pages[1], StringComparison.Ordinal);
        Assert.Contains("Jl. Merdeka 1 info@contoh.go.id", string.Join(" ", pages[1]), StringComparison.Ordinal);
        Assert.Contains("Halaman 2 dari 2", pages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void CanPrint_TellsTheImagesADocumentCanHoldFromThoseItCannot()
    {
        Assert.True(PdfDocumentBuilder.CanPrint(PdfDocumentBuilder.QrPng("logo", 2)));
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode("logo", QRCoder.QRCodeGenerator.ECCLevel.M);
        Assert.False(PdfDocumentBuilder.CanPrint(new QRCoder.PngByteQRCode(data).GetGraphic(2))); // a 1-bit palette PNG
        Assert.False(PdfDocumentBuilder.CanPrint("not an image"u8.ToArray()));
    }

    [Fact]
    public void TheLogoIsPrintedWhenGiven()
    {
        var logo = PdfDocumentBuilder.QrPng("logo", 4);
        using var with = new PdfDocumentBuilder("Uji", Mall with { Logo = logo }, Generated);
        using var doc = PdfDocument.Open(with.Paragraph("isi").ToPdf());
        Assert.Single(doc.GetPage(1).GetImages());
    }

    [Fact]
    public void Qr_EveryPrintedLinkReadsBackExactly_EvenTheOnesAFinderMisses()
    {
        // The two codes below hold a look-alike of the corner squares that ZXing's finder mistakes for one.
        var codes = new List<string> { "FXF5WETCV2", "4HDMTW6JJJ" };
        var random = new Random(2026);
        codes.AddRange(Enumerable.Range(0, 300).Select(_ => VerificationCode.New(random.Next)));
        foreach (var code in codes)
        {
            var url = "https://mpp.test.example/verifikasi/" + code;
            Assert.Equal([url], PdfReading.QrCodesInImage(PdfDocumentBuilder.QrPng(url, 1)));
        }
        using var builder = new PdfDocumentBuilder("Uji", Mall, Generated);
        Assert.Equal(["https://mpp.test.example/verifikasi/FXF5WETCV2"], PdfReading.QrCodes(builder.Qr("https://mpp.test.example/verifikasi/FXF5WETCV2").ToPdf()));
    }
}
