using System.Net;
using ClosedXML.Excel;
using SatuAtap.Tests.Documents;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Feedback.FeedbackDriver;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>The survey report of a unit and period, in XLSX (opened with a spreadsheet library) and PDF, with the index's figures.</summary>
public sealed class SurveyReportTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private async Task EnterAsync(HttpClient officer, string service, int[] scores, string? comment = null, int? age = null)
    {
        var body = Survey(service, Scores(scores));
        body["comment"] = comment;
        body["respondent"]!["ageYears"] = age;
        var r = await officer.PostJsonAsync("/api/v1/surveys/responses", body);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
    }

    [Fact]
    public async Task The_xlsx_report_holds_the_profile_each_nrr_the_index_the_grade_the_priorities_and_the_comments()
    {
        var officer = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        await EnterAsync(officer, "PTSP-SIP", [4, 4, 4, 4, 4, 4, 4, 4, 1], "=SUM(A1) ruang tunggu panas", 19);
        await EnterAsync(officer, "PTSP-SIP", [4, 4, 3, 4, 4, 4, 4, 4, 2], null, 45);

        var response = await officer.GetAsync("/api/v1/surveys/report?serviceId=PTSP-SIP&from=2026-11-01&to=2026-11-30&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));

        var nrr = book.Worksheet("NRR");
        Assert.Equal("U1", nrr.Cell(2, 1).GetString());
        Assert.Equal(4m, nrr.Cell(2, 4).GetValue<decimal>());
        Assert.Equal(3.5m, nrr.Cell(4, 4).GetValue<decimal>()); // U3: (4 + 3) / 2
        Assert.Equal(1.5m, nrr.Cell(10, 4).GetValue<decimal>()); // U9: (1 + 2) / 2
        // Σ NRR = 4×7 + 3.5 + 1.5 = 33; index = 33 × 25 / 9 = 91.666… → 91.67, A
        Assert.Equal("IKM", nrr.Cell(11, 4).GetString());
        Assert.Equal(91.67m, nrr.Cell(11, 5).GetValue<decimal>());

        var summary = book.Worksheet("Ringkasan");
        Assert.Equal(2, summary.Cell(5, 2).GetValue<int>()); // respondents
        Assert.Equal("A", summary.Cell(9, 2).GetString());
        Assert.Equal("Sangat Baik", summary.Cell(10, 2).GetString());

        var priorities = book.Worksheet("Prioritas");
        Assert.Equal("U9", priorities.Cell(2, 2).GetString());
        Assert.Equal("U3", priorities.Cell(3, 2).GetString());

        var profile = book.Worksheet("Profil");
        var ageRows = profile.RowsUsed().Where(r => r.Cell(1).GetString() == "Umur").ToDictionary(r => r.Cell(2).GetString(), r => r.Cell(3).GetValue<int>());
        Assert.Equal(1, ageRows["≤ 20"]);
        Assert.Equal(1, ageRows["41–50"]);
        Assert.Contains(profile.RowsUsed(), r => r.Cell(2).GetString() == "Perempuan" && r.Cell(3).GetValue<int>() == 2);

        var comments = book.Worksheet("Komentar");
        Assert.False(comments.Cell(2, 2).HasFormula);
        Assert.Contains("ruang tunggu panas", comments.Cell(2, 2).GetString());
    }

    [Fact]
    public async Task The_pdf_report_has_the_index_and_the_report_is_refused_to_another_agency()
    {
        var officer = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        await EnterAsync(officer, "PTSP-KKPR", [3, 3, 3, 3, 3, 3, 3, 3, 3], "Pelayanan baik.");
        var pdf = await officer.GetAsync("/api/v1/surveys/report?serviceId=PTSP-KKPR&from=2026-11-01&to=2026-11-30&format=pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = PdfReading.Text(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("Laporan Survei Kepuasan Masyarakat", text);
        Assert.Contains("75,00", text); // 3 × 9 × 25 / 9
        Assert.Contains("Kurang Baik", text);
        Assert.Contains("Pelayanan baik.", text);

        var dukcapil = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        await (await dukcapil.GetAsync("/api/v1/surveys/report?serviceId=PTSP-KKPR&format=xlsx")).AssertProblemAsync(403);
        await (await officer.GetAsync("/api/v1/surveys/report?agencyId=DPMPTSP&format=doc")).AssertProblemAsync(400);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/surveys/report?format=pdf")).StatusCode);
    }
}
