using System.Text;
using PdfSharp.Pdf;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Tests.Common;

/// <summary>
/// An upload is what its content opens as: the PDF cases. Uploads are public input, so the reader must also survive a
/// file built to break a recursive parser (PDFsharp's reader overflowed the stack at 30,000 nested arrays, which ends
/// the process; see docs/benchmarks/2026-12-03-memory.md §4).
/// </summary>
public sealed class FileSnifferTests
{
    [Fact]
    public void Pdf_WrittenByPdfSharp_IsAPdf() => Assert.Equal(FileSniffer.Pdf, FileSniffer.Recognise(Written()));

    [Fact]
    public void Pdf_WithACrossReferenceStream_IsAPdf()
    {
        // PDF 1.5 and later may list their objects in a compressed cross-reference stream instead of a table.
        Assert.Equal(FileSniffer.Pdf, FileSniffer.Recognise(WithCrossReferenceStream()));
    }

    [Fact]
    public void Pdf_WithOnlyAnOwnerPassword_IsAPdf()
    {
        // Restrictions on printing or copying do not stop the file from being read.
        var file = Written(d => d.SecuritySettings.OwnerPassword = "pemilik");
        Assert.Equal(FileSniffer.Pdf, FileSniffer.Recognise(file));
    }

    [Fact]
    public void Pdf_ThatNeedsAPasswordToOpen_IsRefused()
    {
        var file = Written(d => { d.SecuritySettings.UserPassword = "rahasia"; d.SecuritySettings.OwnerPassword = "pemilik"; });
        Assert.Null(FileSniffer.Recognise(file));
    }

    [Fact]
    public void Pdf_CutShort_IsRefused()
    {
        var file = Written();
        Assert.Null(FileSniffer.Recognise(file.AsMemory(0, file.Length / 2)));
    }

    [Fact]
    public void Pdf_ThatLostOnlyItsTrailer_IsAPdf()
    {
        // The reader is lenient: with every object whole, a lost cross-reference and trailer are found again.
        var file = Written();
        Assert.Equal(FileSniffer.Pdf, FileSniffer.Recognise(file.AsMemory(0, file.Length - 40)));
    }

    [Fact]
    public void Pdf_Header_FollowedByAWebPage_IsRefused()
    {
        var file = "%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"u8.ToArray();
        Assert.Equal(FileSniffer.Pdf, FileSniffer.Detect(file));
        Assert.Null(FileSniffer.Recognise(file));
    }

    [Fact]
    public void Pdf_WithAMillionNestedArrays_IsReadWithoutEndingTheProcess()
    {
        // 2 MB of brackets in the page's dictionary: a valid file, so it is a PDF; what matters is that the test host
        // (like the mall) is still running after reading it.
        const int depth = 1_000_000;
        var page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Nested " + new string('[', depth) + new string(']', depth) + " >>";
        var file = Build("1.4", ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page], stream: false);
        Assert.Equal(FileSniffer.Pdf, FileSniffer.Recognise(file));
    }

    [Fact]
    public void Pdf_WithoutPages_IsRefused()
    {
        var file = Build("1.4", ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"], stream: false);
        Assert.Null(FileSniffer.Recognise(file));
    }

    private static byte[] Written(Action<PdfDocument>? configure = null)
    {
        using var document = new PdfDocument();
        document.AddPage();
        configure?.Invoke(document);
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static byte[] WithCrossReferenceStream() => Build("1.5",
        ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"],
        stream: true);

    /// <summary>A file of the given objects (numbered from 1) with a cross-reference table, or a cross-reference stream.</summary>
    private static byte[] Build(string version, string[] objects, bool stream)
    {
        var file = new MemoryStream();
        void Write(string text) => file.Write(Encoding.ASCII.GetBytes(text));
        Write($"%PDF-{version}\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(file.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = file.Position;
        var size = objects.Length + 1;
        if (!stream)
        {
            Write($"xref\n0 {size}\n0000000000 65535 f \n");
            foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
            Write($"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            return file.ToArray();
        }
        // Entries of 1 + 4 + 2 bytes: type (0 free, 1 in use), offset, generation; the stream lists itself last.
        offsets.Add(xref);
        var rows = new List<byte> { 0, 0, 0, 0, 0, 0xFF, 0xFF };
        foreach (var offset in offsets)
            rows.AddRange([1, (byte)(offset >> 24), (byte)(offset >> 16), (byte)(offset >> 8), (byte)offset, 0, 0]);
        Write($"{size} 0 obj\n<< /Type /XRef /Size {size + 1} /W [1 4 2] /Root 1 0 R /Length {rows.Count} >>\nstream\n");
        file.Write(rows.ToArray());
        Write($"\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n");
        return file.ToArray();
    }
}
