using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>Revoking an issued result, and issuing with an uploaded signed PDF.</summary>
public sealed class ResultManagementTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private async Task<(string Id, string Number)> ApprovedAsync(string nik)
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, number) = await SubmittedKtpAsync(citizen, nik);
        await ActOkAsync(officer, id, "claim");
        await ActOkAsync(officer, id, "approve");
        return (id, number);
    }

    private async Task<(string Id, string Code)> IssuedAsync(string nik)
    {
        var (id, _) = await ApprovedAsync(nik);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var issued = await (await ActAsync(officer, id, "issue")).ReadJsonAsync();
        return (id, issued["verificationCode"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> UploadResultAsync(HttpClient client, string id, byte[] content, string fileName, string? note = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        if (note is not null) form.Add(new StringContent(note), "note");
        return client.PostAsync($"/api/v1/applications/{id}/result", form);
    }

    [Fact]
    public async Task Revoke_ByTheIssuingAgencysHead_IsShownOnVerification_AndASecondRevokeIs409()
    {
        var (id, code) = await IssuedAsync("3202011505900101");
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);

        var asHead = await head.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Contains("revoke", asHead["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        var noReason = await (await ActAsync(head, id, "revoke")).AssertProblemAsync(400);
        Assert.NotNull(noReason["errors"]!["note"]);
        var blank = await (await ActAsync(head, id, "revoke", "   ")).AssertProblemAsync(400);
        Assert.NotNull(blank["errors"]!["note"]);

        await ActOkAsync(head, id, "revoke", "Data kelahiran keliru; dokumen diganti.");
        var again = await (await ActAsync(head, id, "revoke", "Lagi")).AssertProblemAsync(409);
        Assert.Contains("Data kelahiran keliru", again["detail"]!.GetValue<string>());

        var detail = await head.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal("readyForPickup", detail["status"]!.GetValue<string>()); // a KTP-el is a card to collect
        Assert.True(detail["result"]!["revoked"]!.GetValue<bool>());
        Assert.Equal("Data kelahiran keliru; dokumen diganti.", detail["result"]!["revokedReason"]!.GetValue<string>());
        Assert.DoesNotContain("revoke", detail["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        var last = detail["timeline"]!.AsArray().Last()!;
        Assert.Equal("revoke", last["action"]!.GetValue<string>());
        Assert.Equal("Data kelahiran keliru; dokumen diganti.", last["note"]!.GetValue<string>());

        var anonymous = mall.CreateClient();
        var verify = await anonymous.GetJsonAsync($"/api/v1/verification/{code}");
        Assert.True(verify["genuine"]!.GetValue<bool>());
        Assert.True(verify["revoked"]!.GetValue<bool>());
        Assert.Equal("Data kelahiran keliru; dokumen diganti.", verify["revokedReason"]!.GetValue<string>());
        Assert.Equal(mall.Clock.GetUtcNow().UtcDateTime, verify["revokedAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.DoesNotContain("Budi Santoso", verify.ToJsonString());

        var page = await anonymous.GetPageAsync($"/verifikasi/{code}");
        Assert.Contains("DICABUT", page.QuerySelector("h2")!.TextContent);
        var why = page.GetElementById("pencabutan")!.TextContent;
        Assert.Contains("Data kelahiran keliru; dokumen diganti.", why);
        Assert.Contains("30 November 2026", why);
        Assert.DoesNotContain("Budi Santoso", page.Body!.TextContent);

        var citizenPage = await (await mall.PageClientForAsync(Accounts.Citizen)).GetPageAsync($"/permohonan/{id}");
        Assert.Contains("Data kelahiran keliru", citizenPage.GetElementById("dicabut")!.TextContent);

        // The applicant is told, in their language, from the template of the new event.
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var message = await db.OutboxMessages.SingleAsync(m => m.EventCode == "application.revoked" && m.Recipient == Accounts.Citizen && m.Body.Contains("Data kelahiran keliru"));
        Assert.Contains("dicabut", message.Subject);
    }

    [Fact]
    public async Task Revoke_ByAManager_Works_OthersAreRefused()
    {
        var (id, _) = await IssuedAsync("3202011505900102");
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var otherAgency = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        await (await ActAsync(officer, id, "revoke", "Salah cetak")).AssertProblemAsync(403);
        await (await ActAsync(citizen, id, "revoke", "Salah cetak")).AssertProblemAsync(403);
        await (await ActAsync(otherAgency, id, "revoke", "Salah cetak")).AssertProblemAsync(404);
        var asOfficer = await officer.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.DoesNotContain("revoke", asOfficer["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        var manager = await mall.ClientForAsync(Accounts.Manager);
        await ActOkAsync(manager, id, "revoke", "Salah cetak");
        var detail = await officer.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.True(detail["result"]!["revoked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Revoke_WhenNothingIsIssued_Is409()
    {
        var (id, _) = await ApprovedAsync("3202011505900103");
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);
        var problem = await (await ActAsync(head, id, "revoke", "Keliru")).AssertProblemAsync(409);
        Assert.Contains("Belum ada hasil", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task IssueWithUploadedPdf_ServesTheUpload_AndRefusesWhatIsNotAllowed()
    {
        var (id, _) = await ApprovedAsync("3202011505900104");
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var otherAgency = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var signed = SampleFiles.Pdf;

        var big = new byte[5 * 1024 * 1024 + 1];
        signed.CopyTo(big, 0);
        await (await UploadResultAsync(officer, id, big, "hasil.pdf")).AssertProblemAsync(413);
        var notPdf = await (await UploadResultAsync(officer, id, Png, "hasil.pdf")).AssertProblemAsync(422);
        Assert.NotNull(notPdf["errors"]!["file"]);
        await (await UploadResultAsync(otherAgency, id, signed, "hasil.pdf")).AssertProblemAsync(404);
        var none = await officer.PostAsync($"/api/v1/applications/{id}/result", new MultipartFormDataContent { { new StringContent("x"), "note" } });
        Assert.NotNull((await none.AssertProblemAsync(400))["errors"]!["file"]);

        var ok = await UploadResultAsync(officer, id, signed, "hasil-ttd.pdf", "Ditandatangani kepala dinas.");
        Assert.True(ok.IsSuccessStatusCode, await ok.Content.ReadAsStringAsync());
        var done = await ok.ReadJsonAsync();
        Assert.Equal("readyForPickup", done["status"]!.GetValue<string>()); // a KTP-el is a card to collect
        Assert.False(string.IsNullOrEmpty(done["verificationCode"]!.GetValue<string>()));

        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var pdf = await citizen.GetAsync($"/api/v1/applications/{id}/result.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal(signed, await pdf.Content.ReadAsByteArrayAsync());
        var detail = await citizen.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal("issue", detail["timeline"]!.AsArray().Last()!["action"]!.GetValue<string>());

        // Issued already: the state machine refuses a second issue, with its reason.
        var again = await (await UploadResultAsync(officer, id, signed, "hasil-ttd.pdf")).AssertProblemAsync(409);
        Assert.Contains("disetujui", again["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task IssueWithUploadedPdf_BeforeApproval_Is409()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, _) = await SubmittedKtpAsync(citizen, "3202011505900105");
        await ActOkAsync(officer, id, "claim");
        await (await UploadResultAsync(officer, id, Pdf, "hasil.pdf")).AssertProblemAsync(409);
    }

    [Fact]
    public async Task DetailPage_UploadsASignedPdf_ThenTheHeadRevokesWithAReason()
    {
        var (id, _) = await ApprovedAsync("3202011505900106");
        var officer = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        var url = $"/kelola/permohonan/{id}";
        var page = await officer.GetPageAsync(url);
        var form = page.Forms.Single(f => (f.Action ?? "").Contains("handler=Hasil", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("multipart/form-data", form.Enctype);
        Assert.Empty(page.QuerySelectorAll("form[action*='handler=Cabut']"));

        async Task<IHtmlDocument> PostFileAsync(byte[] content)
        {
            var fresh = await officer.GetPageAsync(url);
            var f = fresh.Forms.Single(x => (x.Action ?? "").Contains("handler=Hasil", StringComparison.OrdinalIgnoreCase));
            var body = new MultipartFormDataContent
            {
                { new StringContent(((IHtmlInputElement)f.QuerySelector("input[name=__RequestVerificationToken]")!).Value), "__RequestVerificationToken" },
                { new ByteArrayContent(content), "berkas", "hasil.pdf" },
            };
            var response = await officer.PostAsync(f.GetAttribute("action"), body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.ParseAsync();
        }

        var refused = await PostFileAsync(Png);
        Assert.Contains("PDF", refused.GetElementById("berkas-error")!.TextContent);
        var done = await PostFileAsync(Pdf);
        Assert.Contains("Siap diambil", done.GetElementById("status")!.TextContent);
        Assert.Null(done.GetElementById("berkas-error"));
        var pdf = await (await mall.ClientForAsync(Accounts.DukcapilOfficer)).GetByteArrayAsync($"/api/v1/applications/{id}/result.pdf");
        Assert.Equal(Pdf, pdf);

        var head = await mall.PageClientForAsync(Accounts.DukcapilHead);
        var empty = await (await head.PostFormAsync(url, "Cabut", new() { ["alasan"] = "" })).ParseAsync();
        Assert.NotNull(empty.GetElementById("alasan-error"));
        var revoked = await (await head.PostFormAsync(url, "Cabut", new() { ["alasan"] = "Tanda tangan tidak sah." })).ParseAsync();
        Assert.Contains("Tanda tangan tidak sah.", revoked.GetElementById("dicabut")!.TextContent);
        Assert.Empty(revoked.QuerySelectorAll("form[action*='handler=Cabut']"));
    }

    [Fact]
    public async Task ManagerPage_FindsAResultByCode_AndRevokesItWithAReason()
    {
        var (_, code) = await IssuedAsync("3202011505900107");
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        Assert.NotNull((await manager.GetPageAsync("/kelola")).QuerySelector("a[href='/kelola/hasil']"));
        var search = await manager.GetAsync("/kelola/hasil?kode=" + code.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, search.StatusCode);
        var url = search.Headers.Location!.OriginalString;
        Assert.Equal("/kelola/hasil/" + code, url);
        var page = await manager.GetPageAsync(url);
        Assert.Contains("Berlaku", page.GetElementById("status-hasil")!.TextContent);
        Assert.DoesNotContain("Budi Santoso", page.Body!.TextContent);

        var empty = await manager.PostFormAsync(url, null, new() { ["alasan"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await empty.ParseAsync()).GetElementById("alasan-error"));
        var done = await (await manager.PostFormAsync(url, null, new() { ["alasan"] = "Diterbitkan ganda." })).ParseAsync();
        Assert.Contains("Diterbitkan ganda.", done.GetElementById("status-hasil")!.TextContent);
        var verify = await mall.CreateClient().GetJsonAsync($"/api/v1/verification/{code}");
        Assert.True(verify["revoked"]!.GetValue<bool>());

        var officer = await mall.PageClientForAsync(Accounts.DukcapilHead);
        var refused = await officer.GetAsync("/kelola/hasil/" + code);
        Assert.StartsWith("/akun/ditolak", refused.Headers.Location!.PathAndQuery);
        var unknown = await manager.GetPageAsync("/kelola/hasil/ZZZZZZZZZZ");
        Assert.Contains("Tidak ada dokumen", unknown.QuerySelector("[role=alert]")!.TextContent);
    }
}
