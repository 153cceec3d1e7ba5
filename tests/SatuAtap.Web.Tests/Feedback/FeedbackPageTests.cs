using System.Net;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>The Feedback pages as HTML: the survey behind a finished ticket, the complaint form and its follow-up, the search, the staff pages.</summary>
public sealed class FeedbackPageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static Dictionary<string, string> Answers(int score) =>
        Enumerable.Range(1, 9).ToDictionary(i => "u" + i, _ => score.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_finished_ticket_page_links_to_its_survey_which_is_answered_once()
    {
        var ticket = await mall.FinishedTicketAsync("DKP-AKTA-KAWIN", "L01");
        var client = mall.CreateClient();
        var page = await client.GetPageAsync($"/antrian/tiket/{ticket}");
        var link = page.QuerySelector("#survei a.button")!.GetAttribute("href")!;
        Assert.StartsWith(MallFactory.PublicBaseUrl + "/survei/", link);
        Assert.NotNull(page.QuerySelector("#survei svg"));
        var path = new Uri(link).AbsolutePath;

        var survey = await client.GetPageAsync(path);
        Assert.Equal(9, survey.QuerySelectorAll("fieldset.scale input[value='4']").Length);
        // A missing answer re-shows the form with the element named.
        var partial = Answers(4);
        partial.Remove("u7");
        var refused = await client.PostFormAsync(path, null, partial);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.ParseAsync()).QuerySelector("#scores-u7-error"));

        var sent = await client.PostFormAsync(path, null, Answers(3));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.NotNull((await sent.ParseAsync()).QuerySelector("#terima-kasih"));
        var again = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.NotNull((await again.ParseAsync()).QuerySelector("#tidak-berlaku"));
        Assert.Null((await client.GetPageAsync($"/antrian/tiket/{ticket}")).QuerySelector("#survei"));
    }

    [Fact]
    public async Task A_completed_applications_page_shows_its_applicant_the_survey_link_and_it_counts_in_the_population()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, _) = await SatuAtap.Web.Tests.Applications.ApplicationDriver.SubmittedKtpAsync(citizen);
        var page = await mall.PageClientForAsync(Accounts.Citizen);
        Assert.Null((await page.GetPageAsync($"/permohonan/{id}")).QuerySelector("#survei"));
        foreach (var action in new[] { "claim", "approve", "issue" })
            await SatuAtap.Web.Tests.Applications.ApplicationDriver.ActOkAsync(officer, id, action);

        var link = (await page.GetPageAsync($"/permohonan/{id}")).QuerySelector("#survei a.button")!.GetAttribute("href")!;
        Assert.StartsWith(MallFactory.PublicBaseUrl + "/survei/a", link);
        var token = new Uri(link).AbsolutePath["/survei/".Length..];
        Assert.Equal("DKP-KTP", (await mall.CreateClient().GetJsonAsync($"/api/v1/surveys/invitations/{token}"))["serviceCode"]!.GetValue<string>());
        // The officer who issued it does not get the citizen's link.
        Assert.Null((await (await mall.PageClientForAsync(Accounts.DukcapilOfficer)).GetPageAsync($"/permohonan/{id}")).QuerySelector("#survei"));
        var index = await (await mall.ClientForAsync(Accounts.Manager)).GetJsonAsync("/api/v1/surveys/index?serviceId=DKP-KTP&from=2026-11-30&to=2026-11-30");
        Assert.Equal(1, index["population"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_complaint_form_gives_a_number_and_the_follow_up_page_shows_its_status()
    {
        var client = mall.CreateClient();
        var empty = await client.PostFormAsync("/pengaduan", null, new() { ["text"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await empty.ParseAsync()).QuerySelector("#text-error"));

        var form = await client.GetPageAsync("/pengaduan?layanan=DKP-KK");
        Assert.NotNull(form.QuerySelector("a[href='https://www.lapor.go.id']"));
        Assert.Equal("DKP-KK", form.QuerySelector("#serviceId option[selected]")!.GetAttribute("value"));
        var sent = await client.PostFormAsync("/pengaduan", null, new() { ["text"] = "Kartu keluarga belum jadi.", ["serviceId"] = "DKP-KK" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var done = await sent.ParseAsync();
        var number = done.QuerySelector("#nomor")!.TextContent.Trim();
        var code = done.QuerySelector("#kode")!.TextContent.Trim();
        Assert.Matches("^ADU-26-", number);

        var status = await client.GetPageAsync($"/pengaduan/lacak?nomor={number}");
        Assert.Contains("Diterima, menunggu verifikasi", status.QuerySelector("#status")!.TextContent);
        Assert.DoesNotContain("Kartu keluarga belum jadi.", status.Body!.TextContent);
        var own = await (await client.PostFormAsync("/pengaduan/lacak", "cari", new() { ["nomor"] = number, ["cek"] = code })).ParseAsync();
        Assert.Contains("Kartu keluarga belum jadi.", own.Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pengaduan/lacak?nomor=ADU-26-ZZZZZ")).StatusCode);

        // The desk sees it; an officer of another agency's inbox does not list it.
        var desk = await (await mall.PageClientForAsync(Accounts.Manager)).GetPageAsync("/kelola/pengaduan");
        Assert.NotNull(desk.QuerySelector($"#adu-{number}"));
        var other = await (await mall.PageClientForAsync(Accounts.DpmptspOfficer)).GetPageAsync("/kelola/pengaduan");
        Assert.Null(other.QuerySelector($"#adu-{number}"));
    }

    [Fact]
    public async Task Searching_for_a_complaint_finds_the_form_and_every_service_links_to_it()
    {
        var client = mall.CreateClient();
        foreach (var q in new[] { "pengaduan", "keluhan", "lapor" })
            Assert.Equal("/pengaduan", (await client.GetPageAsync($"/layanan?q={q}")).QuerySelector("#pengaduan a")!.GetAttribute("href"));
        Assert.Null((await client.GetPageAsync("/layanan?q=ktp")).QuerySelector("#pengaduan"));
        Assert.Equal("/pengaduan?layanan=DKP-KTP", (await client.GetPageAsync("/layanan/DKP-KTP")).QuerySelector("#ajukan-pengaduan")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Staff_enter_a_paper_questionnaire_and_the_kiosk_resets_after_each_response()
    {
        var officer = await mall.PageClientForAsync(Accounts.DpmptspOfficer);
        var page = await officer.GetPageAsync("/kelola/survei?layanan=PTSP-PBG");
        Assert.NotNull(page.QuerySelector("#indeks"));
        Assert.DoesNotContain(page.QuerySelectorAll("#layanan option"), o => o.GetAttribute("value") == "DKP-KTP");
        var values = Answers(4);
        values["layanan"] = "PTSP-PBG";
        var saved = await officer.PostFormAsync("/kelola/survei?layanan=PTSP-PBG", null, values);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await saved.ParseAsync();
        Assert.NotNull(after.QuerySelector("p.notice#pesan"));
        Assert.Contains("100.00", after.QuerySelector("#indeks")!.TextContent);

        values["kiosk"] = "1";
        var kiosk = await (await officer.PostFormAsync("/kelola/survei?kiosk=1&layanan=PTSP-PBG", null, values)).ParseAsync();
        Assert.NotNull(kiosk.QuerySelector(".kiosk-mode #pesan"));
        Assert.Empty(kiosk.QuerySelectorAll("input[type=radio][checked]"));

        // Another agency's service is refused.
        values["layanan"] = "DKP-KTP";
        values.Remove("kiosk");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostFormAsync("/kelola/survei", null, values)).StatusCode);
    }
}
