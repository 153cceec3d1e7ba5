using SatuAtap.Core.Common;
using SatuAtap.Core.Common.Documents;

namespace SatuAtap.Core.Outreach;

/// <summary>
/// The poster of a stop's visits in a month, for a village notice board: an A4 PDF with the dates, hours (the stop's
/// time), place and services, and a QR code to the stop page.
/// </summary>
public static class SchedulePoster
{
    public static byte[] Build(StopView stop, DateOnly month, IReadOnlyList<VisitView> visits, Letterhead letterhead, PublicLinks links, DateTime generatedAtLocal)
    {
        var monthName = Lang.IsEnglish
            ? month.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))
            : month.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("id-ID"));
        using var pdf = new PdfDocumentBuilder(Lang.T($"Jadwal MPP Keliling {stop.Name} {monthName}", $"Mobile unit schedule {stop.Name} {monthName}"), letterhead, generatedAtLocal);
        pdf.Big($"MPP Keliling {stop.Name}");
        pdf.Heading(Lang.T($"Jadwal {monthName}", $"Schedule for {monthName}"));
        pdf.KeyValues([(Lang.T("Tempat", "Place"), $"{stop.Address}, {Lang.T("Kecamatan", "District")} {stop.District}")]);
        pdf.Space();
        if (visits.Count == 0)
            pdf.Paragraph(Lang.T("Belum ada kunjungan terjadwal pada bulan ini.", "No visit is scheduled this month yet."));
        else
        {
            pdf.Table([new TableColumn(Lang.T("Tanggal", "Date"), 2), new TableColumn(Lang.T("Jam", "Hours"), 1.3), new TableColumn(Lang.T("Keterangan", "Note"), 1)],
                visits.Select(v => (IReadOnlyList<string>)[
                    VisitTimes.Day(v.Start), VisitTimes.Hours(v.Start, v.End, v.Stop.TimeZone),
                    v.Status == "cancelled" ? Lang.T("dibatalkan", "cancelled") : v.Status == "moved" ? Lang.T("dipindah", "moved") : ""]));
            pdf.Space();
            // The services once, under the dates: a village notice board needs to be read from a step away.
            var services = visits.SelectMany(v => v.Services.Select(s => s.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
            pdf.Heading(Lang.T("Layanan yang dibawa", "Services on board"));
            pdf.Bullets(services);
            if (visits.Select(v => string.Join("|", v.Services.Select(s => s.ServiceId).Order())).Distinct().Count() > 1)
                pdf.Paragraph(Lang.T("Layanan dapat berbeda antar kunjungan; lihat halaman lokasi.", "Services may differ between visits; see the stop page."));
        }
        pdf.Space(16);
        pdf.Paragraph(Lang.T("Pesan tempat dan lihat jadwal terbaru:", "Book a place and see the latest schedule:"), bold: true);
        var url = links.To(stop.PagePath);
        pdf.Paragraph(url);
        pdf.Qr(url);
        return pdf.ToPdf();
    }
}
