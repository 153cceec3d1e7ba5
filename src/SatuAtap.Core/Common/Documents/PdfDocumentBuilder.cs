using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;
using SkiaSharp;

namespace SatuAtap.Core.Common.Documents;

/// <summary>
/// The fonts of the documents ship inside the program (DejaVu Sans, regular and bold), so a document looks the
/// same on every machine and needs no fonts installed.
/// </summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans", false, italic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"SatuAtap.Core.Common.Documents.Fonts.{faceName}.ttf");
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>
/// Who issues a document, printed at the top of every page: the mall's name, its address and contact line, and its
/// logo (PNG or JPEG bytes) when one is configured.
/// </summary>
public sealed record Letterhead(string Name, string? Address = null, string? Contact = null, byte[]? Logo = null);

/// <summary>A column of a <see cref="PdfDocumentBuilder.Table"/>: its heading and its share of the width.</summary>
public sealed record TableColumn(string Heading, double Weight = 1);

/// <summary>
/// Every PDF the mall hands out is laid out here (A4, DejaVu Sans embedded): the letterhead at the top of each page,
/// headings, paragraphs wrapped within the margins (a word or address longer than a line is broken), key/value lists,
/// tables whose heading row repeats on each page, QR codes, page breaks when the page is full, and a footer with
/// "page x of y" and when the document was made. Blocks are added top to bottom; <see cref="ToPdf"/> finishes it.
/// </summary>
public sealed class PdfDocumentBuilder : IDisposable
{
    public const double Margin = 50;
    private const double FooterHeight = 30;
    private const double LineHeight = 14.5;
    private const double LabelWidth = 165;
    private const double CellPadding = 4;

    private readonly PdfDocument _doc = new();
    private readonly Letterhead _letterhead;
    private readonly DateTime _generatedAtLocal;
    private readonly XFont _regular = new(EmbeddedFontResolver.Family, 10);
    private readonly XFont _bold = new(EmbeddedFontResolver.Family, 10, XFontStyleEx.Bold);
    private readonly XFont _small = new(EmbeddedFontResolver.Family, 8);
    private readonly XFont _mallName = new(EmbeddedFontResolver.Family, 11, XFontStyleEx.Bold);
    private readonly XFont _heading = new(EmbeddedFontResolver.Family, 12, XFontStyleEx.Bold);
    private readonly XFont _big = new(EmbeddedFontResolver.Family, 20, XFontStyleEx.Bold);
    private XGraphics? _g;
    private double _y;

    static PdfDocumentBuilder() => EmbeddedFontResolver.Install();

    public PdfDocumentBuilder(string title, Letterhead letterhead, DateTime generatedAtLocal)
    {
        _letterhead = letterhead;
        _generatedAtLocal = generatedAtLocal;
        _doc.Info.Title = title;
        _doc.Info.Author = letterhead.Name;
        NewPage();
    }

    /// <summary>The page being written, counted from 1.</summary>
    public int PageCount => _doc.PageCount;

    /// <summary>Where the next block starts, in points from the top of the page.</summary>
    public double Position => _y;

    private double PageWidth => _doc.Pages[^1].Width.Point;
    private double PageHeight => _doc.Pages[^1].Height.Point;
    private double ContentWidth => PageWidth - 2 * Margin;
    private double Bottom => PageHeight - Margin - FooterHeight;
    private XGraphics G => _g ?? throw new InvalidOperationException("The document is finished.");

    /// <summary>A document title: bold, with a rule under it.</summary>
    public PdfDocumentBuilder Heading(string text)
    {
        var lines = Wrap(text, _heading, ContentWidth);
        EnsureRoom(lines.Count * 16 + 14 + LineHeight);
        foreach (var line in lines) { _y += 12; G.DrawString(line, _heading, XBrushes.Black, new XPoint(Margin, _y)); _y += 4; }
        _y += 6;
        G.DrawLine(XPens.Black, Margin, _y, Margin + ContentWidth, _y);
        _y += 10;
        return this;
    }

    /// <summary>A large line for what the reader must find at a glance (a tracking number, a product).</summary>
    public PdfDocumentBuilder Big(string text)
    {
        var lines = Wrap(text, _big, ContentWidth);
        EnsureRoom(lines.Count * 24);
        foreach (var line in lines) { _y += 20; G.DrawString(line, _big, XBrushes.Black, new XPoint(Margin, _y)); _y += 6; }
        return this;
    }

