using SkiaSharp;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokens;
using ZXing;
using ZXing.Common;

namespace SatuAtap.Tests.Documents;

/// <summary>Reads a PDF back the way a reader would: its text page by page, its fonts, and the QR codes printed in it.</summary>
public static class PdfReading
{
    /// <summary>The words of each page, joined by spaces.</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return doc.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
    }

    public static string Text(byte[] pdf) => string.Join("\n", PageTexts(pdf));

    /// <summary>Every font a page uses, with the size of the font program embedded for it (0 when none is).</summary>
    public static IReadOnlyList<(string Name, long EmbeddedBytes)> Fonts(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var scanner = doc.Structure.TokenScanner;
        var found = new List<(string, long)>();
        foreach (var page in doc.GetPages())
        {
            var resources = DirectObjectFinder.Get<DictionaryToken>(page.Dictionary.Data[NameToken.Resources.Data], scanner)!;
            if (!resources.Data.TryGetValue(NameToken.Font.Data, out var fontsToken)) continue;
            foreach (var token in DirectObjectFinder.Get<DictionaryToken>(fontsToken, scanner)!.Data.Values)
            {
                var font = DirectObjectFinder.Get<DictionaryToken>(token, scanner)!;
                var name = DirectObjectFinder.Get<NameToken>(font.Data[NameToken.BaseFont.Data], scanner)!.Data;
                if (font.Data.TryGetValue(NameToken.DescendantFonts.Data, out var descendants))
                    font = DirectObjectFinder.Get<DictionaryToken>(DirectObjectFinder.Get<ArrayToken>(descendants, scanner)!.Data[0], scanner)!;
                long size = 0;
                if (font.Data.TryGetValue(NameToken.FontDescriptor.Data, out var descriptorToken))
                {
                    var descriptor = DirectObjectFinder.Get<DictionaryToken>(descriptorToken, scanner)!;
                    foreach (var key in new[] { NameToken.FontFile, NameToken.FontFile2, NameToken.FontFile3 })
                        if (descriptor.Data.TryGetValue(key.Data, out var file))
                            size = DirectObjectFinder.Get<StreamToken>(file, scanner)!.Decode(doc.Structure.FilterProvider).Length;
                }
                found.Add((name, size));
            }
        }
        return found;
    }

    /// <summary>The text of every QR code drawn as an image in the PDF, decoded from the image's pixels.</summary>
    public static IReadOnlyList<string> QrCodes(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var codes = new List<string>();
        foreach (var image in doc.GetPages().SelectMany(p => p.GetImages()))
            if (image.TryGetPng(out var png)) codes.AddRange(QrCodesInImage(png));
        return codes;
    }

    /// <summary>The text of the QR code in an image file (PNG or JPEG), decoded from its pixels; empty when there is none.</summary>
    /// <remarks>
    /// The image is read first as what a document prints: the code alone on its quiet zone, module by module. Only
    /// when it is not that (a photo, a logo with more around it) is the code looked for. ZXing's finder misses about
    /// one valid code in a thousand whose data happens to hold a look-alike of the corner squares (two of 2,000
    /// random verification links, each decoded exactly when read as the code alone), which made a test fail by chance.
    /// </remarks>
    public static IReadOnlyList<string> QrCodesInImage(byte[] image)
    {
        using var bitmap = SKBitmap.Decode(image);
        if (bitmap is null) return [];
        // Enlarged eight times, pixel for pixel, as a scanner would see the printed code.
        const int scale = 8;
        var width = bitmap.Width * scale;
        var height = bitmap.Height * scale;
        var gray = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var c = bitmap.GetPixel(x / scale, y / scale);
                gray[y * width + x] = (byte)((c.Red * 299 + c.Green * 587 + c.Blue * 114) / 1000);
            }
        var source = new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = Decode(source, pure: true) ?? Decode(source, pure: false);
        return result is null ? [] : [result.Text];
    }

    private static Result? Decode(LuminanceSource source, bool pure)
    {
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE } };
        if (pure) hints[DecodeHintType.PURE_BARCODE] = true;
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
    }
}
