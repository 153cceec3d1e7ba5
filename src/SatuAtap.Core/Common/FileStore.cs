using SkiaSharp;
using UglyToad.PdfPig;

namespace SatuAtap.Core.Common;

/// <summary>
/// What a file really is, judged by its content, never by its name: the first bytes say what it claims to be, and
/// the whole file must then open as that: a PDF with PdfPig (at least one page), a JPEG or PNG decoded by SkiaSharp
/// (sane dimensions). A file that only starts like a PDF (<c>%PDF-</c> followed by HTML) is refused.
/// </summary>
public static class FileSniffer
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    /// <summary>Largest width or height of an accepted image, in pixels.</summary>
    public const int MaxImageSide = 20_000;

    /// <summary>The message for a file that is not a PDF, JPEG or PNG that opens.</summary>
    public static string NotAFile() => Lang.T(
        "Berkas tidak dapat dibuka sebagai PDF, JPEG, atau PNG yang utuh. Periksa berkasnya lalu unggah lagi.",
        "The file does not open as a complete PDF, JPEG or PNG. Check the file and upload it again.");

    /// <summary>The type the first bytes claim (null when not PDF, JPEG or PNG); says nothing about the rest of the file.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        return null;
    }

    /// <summary>The file's type when its first bytes claim PDF, JPEG or PNG and the whole file opens as that; otherwise null.</summary>
    public static string? Recognise(ReadOnlyMemory<byte> content)
    {
        var claimed = Detect(content.Span[..Math.Min(16, content.Length)]);
        return claimed switch
        {
            Pdf => OpensAsPdf(content) ? Pdf : null,
            Jpeg => DecodesAs(content, SKEncodedImageFormat.Jpeg) ? Jpeg : null,
            Png => DecodesAs(content, SKEncodedImageFormat.Png) ? Png : null,
            _ => null,
        };
    }

    private static bool OpensAsPdf(ReadOnlyMemory<byte> content)
    {
        // PdfPig, not PDFsharp's reader (which would spare the 2.9 MB of standard-font metrics PdfPig keeps): PDFsharp
        // parses nested arrays recursively and a 60 KB upload of 30,000 of them overflowed the stack, which ends the
        // process (docs/benchmarks/2026-12-03-memory.md §4; FileSnifferTests keeps a million of them).
        try
        {
            using var document = PdfDocument.Open(content.ToArray());
            if (document.NumberOfPages < 1) return false;
            _ = document.GetPage(1);
            return true;
        }
        catch (Exception)
        {
            // PdfPig throws many kinds of exception for a broken file; any of them means "not a PDF".
            return false;
        }
    }

    private static bool DecodesAs(ReadOnlyMemory<byte> content, SKEncodedImageFormat format)
    {
        try
        {
            using var data = SKData.CreateCopy(content.Span);
            using var codec = SKCodec.Create(data);
            if (codec is null || codec.EncodedFormat != format) return false;
            var info = codec.Info;
            if (info.Width is < 1 or > MaxImageSide || info.Height is < 1 or > MaxImageSide) return false;
            using var bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
            // Incomplete input means the file was cut short: refuse it rather than keep half a picture.
            return codec.GetPixels(bitmap.Info, bitmap.GetPixels()) == SKCodecResult.Success;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Reads an upload into memory and recognises its type (null when not a PDF, JPEG or PNG that opens).</summary>
    public static async Task<(MemoryStream Buffer, string? Type)> ReadAsync(Stream content, CancellationToken ct = default)
    {
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return (buffer, Recognise(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)));
    }

    /// <summary>The type the file name claims (by extension), to compare with what the content is.</summary>
    public static string? FromName(string? name) => Path.GetExtension(name ?? "").ToLowerInvariant() switch
    {
        ".pdf" => Pdf,
        ".jpg" or ".jpeg" => Jpeg,
        ".png" => Png,
        _ => null,
    };
}

/// <summary>
/// Uploaded files, kept in a configured folder outside the web root under generated names, so nothing
/// uploaded can be fetched except through an endpoint that checks who asks. With a <see cref="PersonalDataProtector"/>
/// every file is written encrypted (AES-GCM, the personal-data keys) and decrypted when opened; files written before
/// encryption (no header) are served as they are.
/// </summary>
public sealed class FileStore(string root, PersonalDataProtector? protector = null)
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<string> SaveAsync(Stream content, string folder, CancellationToken ct = default)
    {
        var key = $"{folder}/{Guid.CreateVersion7():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            if (protector is null)
                await content.CopyToAsync(file, ct);
            else
            {
                // Uploads are bounded (Applications:MaxUploadBytes), so the file is sealed whole: one nonce, one tag.
                using var clear = new MemoryStream();
                await content.CopyToAsync(clear, ct);
                await file.WriteAsync(protector.ProtectFile(clear.GetBuffer().AsSpan(0, (int)clear.Length)), ct);
            }
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        }
        return key;
    }

    /// <summary>The file's clear content, or null when there is no such file.</summary>
    public Stream? Open(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return null;
        if (protector is null) return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        return new MemoryStream(protector.UnprotectFile(File.ReadAllBytes(path)), writable: false);
    }

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
    }

    private string PathOf(string key)
    {
        if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key)) throw new ArgumentException("Invalid file key.", nameof(key));
        return Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
