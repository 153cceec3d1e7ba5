using System.Globalization;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Common.Documents;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Feedback;

/// <summary>A report file: its bytes, type and name.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The survey report of a unit and period as a regency publishes it, in PDF or XLSX: the respondents' profile (sex, age
/// group, education, occupation), each element's NRR and weighted NRR, the index and its grade, the improvement
/// priorities (weakest first) and the comments. The same figures as <see cref="GetSurveyIndex"/>, who may see it alike.
/// </summary>
public sealed class SurveyReport(SatuAtapDb db, GetSurveyIndex index, CatalogCache catalog, MallIdentity mall, MallTime time)
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int MaxComments = 500;

    private sealed record Profile(string Group, string Value, long Count);

    public async Task<Outcome<ReportFile>> HandleAsync(IndexFilter filter, string format, Caller caller, CancellationToken ct = default)
    {
        var summary = await index.HandleAsync(filter, caller, ct);
        if (!summary.Succeeded) return new Outcome<ReportFile>(summary.Kind, Message: summary.Message);
        var s = summary.Value!;
        var (_, exact) = await index.ComputeAsync(filter, ct);
        var responses = index.Responses(filter);
        var profile = new List<Profile>();
        foreach (var (value, count) in await responses.GroupBy(r => r.Sex).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(ct) is var sexes
                     ? sexes.Select(x => (x.Key, x.N)) : [])
            profile.Add(new Profile(Lang.T("Jenis kelamin", "Sex"), value switch { "male" => Lang.T("Laki-laki", "Male"), "female" => Lang.T("Perempuan", "Female"), _ => Unknown() }, count));
        var ages = await responses.GroupBy(r => r.AgeYears).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(ct);
        foreach (var bucket in ages.GroupBy(a => AgeGroup(a.Key)).OrderBy(g => g.Key, StringComparer.Ordinal))
            profile.Add(new Profile(Lang.T("Umur", "Age"), bucket.Key, bucket.Sum(b => b.N)));
        foreach (var e in await responses.GroupBy(r => r.Education).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(ct))
            profile.Add(new Profile(Lang.T("Pendidikan", "Education"), e.Key?.ToUpperInvariant() ?? Unknown(), e.N));
        foreach (var o in await responses.GroupBy(r => r.Occupation).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(ct))
            profile.Add(new Profile(Lang.T("Pekerjaan", "Occupation"), o.Key ?? Unknown(), o.N));
        var comments = await responses.Where(r => r.Comment != null).OrderByDescending(r => r.SubmittedAtUtc).Take(MaxComments)
            .Select(r => new { r.Day, r.Comment }).ToListAsync(ct);
        var unit = await UnitNameAsync(filter, ct);
        var period = $"{filter.From:yyyy-MM-dd} – {filter.To:yyyy-MM-dd}";
        var name = $"skm-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}";
        var commentRows = comments.Select(c => (c.Day, c.Comment!)).ToList();
        return format == "xlsx"
            ? Outcome<ReportFile>.Ok(new ReportFile(Spreadsheet(s, exact, profile, commentRows, unit, period), Xlsx, name + ".xlsx"))
            : Outcome<ReportFile>.Ok(new ReportFile(Pdf(s, exact, profile, commentRows, unit, period), "application/pdf", name + ".pdf"));
    }

    private static string Unknown() => Lang.T("Tidak diisi", "Not given");

    /// <summary>The age groups of the published reports.</summary>
    public static string AgeGroup(int? age) => age switch
    {
        null => Unknown(),
        < 21 => "≤ 20",
        < 31 => "21–30",
        < 41 => "31–40",
        < 51 => "41–50",
        _ => "> 50",
    };

    private async Task<string> UnitNameAsync(IndexFilter f, CancellationToken ct)
    {
        var snapshot = await catalog.GetAsync(ct);
        var parts = new List<string>();
        if (f.AgencyId is { } a && snapshot.Agencies.FirstOrDefault(x => x.Id == a) is { } agency) parts.Add(agency.DisplayName);
        if (f.ServiceId is { } sid && snapshot.ServicesById.TryGetValue(sid, out var service)) parts.Add(service.DisplayName);
        if (f.SiteId is { } site && await db.QueueSites.AsNoTracking().Where(x => x.Id == site).Select(x => x.Name).FirstOrDefaultAsync(ct) is { } siteName)
            parts.Add(siteName);
        return parts.Count == 0 ? mall.DisplayName : string.Join(" · ", parts);
    }

    private static string N(decimal value, int decimals) => value.ToString("N" + decimals, Lang.IsEnglish ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("id-ID"));

    private byte[] Pdf(SurveyIndex s, IndexResult exact, List<Profile> profile, List<(DateOnly Day, string Text)> comments, string unit, string period)
    {
        using var pdf = new PdfDocumentBuilder(Lang.T("Laporan Survei Kepuasan Masyarakat", "Community Satisfaction Survey Report"), mall.Letterhead(), time.Now);
        pdf.Heading(Lang.T("Laporan Survei Kepuasan Masyarakat (PermenPANRB 14/2017)", "Community Satisfaction Survey Report (PermenPANRB 14/2017)"));
        pdf.KeyValues([
            (Lang.T("Unit layanan", "Service unit"), unit),
            (Lang.T("Periode", "Period"), period),
            (Lang.T("Responden", "Respondents"), s.Respondents.ToString(CultureInfo.InvariantCulture)),
            (Lang.T("Populasi (dilayani)", "Population (served)"), s.Population.ToString(CultureInfo.InvariantCulture)),
            (Lang.T("Sampel minimal (Krejcie–Morgan)", "Minimum sample (Krejcie–Morgan)"), s.SampleNeeded.ToString(CultureInfo.InvariantCulture)),
            ("IKM", s.Ikm is { } ikm ? N(ikm, 2) : "–"),
            (Lang.T("Mutu pelayanan", "Grade"), s.Grade is null ? "–" : $"{s.Grade} ({s.Label})"),
        ]);
        pdf.Paragraph(Lang.T("Bobot setiap unsur tepat 1/9 (tidak dibulatkan); IKM = Σ(NRR × 1/9) × 25.",
            "Each element weighs exactly 1/9 (not rounded); IKM = Σ(NRR × 1/9) × 25."));
        pdf.Heading(Lang.T("Nilai rata-rata per unsur", "Average per element"));
        pdf.Table([new TableColumn(Lang.T("Unsur", "Element"), 3), new TableColumn("NRR"), new TableColumn(Lang.T("NRR tertimbang", "Weighted NRR"))],
            exact.Elements.Select(e => (IReadOnlyList<string>)[$"{e.Element.Code} {e.Element.DisplayName}", N(e.Nrr, 3), N(e.WeightedNrr, 3)]));
        pdf.Heading(Lang.T("Prioritas perbaikan (unsur terlemah dahulu)", "Improvement priorities (weakest first)"));
        pdf.Bullets(exact.Priorities.Take(3).Select(p => $"{p.Element.Code} {p.Element.DisplayName}: {N(p.Nrr, 3)}"));
        pdf.Heading(Lang.T("Profil responden", "Respondents' profile"));
        pdf.Table([new TableColumn(Lang.T("Kelompok", "Group")), new TableColumn(Lang.T("Isian", "Answer"), 2), new TableColumn(Lang.T("Jumlah", "Count"))],
            profile.Select(p => (IReadOnlyList<string>)[p.Group, p.Value, p.Count.ToString(CultureInfo.InvariantCulture)]));
        pdf.Heading(Lang.T("Saran dan komentar", "Suggestions and comments"));
        if (comments.Count == 0) pdf.Paragraph(Lang.T("Tidak ada komentar.", "No comments."));
        else pdf.Table([new TableColumn(Lang.T("Tanggal", "Date")), new TableColumn(Lang.T("Komentar", "Comment"), 4)],
            comments.Select(c => (IReadOnlyList<string>)[c.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Text]));
        return pdf.ToPdf();
    }

    private static byte[] Spreadsheet(SurveyIndex s, IndexResult exact, List<Profile> profile, List<(DateOnly Day, string Text)> comments, string unit, string period)
    {
        using var book = new XLWorkbook();
        var summary = book.AddWorksheet(Lang.T("Ringkasan", "Summary"));
        summary.Cell(1, 1).Value = Lang.T("Laporan Survei Kepuasan Masyarakat", "Community Satisfaction Survey Report");
        summary.Cell(1, 1).Style.Font.Bold = true;
        var rows = new (string Label, object? Value)[]
        {
            (Lang.T("Unit layanan", "Service unit"), unit),
            (Lang.T("Periode", "Period"), period),
            (Lang.T("Responden", "Respondents"), s.Respondents),
            (Lang.T("Populasi", "Population"), s.Population),
            (Lang.T("Sampel minimal", "Minimum sample"), s.SampleNeeded),
            ("IKM", s.Ikm),
            (Lang.T("Mutu", "Grade"), s.Grade),
            (Lang.T("Kinerja", "Performance"), s.Label),
        };
        for (var i = 0; i < rows.Length; i++)
        {
            summary.Cell(i + 3, 1).Value = rows[i].Label;
            summary.Cell(i + 3, 2).Value = rows[i].Value ?? "";
        }
        summary.Column(1).Width = 24;
        summary.Column(2).Width = 60;

        var nrr = book.AddWorksheet("NRR");
        string[] heads = [Lang.T("Kode", "Code"), Lang.T("Unsur", "Element"), Lang.T("Jawaban", "Answers"), "NRR", Lang.T("NRR tertimbang", "Weighted NRR")];
        for (var c = 0; c < heads.Length; c++) nrr.Cell(1, c + 1).Value = heads[c];
        for (var i = 0; i < exact.Elements.Count; i++)
        {
            var e = exact.Elements[i];
            nrr.Cell(i + 2, 1).Value = e.Element.Code;
            nrr.Cell(i + 2, 2).Value = e.Element.DisplayName;
            nrr.Cell(i + 2, 3).Value = e.Answers;
            nrr.Cell(i + 2, 4).Value = Math.Round(e.Nrr, 4, MidpointRounding.AwayFromZero);
            nrr.Cell(i + 2, 5).Value = Math.Round(e.WeightedNrr, 4, MidpointRounding.AwayFromZero);
        }
        nrr.Cell(11, 4).Value = "IKM";
        nrr.Cell(11, 5).Value = s.Ikm ?? 0m;
        nrr.Column(2).Width = 45;
        nrr.Column(5).Width = 16;

        var priorities = book.AddWorksheet(Lang.T("Prioritas", "Priorities"));
        priorities.Cell(1, 1).Value = Lang.T("Urutan", "Rank");
        priorities.Cell(1, 2).Value = Lang.T("Kode", "Code");
        priorities.Cell(1, 3).Value = Lang.T("Unsur", "Element");
        priorities.Cell(1, 4).Value = "NRR";
        for (var i = 0; i < exact.Priorities.Count; i++)
        {
            priorities.Cell(i + 2, 1).Value = i + 1;
            priorities.Cell(i + 2, 2).Value = exact.Priorities[i].Element.Code;
            priorities.Cell(i + 2, 3).Value = exact.Priorities[i].Element.DisplayName;
            priorities.Cell(i + 2, 4).Value = Math.Round(exact.Priorities[i].Nrr, 4, MidpointRounding.AwayFromZero);
        }
        priorities.Column(3).Width = 45;

        var profiles = book.AddWorksheet(Lang.T("Profil", "Profile"));
        profiles.Cell(1, 1).Value = Lang.T("Kelompok", "Group");
        profiles.Cell(1, 2).Value = Lang.T("Isian", "Answer");
        profiles.Cell(1, 3).Value = Lang.T("Jumlah", "Count");
        for (var i = 0; i < profile.Count; i++)
        {
            profiles.Cell(i + 2, 1).Value = profile[i].Group;
            profiles.Cell(i + 2, 2).Value = profile[i].Value;
            profiles.Cell(i + 2, 3).Value = profile[i].Count;
        }
        profiles.Column(1).Width = 16;
        profiles.Column(2).Width = 20;

        var notes = book.AddWorksheet(Lang.T("Komentar", "Comments"));
        notes.Cell(1, 1).Value = Lang.T("Tanggal", "Date");
        notes.Cell(1, 2).Value = Lang.T("Komentar", "Comment");
        for (var i = 0; i < comments.Count; i++)
        {
            notes.Cell(i + 2, 1).Value = comments[i].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // A comment is text, never a formula a spreadsheet would run.
            notes.Cell(i + 2, 2).Value = comments[i].Text.Length > 0 && "=+-@".Contains(comments[i].Text[0], StringComparison.Ordinal) ? " " + comments[i].Text : comments[i].Text;
        }
        notes.Column(1).Width = 12;
        notes.Column(2).Width = 80;
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }
}