    /// <summary>Text wrapped within the margins; <c>\n</c> starts a new line. Breaks to a new page when the page is full.</summary>
    public PdfDocumentBuilder Paragraph(string text, bool bold = false)
    {
        var font = bold ? _bold : _regular;
        foreach (var line in Wrap(text, font, ContentWidth))
        {
            EnsureRoom(LineHeight);
            _y += LineHeight - 3.5;
            G.DrawString(line, font, XBrushes.Black, new XPoint(Margin, _y));
            _y += 3.5;
        }
        return this;
    }

    /// <summary>A bulleted list; an empty list prints a dash.</summary>
    public PdfDocumentBuilder Bullets(IEnumerable<string> items)
    {
        var any = false;
        foreach (var item in items)
        {
            any = true;
            var lines = Wrap(item, _regular, ContentWidth - 12);
            for (var i = 0; i < lines.Count; i++)
            {
                EnsureRoom(LineHeight);
                _y += LineHeight - 3.5;
                if (i == 0) G.DrawString("•", _regular, XBrushes.Black, new XPoint(Margin, _y));
                G.DrawString(lines[i], _regular, XBrushes.Black, new XPoint(Margin + 12, _y));
                _y += 3.5;
            }
        }
        return any ? this : Paragraph("-");
    }

    /// <summary>Label and value pairs: labels in grey on the left, values in bold beside them, each pair kept on one page.</summary>
    public PdfDocumentBuilder KeyValues(IEnumerable<(string Key, string Value)> rows)
    {
        foreach (var (key, value) in rows)
        {
            var labels = Wrap(key, _regular, LabelWidth - 10);
            var values = Wrap(string.IsNullOrEmpty(value) ? "-" : value, _bold, ContentWidth - LabelWidth);
            var count = Math.Max(labels.Count, values.Count);
            EnsureRoom(count * LineHeight + 2);
            for (var i = 0; i < count; i++)
            {
                _y += LineHeight - 3.5;
                if (i < labels.Count) G.DrawString(labels[i], _regular, XBrushes.DimGray, new XPoint(Margin, _y));
                if (i < values.Count) G.DrawString(values[i], _bold, XBrushes.Black, new XPoint(Margin + LabelWidth, _y));
                _y += 3.5;
            }
            _y += 2;
        }
        return this;
    }

