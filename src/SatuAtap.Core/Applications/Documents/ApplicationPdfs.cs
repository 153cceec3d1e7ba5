using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Applications.Documents;

/// <summary>
/// The fonts of the documents ship inside the program (DejaVu Sans, regular and bold), so a receipt looks the
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
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"SatuAtap.Core.Applications.Documents.Fonts.{faceName}.ttf");
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

public sealed record ReceiptData(string TrackingNumber, string ServiceName, string AgencyName, string ApplicantName, DateTime SubmittedAtLocal,
    DateOnly? DueDate, IReadOnlyList<string> Documents, string TrackUrl, string CheckCode);

public sealed record ResultData(string VerificationCode, string VerifyUrl, string ServiceName, string Product, string AgencyName, string HolderName,
    string TrackingNumber, DateTime IssuedAtLocal, string IssuedBy, IReadOnlyList<(string Label, string Value)> Facts);

/// <summary>The receipt (tanda terima) and the issued result document, as PDF with a QR code.</summary>
public static class ApplicationPdfs
{
    public static byte[] Receipt(ReceiptData d)
    {
        EmbeddedFontResolver.Install();
        using var doc = new PdfDocument();
        doc.Info.Title = Lang.T("Tanda terima permohonan ", "Application receipt ") + d.TrackingNumber;
        var page = doc.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var w = new Writer(g, page.Width.Point);
            w.Header(Lang.T("TANDA TERIMA PERMOHONAN", "APPLICATION RECEIPT"));
            w.Big(d.TrackingNumber);
            w.Line(Lang.T("Nomor registrasi — simpan untuk melacak permohonan Anda.", "Tracking number — keep it to follow your application."));
            w.Gap();
            w.Pair(Lang.T("Layanan", "Service"), d.ServiceName);
            w.Pair(Lang.T("Instansi", "Agency"), d.AgencyName);
            w.Pair(Lang.T("Pemohon", "Applicant"), d.ApplicantName);
            w.Pair(Lang.T("Diajukan", "Submitted"), Formats.DateTime(d.SubmittedAtLocal) + " WIB");
            w.Pair(Lang.T("Batas waktu penyelesaian", "Due date"), d.DueDate is { } due ? Formats.Date(due) : "-");
            w.Gap();
            w.Bold(Lang.T("Dokumen yang diterima", "Documents received"));
            if (d.Documents.Count == 0) w.Line("-");
            foreach (var doc1 in d.Documents) w.Line("• " + doc1);
            w.Gap();
            w.Pair(Lang.T("Kode pemeriksa", "Check code"), d.CheckCode);
            w.Line(Lang.T("Lacak tanpa masuk: buka alamat di bawah atau pindai kode QR, lalu isi kode pemeriksa ini (atau NIK lengkap pemohon).",
                "Track without signing in: open the address below or scan the QR code, then give this check code (or the applicant's full NIK)."));
            w.Line(Lang.T("Jangan bagikan kode pemeriksa kepada orang yang tidak berhak.", "Do not share the check code with anyone who should not follow the application."));
            w.Line(d.TrackUrl);
            w.Qr(d.TrackUrl);
        }
        return Save(doc);
    }

    public static byte[] Result(ResultData d)
    {
        EmbeddedFontResolver.Install();
        using var doc = new PdfDocument();
        doc.Info.Title = d.Product + " " + d.VerificationCode;
        var page = doc.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var w = new Writer(g, page.Width.Point);
            w.Header(d.AgencyName.ToUpperInvariant());
            w.Big(d.Product);
            w.Line(d.ServiceName);
            w.Gap();
            w.Pair(Lang.T("Diberikan kepada", "Issued to"), d.HolderName);
            w.Pair(Lang.T("Nomor registrasi", "Tracking number"), d.TrackingNumber);
            foreach (var (label, value) in d.Facts) w.Pair(label, value);
            w.Pair(Lang.T("Diterbitkan", "Issued"), Formats.DateTime(d.IssuedAtLocal) + " WIB");
            w.Pair(Lang.T("Oleh", "By"), d.IssuedBy);
            w.Gap();
            w.Pair(Lang.T("Kode verifikasi", "Verification code"), d.VerificationCode);
            w.Line(Lang.T("Keaslian dokumen ini dapat diperiksa dengan memindai kode QR atau membuka:", "Check that this document is genuine by scanning the QR code or opening:"));
            w.Line(d.VerifyUrl);
            w.Qr(d.VerifyUrl);
        }
        return Save(doc);
    }

    public static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    private static byte[] Save(PdfDocument doc)
    {
        using var stream = new MemoryStream();
        doc.Save(stream, false);
        return stream.ToArray();
    }

    private sealed class Writer(XGraphics g, double width)
    {
        private const double Margin = 56;
        private double _y = Margin;
        private readonly XFont _regular = new(EmbeddedFontResolver.Family, 10.5);
        private readonly XFont _bold = new(EmbeddedFontResolver.Family, 10.5, XFontStyleEx.Bold);
        private readonly XFont _header = new(EmbeddedFontResolver.Family, 12, XFontStyleEx.Bold);
        private readonly XFont _big = new(EmbeddedFontResolver.Family, 22, XFontStyleEx.Bold);

        public void Header(string text)
        {
            g.DrawString("MAL PELAYANAN PUBLIK KABUPATEN SUKABUMI", _regular, XBrushes.Gray, new XPoint(Margin, _y));
            _y += 20;
            g.DrawString(text, _header, XBrushes.Black, new XPoint(Margin, _y));
            _y += 8;
            g.DrawLine(XPens.Black, Margin, _y, width - Margin, _y);
            _y += 28;
        }

        public void Big(string text) { g.DrawString(text, _big, XBrushes.Black, new XPoint(Margin, _y)); _y += 22; }
        public void Bold(string text) { g.DrawString(text, _bold, XBrushes.Black, new XPoint(Margin, _y)); _y += 16; }
        public void Gap() => _y += 10;

        public void Line(string text)
        {
            foreach (var part in Wrap(text, _regular, width - 2 * Margin))
            {
                g.DrawString(part, _regular, XBrushes.Black, new XPoint(Margin, _y));
                _y += 15;
            }
        }

        public void Pair(string label, string value)
        {
            g.DrawString(label, _regular, XBrushes.Gray, new XPoint(Margin, _y));
            foreach (var part in Wrap(value, _bold, width - 2 * Margin - 170))
            {
                g.DrawString(part, _bold, XBrushes.Black, new XPoint(Margin + 170, _y));
                _y += 15;
            }
            _y += 2;
        }

        /// <summary>The QR drawn as vector squares from QRCoder's module matrix: sharp at any zoom and printer.</summary>
        public void Qr(string text)
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
            var modules = data.ModuleMatrix;
            const double size = 120;
            var cell = size / modules.Count;
            _y += 10;
            for (var row = 0; row < modules.Count; row++)
                for (var col = 0; col < modules[row].Count; col++)
                    if (modules[row][col])
                        g.DrawRectangle(XBrushes.Black, Margin + col * cell, _y + row * cell, cell + 0.05, cell + 0.05);
            _y += size + 10;
        }

        private IEnumerable<string> Wrap(string text, XFont font, double max)
        {
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (g.MeasureString(candidate, font).Width > max && line.Length > 0)
                {
                    yield return line;
                    line = word;
                }
                else line = candidate;
            }
            if (line.Length > 0) yield return line;
        }
    }
}
