using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using SatuAtap.Core.Common;
using SatuAtap.Core.Common.Documents;
using SatuAtap.Core.Feedback;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Insights;

/// <summary>
/// GET /api/v1/insights/export: a view of the figures as CSV, XLSX or PDF (the PDF with the mall's letterhead, for the
/// regent's meeting). Views: <c>summary</c> (the figures of the period), <c>agencies</c> (per agency), <c>months</c>
/// (per month), <c>compare</c> (this period against the previous one), <c>sites</c> and <c>services</c> (waits and
/// service time per site and per service), <c>slowest</c> (services by completion within the standard, worst first). The same figures as the summary and the series; the small-group rule applies to the agencies.
/// </summary>
public sealed class ExportInsights(InsightReads reads, MallIdentity mall, MallTime time)
{
    public static readonly string[] Views = ["summary", "agencies", "months", "compare", "sites", "services", "slowest"];
    public static readonly string[] Formats = ["csv", "xlsx", "pdf"];
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private sealed record Table(string Title, string[] Headings, List<object?[]> Rows);

    public async Task<Outcome<ReportFile>> HandleAsync(InsightFilter filter, string view, string format, Caller caller, CancellationToken ct)
    {
        var scoped = InsightReads.Scope(filter, caller);
        if (!scoped.Succeeded) return new Outcome<ReportFile>(scoped.Kind, Message: scoped.Message);
        var f = scoped.Value!;
        var table = view switch
        {
            "agencies" => Agencies(await reads.ByAgencyAsync(f, byMonth: false, ct)),
            "months" => await MonthsAsync(f, ct),
            "compare" => Compare((await reads.CompareAsync(f, caller, ct)).Value!),
            "sites" => Groups(Lang.T("Kinerja per lokasi", "Performance per site"), Lang.T("Lokasi", "Site"), await reads.GroupsAsync(f, "site", ct)),
            "services" => Groups(Lang.T("Kinerja per layanan", "Performance per service"), Lang.T("Layanan", "Service"), await reads.GroupsAsync(f, "service", ct)),
            "slowest" => Groups(Lang.T("Layanan paling lambat", "Slowest services"), Lang.T("Layanan", "Service"), Comparisons.Slowest(await reads.GroupsAsync(f, "service", ct))),
            _ => Summary(InsightFigures.Of(await reads.RowsAsync(f, InsightGrain.Agency, ct))),
        };
        var period = InsightSummary.PeriodOf(f.From, f.To);
        var name = $"kinerja-{view}-{f.From:yyyyMMdd}-{f.To:yyyyMMdd}";
        return format switch
        {
            "csv" => Outcome<ReportFile>.Ok(new ReportFile(Encoding.UTF8.GetBytes(Csv(table)), "text/csv; charset=utf-8", name + ".csv")),
            "xlsx" => Outcome<ReportFile>.Ok(new ReportFile(Spreadsheet(table, period), Xlsx, name + ".xlsx")),
            _ => Outcome<ReportFile>.Ok(new ReportFile(Pdf(table, period), "application/pdf", name + ".pdf")),
        };
    }

    private static string[] FigureHeadings() =>
    [
        Lang.T("Dilayani", "Served"), Lang.T("Tunggu median (menit)", "Median wait (min)"), Lang.T("Tunggu p90 (menit)", "90th pct wait (min)"),
        Lang.T("Tepat waktu", "On time"), Lang.T("Daring", "Online"), "IKM", Lang.T("Mutu", "Grade"),
    ];

    private static object?[] FigureCells(Figures x) =>
        [x.Served, x.WaitP50, x.WaitP90, x.OnTimeShare, x.OnlineShare, x.Ikm, x.Grade];

    private static Table Summary(Figures x) => new(Lang.T("Ringkasan kinerja", "Performance summary"), [Lang.T("Ukuran", "Figure"), Lang.T("Nilai", "Value")],
    [
        [Lang.T("Layanan diberikan", "Services delivered"), x.Served],
        [Lang.T("Tiket selesai", "Tickets finished"), x.TicketsServed],
        [Lang.T("Permohonan selesai", "Applications completed"), x.ApplicationsCompleted],
        [Lang.T("Waktu tunggu median (menit)", "Median wait (minutes)"), x.WaitP50],
        [Lang.T("Waktu tunggu persentil 90 (menit)", "90th percentile wait (minutes)"), x.WaitP90],
        [Lang.T("Rata-rata waktu layanan (menit)", "Average service time (minutes)"), x.ServiceMinutes],
        [Lang.T("Selesai sesuai standar", "Completed within the standard"), x.OnTimeShare],
        [Lang.T("Pangsa daring", "Online share"), x.OnlineShare],
        [Lang.T("Booking ditepati", "Bookings kept"), x.BookingsKept],
        [Lang.T("Booking tidak datang", "Booking no-shows"), x.BookingNoShows],
        [Lang.T("Dikembalikan untuk perbaikan", "Returned for correction"), x.Returns],
        [Lang.T("Pangsa layanan gratis", "Free services share"), x.FreeShare],
        [Lang.T("Perjalanan dihemat (km)", "Trips saved (km)"), x.Trips.Kilometres],
        [Lang.T("Perjalanan dihemat (jam)", "Trips saved (hours)"), x.Trips.Hours],
        [Lang.T("Ongkos dihemat (Rp)", "Fares saved (Rp)"), x.Trips.FareRupiah],
        [Lang.T("Responden survei", "Survey respondents"), x.Respondents],
        ["IKM", x.Ikm],
        [Lang.T("Mutu pelayanan", "Grade"), x.Grade],
        [Lang.T("Pengaduan dijawab", "Complaints answered"), x.ComplaintsAnswered],
        [Lang.T("Dijawab tepat waktu", "Answered on time"), x.ComplaintsOnTimeShare],
        [Lang.T("Paket izin Link-Satu", "Link-Satu bundles"), x.Bundles],
        [Lang.T("Izin terbit", "Permits issued"), x.PermitsIssued],
        [Lang.T("Rencana investasi (Rp)", "Planned investment (Rp)"), x.InvestmentRupiah],
        [Lang.T("Tenaga kerja", "Jobs"), x.Jobs],
    ]);

