using SatuAtap.Core.Common;
using SatuAtap.Core.Common.Documents;

namespace SatuAtap.Core.Applications.Documents;

public sealed record ReceiptData(string TrackingNumber, string ServiceName, string AgencyName, string ApplicantName, DateTime SubmittedAtLocal,
    DateOnly? DueDate, IReadOnlyList<string> Documents, string TrackUrl, string CheckCode);

public sealed record ResultData(string VerificationCode, string VerifyUrl, string ServiceName, string Product, string AgencyName, string HolderName,
    string TrackingNumber, DateTime IssuedAtLocal, string IssuedBy, IReadOnlyList<(string Label, string Value)> Facts);

public sealed record PickupNoticeData(string VerificationCode, string VerifyUrl, string ServiceName, PickupView Pickup, string HolderName,
    DateTime IssuedAtLocal, string IssuedBy);

/// <summary>The receipt (tanda terima) and the issued result document, as PDF with a QR code.</summary>
public static class ApplicationPdfs
{
    public static byte[] Receipt(ReceiptData d, Letterhead letterhead, DateTime generatedAtLocal)
    {
        using var pdf = new PdfDocumentBuilder(Lang.T("Tanda terima permohonan ", "Application receipt ") + d.TrackingNumber, letterhead, generatedAtLocal);
        pdf.Heading(Lang.T("TANDA TERIMA PERMOHONAN", "APPLICATION RECEIPT"))
            .Big(d.TrackingNumber)
            .Paragraph(Lang.T("Nomor registrasi — simpan untuk melacak permohonan Anda.", "Tracking number — keep it to follow your application."))
            .Space()
            .KeyValues([
                (Lang.T("Layanan", "Service"), d.ServiceName),
                (Lang.T("Instansi", "Agency"), d.AgencyName),
                (Lang.T("Pemohon", "Applicant"), d.ApplicantName),
                (Lang.T("Diajukan", "Submitted"), Formats.DateTime(d.SubmittedAtLocal) + " WIB"),
                (Lang.T("Batas waktu penyelesaian", "Due date"), d.DueDate is { } due ? Formats.Date(due) : "-"),
            ])
            .Space()
            .Paragraph(Lang.T("Dokumen yang diterima", "Documents received"), bold: true)
            .Bullets(d.Documents)
            .Space()
            .KeyValues([(Lang.T("Kode pemeriksa", "Check code"), d.CheckCode)])
            .Paragraph(Lang.T("Lacak tanpa masuk: buka alamat di bawah atau pindai kode QR, lalu isi kode pemeriksa ini (atau NIK lengkap pemohon).",
                "Track without signing in: open the address below or scan the QR code, then give this check code (or the applicant's full NIK)."))
            .Paragraph(Lang.T("Jangan bagikan kode pemeriksa kepada orang yang tidak berhak.", "Do not share the check code with anyone who should not follow the application."))
            .Paragraph(d.TrackUrl)
            .Qr(d.TrackUrl);
        return pdf.ToPdf();
    }

    public static byte[] Result(ResultData d, Letterhead letterhead, DateTime generatedAtLocal)
    {
        using var pdf = new PdfDocumentBuilder(d.Product + " " + d.VerificationCode, letterhead, generatedAtLocal);
        pdf.Heading(d.AgencyName.ToUpperInvariant())
            .Big(d.Product)
            .Paragraph(d.ServiceName)
            .Space()
            .KeyValues([
                (Lang.T("Diberikan kepada", "Issued to"), d.HolderName),
                (Lang.T("Nomor registrasi", "Tracking number"), d.TrackingNumber),
                .. d.Facts,
                (Lang.T("Diterbitkan", "Issued"), Formats.DateTime(d.IssuedAtLocal) + " WIB"),
                (Lang.T("Oleh", "By"), d.IssuedBy),
            ])
            .Space()
            .KeyValues([(Lang.T("Kode verifikasi", "Verification code"), d.VerificationCode)])
            .Paragraph(Lang.T("Keaslian dokumen ini dapat diperiksa dengan memindai kode QR atau membuka:", "Check that this document is genuine by scanning the QR code or opening:"))
            .Paragraph(d.VerifyUrl)
            .Paragraph(Lang.T("Halaman verifikasi menampilkan nama pemegang tersamar: ", "The verification page shows the holder's name masked: ")
                + NameMask.Mask(d.HolderName))
            .Qr(d.VerifyUrl);
        return pdf.ToPdf();
    }

    /// <summary>
    /// The pickup notice (pemberitahuan pengambilan) of a product to collect: it names the product but is not the product;
    /// it says where and when to collect it and what to bring.
    /// </summary>
    public static byte[] PickupNotice(PickupNoticeData d, Letterhead letterhead, DateTime generatedAtLocal)
    {
        var p = d.Pickup;
        using var pdf = new PdfDocumentBuilder(Lang.T("Pemberitahuan pengambilan ", "Pickup notice ") + d.VerificationCode, letterhead, generatedAtLocal);
        pdf.Heading(Lang.T("PEMBERITAHUAN PENGAMBILAN", "PICKUP NOTICE"))
            .Paragraph(Lang.T($"{p.Product} atas nama {d.HolderName} sudah jadi dan dapat diambil di loket.",
                $"{p.Product} for {d.HolderName} is ready to collect at the counter."))
            .Space()
            .KeyValues([
                (Lang.T("Produk", "Product"), p.Product),
                (Lang.T("Layanan", "Service"), d.ServiceName),
                (Lang.T("Nomor registrasi", "Tracking number"), p.TrackingNumber),
                (Lang.T("Tempat pengambilan", "Where"), p.AgencyName + (p.Address is { Length: > 0 } ? ", " + p.Address : "")),
                (Lang.T("Jam layanan", "Opening hours"), p.OpeningHours is { Length: > 0 } ? p.OpeningHours : "-"),
                (Lang.T("Siap sejak", "Ready since"), Formats.DateTime(d.IssuedAtLocal) + " WIB"),
                (Lang.T("Petugas", "Officer"), d.IssuedBy),
            ])
            .Space()
            .Paragraph(Lang.T("Yang dibawa", "What to bring"), bold: true)
            .Bullets(p.Bring)
            .Space()
            .Paragraph(Lang.T("Pemberitahuan ini bukan " + p.Product + " dan tidak dapat dipakai sebagai penggantinya.",
                "This notice is not the " + p.Product + " and cannot be used in its place."))
            .KeyValues([(Lang.T("Kode verifikasi", "Verification code"), d.VerificationCode)])
            .Paragraph(d.VerifyUrl)
            .Qr(d.VerifyUrl);
        return pdf.ToPdf();
    }
}
