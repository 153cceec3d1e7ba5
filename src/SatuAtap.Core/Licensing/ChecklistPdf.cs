using SatuAtap.Core.Common;
using SatuAtap.Core.Common.Documents;

namespace SatuAtap.Core.Licensing;

/// <summary>The navigator's answer as a PDF checklist to save or print: every item, who does it, cost, time, documents, where.</summary>
public static class ChecklistPdf
{
    public static byte[] Build(AssessmentView a, Letterhead letterhead, DateTime generatedAtLocal)
    {
        using var pdf = new PdfDocumentBuilder(Lang.T("Daftar periksa perizinan usaha", "Business licensing checklist"), letterhead, generatedAtLocal);
        pdf.Heading(Lang.T("DAFTAR PERIKSA PERIZINAN USAHA (LINK-SATU)", "BUSINESS LICENSING CHECKLIST (LINK-SATU)"))
            .KeyValues(new (string, string)?[]
            {
                (Lang.T("Skala usaha", "Business scale"), a.ScaleLabel),
                (Lang.T("Kecamatan", "District"), a.DistrictName),
                a.Village is { } village ? (Lang.T("Desa/kelurahan", "Village"), village) : null,
                (Lang.T("Versi tabel", "Table version"), a.TableVersion),
            }.OfType<(string, string)>())
            .Paragraph(a.Notice)
            .Space();
        foreach (var item in a.Items)
        {
            pdf.Paragraph($"KBLI {item.Kbli} — {item.Title}", bold: true)
                .Paragraph(Lang.T("Tingkat risiko: ", "Risk level: ") + item.RiskLabel
                    + (item.RaisedBy is { } r ? Lang.T($" (naik karena {r.Label} {r.Value:0.##} > {r.Above:0.##})", $" (raised: {r.Label} {r.Value:0.##} > {r.Above:0.##})") : ""));
            Items(pdf, item.Permits);
        }
        if (a.BasicRequirements.Count > 0)
        {
            pdf.Paragraph(Lang.T("Persyaratan dasar", "Basic requirements"), bold: true);
            Items(pdf, a.BasicRequirements);
        }
        if (a.SupportingPermits.Count > 0)
        {
            pdf.Paragraph(Lang.T("Izin pendukung", "Supporting permits"), bold: true);
            Items(pdf, a.SupportingPermits);
        }
        return pdf.ToPdf();
    }

    private static void Items(PdfDocumentBuilder pdf, IReadOnlyList<PermitView> permits)
    {
        pdf.Table(
            [new(Lang.T("Izin", "Permit"), 3), new(Lang.T("Instansi", "Agency"), 2), new(Lang.T("Biaya", "Cost"), 1),
             new(Lang.T("Waktu", "Time"), 1), new(Lang.T("Di mana", "Where"), 2)],
            permits.Select(p => (IReadOnlyList<string>)[
                "[  ] " + p.Name, p.Agency,
                p.CostRupiah is { } c ? Formats.Cost(c) : "-",
                p.WorkingDays is { } d ? Lang.T($"{d} hari kerja", $"{d} working days") : "-",
                WhereLabel(p.Where) + (p.Link is { } l ? " " + l : ""),
            ]));
        var docs = permits.SelectMany(p => p.Documents).Distinct().ToList();
        if (docs.Count > 0) pdf.Paragraph(Lang.T("Dokumen: ", "Documents: ") + string.Join("; ", docs));
        pdf.Space(6);
    }

    public static string WhereLabel(string where) => where switch
    {
        "oss" => Lang.T("Sistem OSS (didampingi petugas)", "The OSS system (with an officer's help)"),
        "online" => Lang.T("Daring di sini", "Online here"),
        "mobile" => Lang.T("MPP keliling", "The mobile unit"),
        _ => Lang.T("Loket MPP", "A mall counter"),
    };
}