    private static Table Agencies(IReadOnlyList<GroupFigures> groups) => new(Lang.T("Kinerja per instansi", "Performance per agency"),
        [Lang.T("Instansi", "Agency"), .. FigureHeadings()],
        groups.Select(g => g.Hidden ? new object?[] { g.Name, null, null, null, null, null, null, null } : [g.Name, .. FigureCells(g.Figures)]).ToList());

    private static Table Compare(InsightComparison c) => new(Lang.T("Dibandingkan periode sebelumnya", "Against the previous period"),
        [Lang.T("Ukuran", "Figure"), c.Period, c.PreviousPeriod, Lang.T("Perubahan", "Change")],
        c.Figures.Select(x => new object?[] { x.Metric, x.Value, x.Previous, x.Change }).ToList());

    private static Table Groups(string title, string heading, IReadOnlyList<GroupFigures> groups) => new(title,
        [heading, Lang.T("Dilayani", "Served"), Lang.T("Tunggu median (menit)", "Median wait (min)"), Lang.T("Tunggu p90 (menit)", "90th pct wait (min)"),
            Lang.T("Lama layanan (menit)", "Service time (min)"), Lang.T("Permohonan selesai", "Applications completed"), Lang.T("Tepat waktu", "On time")],
        groups.Select(g => g.Hidden ? new object?[] { g.Name, null, null, null, null, null, null }
            : [g.Name, g.Figures.Served, g.Figures.WaitP50, g.Figures.WaitP90, g.Figures.ServiceMinutes, g.Figures.ApplicationsCompleted, g.Figures.OnTimeShare]).ToList());

    private async Task<Table> MonthsAsync(InsightFilter f, CancellationToken ct)
    {
        var rows = await reads.RowsAsync(f, InsightGrain.Month, ct);
        var byMonth = rows.GroupBy(r => InsightReads.Bucket(r.Day, "month")).ToDictionary(g => g.Key, g => g.ToList());
        return new Table(Lang.T("Kinerja per bulan", "Performance per month"), [Lang.T("Bulan", "Month"), .. FigureHeadings()],
            InsightReads.Periods(f.From, f.To, "month").Select(m => (object?[])[m, .. FigureCells(InsightFigures.Of(byMonth.GetValueOrDefault(m) ?? []))]).ToList());
    }

    private static string Text(object? v) => v switch
    {
        null => "",
        double d => d.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Csv(Table t)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', t.Headings.Select(OpenData.CsvCell)).Append("\r\n");
        foreach (var row in t.Rows) sb.AppendJoin(',', row.Select(c => OpenData.CsvCell(Text(c)))).Append("\r\n");
        return sb.ToString();
    }

    private byte[] Spreadsheet(Table t, string period)
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet(Lang.T("Kinerja", "Performance"));
        sheet.Cell(1, 1).Value = $"{t.Title} — {mall.DisplayName}";
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(2, 1).Value = Lang.T("Periode", "Period") + ": " + period;
        for (var c = 0; c < t.Headings.Length; c++)
        {
            sheet.Cell(4, c + 1).Value = t.Headings[c];
            sheet.Cell(4, c + 1).Style.Font.Bold = true;
            sheet.Column(c + 1).Width = c == 0 ? 40 : 16;
        }
        for (var r = 0; r < t.Rows.Count; r++)
            for (var c = 0; c < t.Rows[r].Length; c++)
            {
                var cell = sheet.Cell(r + 5, c + 1);
                switch (t.Rows[r][c])
                {
                    case null: break;
                    case int i: cell.Value = i; break;
                    case long l: cell.Value = l; break;
                    case double d: cell.Value = d; break;
                    case decimal m: cell.Value = m; break;
                    case var o: cell.Value = Text(o); break;
                }
            }
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private byte[] Pdf(Table t, string period)
    {
        using var pdf = new PdfDocumentBuilder(t.Title, mall.Letterhead(), time.Now);
        pdf.Heading(t.Title);
        pdf.KeyValues([(Lang.T("Periode", "Period"), period), (Lang.T("Unit", "Unit"), mall.DisplayName)]);
        pdf.Table(t.Headings.Select((h, i) => new TableColumn(h, i == 0 ? 3 : 1)).ToList(),
            t.Rows.Select(r => (IReadOnlyList<string>)r.Select(c => c is null ? "–" : Text(c)).ToList()));
        pdf.Paragraph(Lang.T("Definisi setiap ukuran: docs/insights.md. Kelompok di bawah 5 orang tidak ditampilkan terpisah.",
            "Each figure is defined in docs/insights.md. Groups under 5 people are not shown apart."));
        return pdf.ToPdf();
    }
}
