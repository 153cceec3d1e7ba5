using PdfSharp.Pdf;
using SkiaSharp;

namespace SatuAtap.Web.Tests.Infrastructure;

/// <summary>Real files for upload tests: a one-page PDF written by PDFsharp and a small PNG and JPEG encoded by SkiaSharp.</summary>
public static class SampleFiles
{
    public static readonly byte[] Pdf = MakePdf();
    public static readonly byte[] Png = MakeImage(SKEncodedImageFormat.Png);
    public static readonly byte[] Jpeg = MakeImage(SKEncodedImageFormat.Jpeg);

    /// <summary>Starts like a PDF and carries a web page: what a browser would sniff and run.</summary>
    public static readonly byte[] PdfWithHtml = "%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"u8.ToArray();

    private static byte[] MakePdf()
    {
        using var document = new PdfDocument();
        document.AddPage();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static byte[] MakeImage(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(24, 16);
        bitmap.Erase(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