    /// <summary>
    /// A table with ruled cells; widths follow the columns' weights, cells wrap, and when a row does not fit the table
    /// continues on the next page under its heading row again.
    /// </summary>
    public PdfDocumentBuilder Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (columns.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => ContentWidth * c.Weight / total).ToArray();
        var headings = columns.Select(c => c.Heading).ToList();
        EnsureRoom(RowHeight(headings, widths, _bold) + RowHeight(headings, widths, _regular));
        DrawRow(headings, widths, _bold, XBrushes.WhiteSmoke);
        foreach (var row in rows)
        {
            var height = RowHeight(row, widths, _regular);
            if (_y + height > Bottom)
            {
                NewPage();
                DrawRow(headings, widths, _bold, XBrushes.WhiteSmoke);
            }
            DrawRow(row, widths, _regular, null);
        }
        _y += 6;
        return this;
    }

    /// <summary>A QR code of the text, drawn from a PNG with one pixel per module and no smoothing (sharp when printed).</summary>
    public PdfDocumentBuilder Qr(string text, double size = 120)
    {
        EnsureRoom(size + 20);
        _y += 10;
        using (var image = XImage.FromStream(new MemoryStream(QrPng(text, 1))))
        {
            image.Interpolate = false;
            G.DrawImage(image, Margin, _y, size, size);
        }
        _y += size + 10;
        return this;
    }

    /// <summary>Empty space between blocks.</summary>
    public PdfDocumentBuilder Space(double points = 10)
    {
        _y += points;
        if (_y > Bottom) NewPage();
        return this;
    }

    /// <summary>Continue on a new page.</summary>
    public PdfDocumentBuilder PageBreak()
    {
        NewPage();
        return this;
    }

    /// <summary>Finishes the document: writes the footer of every page (now that the number of pages is known) and returns the PDF.</summary>
    public byte[] ToPdf()
    {
        _g?.Dispose();
        _g = null;
        var count = _doc.PageCount;
        var made = Lang.T("Dibuat ", "Generated ") + Formats.DateTime(_generatedAtLocal) + " WIB";
        for (var i = 0; i < count; i++)
        {
            var page = _doc.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - Margin;
            g.DrawLine(XPens.LightGray, Margin, y - 12, page.Width.Point - Margin, y - 12);
            g.DrawString(made, _small, XBrushes.DimGray, new XPoint(Margin, y));
            var number = Lang.T($"Halaman {i + 1} dari {count}", $"Page {i + 1} of {count}");
            var width = g.MeasureString(number, _small).Width;
            g.DrawString(number, _small, XBrushes.DimGray, new XPoint(page.Width.Point - Margin - width, y));
        }
        using var stream = new MemoryStream();
        _doc.Save(stream, false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _g?.Dispose();
        _doc.Dispose();
    }

    /// <summary>Whether an image can be printed in a document: a JPEG, or a PNG with 8-bit grey or colour (PDFsharp reads no palette PNG).</summary>
    public static bool CanPrint(byte[] image)
    {
        try
        {
            using var read = XImage.FromStream(new MemoryStream(image));
            return read.PixelWidth > 0;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or IOException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>A QR code as an 8-bit greyscale PNG (black on white, with the standard quiet zone).</summary>
    public static byte[] QrPng(string text, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count * pixelsPerModule;
        using var bitmap = new SKBitmap(size, size, SKColorType.Gray8, SKAlphaType.Opaque);
        var pixels = new byte[size * size];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                pixels[y * size + x] = modules[y / pixelsPerModule][x / pixelsPerModule] ? (byte)0 : (byte)255;
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>
    /// Splits text into lines no wider than <paramref name="max"/>: at spaces where it can, and inside a word (a long
    /// address or code) where the word alone is wider than the line.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, Func<string, double> measure, double max)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Replace("\r\n", "\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (measure(candidate) <= max) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = "";
                var rest = word;
                while (measure(rest) > max)
                {
                    var take = 1;
                    while (take < rest.Length && measure(rest[..(take + 1)]) <= max) take++;
                    lines.Add(rest[..take]);
                    rest = rest[take..];
                }
                line = rest;
            }
            lines.Add(line);
        }
        return lines;
    }

    private List<string> Wrap(string text, XFont font, double max) => [.. Wrap(text, s => G.MeasureString(s, font).Width, max)];

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom && _y > TopOfContent) NewPage();
    }

    private double TopOfContent { get; set; }

    private void NewPage()
    {
        _g?.Dispose();
        var page = _doc.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _g = XGraphics.FromPdfPage(page);
        _y = Margin;
        DrawLetterhead();
        TopOfContent = _y;
    }

    private void DrawLetterhead()
    {
        var left = Margin;
        const double logoHeight = 40;
        if (_letterhead.Logo is { Length: > 0 } logo)
        {
            using var image = XImage.FromStream(new MemoryStream(logo));
            var width = logoHeight * image.PointWidth / Math.Max(1, image.PointHeight);
            G.DrawImage(image, Margin, _y, width, logoHeight);
            left += width + 10;
        }
        var textWidth = Margin + ContentWidth - left;
        var y = _y;
        foreach (var line in Wrap(_letterhead.Name.ToUpperInvariant(), _mallName, textWidth))
        {
            y += 12;
            G.DrawString(line, _mallName, XBrushes.Black, new XPoint(left, y));
            y += 2;
        }
        foreach (var detail in new[] { _letterhead.Address, _letterhead.Contact }.Where(d => !string.IsNullOrWhiteSpace(d)))
            foreach (var line in Wrap(detail!, _small, textWidth))
            {
                y += 10;
                G.DrawString(line, _small, XBrushes.DimGray, new XPoint(left, y));
            }
        _y = Math.Max(y, _letterhead.Logo is { Length: > 0 } ? _y + logoHeight : y) + 6;
        G.DrawLine(XPens.Gray, Margin, _y, Margin + ContentWidth, _y);
        _y += 14;
    }

    private double RowHeight(IReadOnlyList<string> cells, double[] widths, XFont font) =>
        widths.Select((w, i) => Wrap(i < cells.Count ? cells[i] : "", font, w - 2 * CellPadding).Count).Max() * LineHeight + 2 * CellPadding;

    private void DrawRow(IReadOnlyList<string> cells, double[] widths, XFont font, XBrush? fill)
    {
        var height = RowHeight(cells, widths, font);
        var x = Margin;
        for (var i = 0; i < widths.Length; i++)
        {
            if (fill is not null) G.DrawRectangle(fill, x, _y, widths[i], height);
            G.DrawRectangle(XPens.LightGray, x, _y, widths[i], height);
            var y = _y + CellPadding;
            foreach (var line in Wrap(i < cells.Count ? cells[i] : "", font, widths[i] - 2 * CellPadding))
            {
                y += LineHeight - 3.5;
                G.DrawString(line, font, XBrushes.Black, new XPoint(x + CellPadding, y));
                y += 3.5;
            }
            x += widths[i];
        }
        _y += height;
    }
}
