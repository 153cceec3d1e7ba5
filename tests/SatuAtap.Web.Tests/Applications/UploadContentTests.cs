using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>Uploads must open as what they claim to be, and every stored or generated file is served as a sandboxed download.</summary>
public sealed class UploadContentTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static void AssertServedAsDownload(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("sandbox", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task ApplicationDocument_PdfCarryingHtml_AndTruncatedPng_AreRefused_RealFilesAccepted()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await DraftKtpAsync(citizen, "3202011505900201");
        var kk = await RequirementIdAsync(citizen, "DKP-KTP", "Kartu Keluarga");

        var html = await (await UploadAsync(citizen, id, kk, SampleFiles.PdfWithHtml, "kk.pdf")).AssertProblemAsync(422);
        Assert.Contains("tidak dapat dibuka sebagai PDF", html["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var truncated = SampleFiles.Png[..(SampleFiles.Png.Length / 2)];
        await (await UploadAsync(citizen, id, kk, truncated, "kk.png")).AssertProblemAsync(422);
        var brokenJpeg = SampleFiles.Jpeg[..40];
        await (await UploadAsync(citizen, id, kk, brokenJpeg, "kk.jpg")).AssertProblemAsync(422);

        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(citizen, id, kk, SampleFiles.Jpeg, "kk.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(citizen, id, kk, SampleFiles.Png, "kk.png")).StatusCode);
        var pdf = await UploadAsync(citizen, id, kk, SampleFiles.Pdf, "kk.pdf");
        Assert.Equal(HttpStatusCode.Created, pdf.StatusCode);

        var download = await citizen.GetAsync(pdf.Headers.Location!.ToString());
        AssertServedAsDownload(download);
        Assert.Equal(SampleFiles.Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ApplicationPage_UploadOfPdfCarryingHtml_IsShownBesideTheField()
    {
        var citizen = await mall.PageClientForAsync(Accounts.Citizen);
        var page = await citizen.GetPageAsync("/permohonan/ajukan/DKP-KTP");
        var form = page.Forms.First(f => f.Method == "post");
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in form.Values()) body.Add(new StringContent(value), name);
        var kk = await RequirementIdAsync(citizen, "DKP-KTP", "Kartu Keluarga");
        var file = new ByteArrayContent(SampleFiles.PdfWithHtml);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        body.Add(file, "d_" + kk, "kk.pdf");
        var response = await citizen.PostAsync(string.IsNullOrEmpty(form.GetAttribute("action")) ? "/permohonan/ajukan/DKP-KTP" : form.GetAttribute("action"), body);
        var text = await FollowAsync(citizen, response);
        Assert.Contains("tidak dapat dibuka sebagai PDF", text, StringComparison.Ordinal);
    }

    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        while (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther)
            response = await client.GetAsync(response.Headers.Location!);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task ResultUpload_MustOpenAsPdf_AndReceiptAndResultAreDownloads()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, _) = await SubmittedKtpAsync(citizen, "3202011505900202");
        await ActOkAsync(officer, id, "claim");
        await ActOkAsync(officer, id, "approve");

        AssertServedAsDownload(await citizen.GetAsync($"/api/v1/applications/{id}/receipt.pdf"));
        var fake = await (await UploadResultAsync(officer, id, SampleFiles.PdfWithHtml)).AssertProblemAsync(422);
        Assert.NotNull(fake["errors"]!["file"]);
        var ok = await UploadResultAsync(officer, id, SampleFiles.Pdf);
        Assert.True(ok.IsSuccessStatusCode, await ok.Content.ReadAsStringAsync());
        var result = await citizen.GetAsync($"/api/v1/applications/{id}/result.pdf");
        AssertServedAsDownload(result);
        Assert.Equal(SampleFiles.Pdf, await result.Content.ReadAsByteArrayAsync());
    }

    private static Task<HttpResponseMessage> UploadResultAsync(HttpClient client, string id, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "hasil.pdf");
        return client.PostAsync($"/api/v1/applications/{id}/result", form);
    }

    [Fact]
    public async Task AgreementScan_MustOpen_AndIsServedAsDownload()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var id = (await manager.GetJsonAsync("/api/v1/agreements")).AsArray()[0]!["id"]!.GetValue<string>();
        var fake = new MultipartFormDataContent { { new ByteArrayContent(SampleFiles.PdfWithHtml), "file", "mou.pdf" } };
        await (await manager.PostAsync($"/api/v1/agreements/{id}/document", fake)).AssertProblemAsync(422);
        var scan = new MultipartFormDataContent { { new ByteArrayContent(SampleFiles.Png), "file", "mou.png" } };
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/v1/agreements/{id}/document", scan)).StatusCode);
        var download = await manager.GetAsync($"/api/v1/agreements/{id}/document");
        AssertServedAsDownload(download);
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
    }
}
