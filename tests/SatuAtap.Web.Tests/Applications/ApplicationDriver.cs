using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>Steps of the application journey over the API, shared by the tests.</summary>
public static class ApplicationDriver
{
    public const string KtpNik = "3202011505900001";

    public static readonly byte[] Pdf = SampleFiles.Pdf;
    public static readonly byte[] Png = SampleFiles.Png;

    public static async Task<JsonNode> ServiceAsync(HttpClient client, string code) => await client.GetJsonAsync($"/api/v1/services/{code}");

    public static async Task<string> RequirementIdAsync(HttpClient client, string serviceCode, string namePrefix)
    {
        var service = await ServiceAsync(client, serviceCode);
        var reqs = service["standard"]!["requirements"]!.AsArray();
        return reqs.First(r => r!["name"]!.GetValue<string>().StartsWith(namePrefix, StringComparison.Ordinal))!["id"]!.GetValue<string>();
    }

    /// <summary>A KTP application as a draft with valid fields; returns its id and tracking number.</summary>
    public static async Task<(string Id, string TrackingNumber)> DraftKtpAsync(HttpClient citizen, string nik = KtpNik)
    {
        var response = await citizen.PostJsonAsync("/api/v1/applications", new JsonObject
        {
            ["serviceId"] = "DKP-KTP",
            ["fields"] = new JsonObject { ["NIK"] = nik, ["Tanggal lahir"] = "1990-05-15" },
        });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        Assert.Equal("draft", body["status"]!.GetValue<string>());
        return (body["id"]!.GetValue<string>(), body["trackingNumber"]!.GetValue<string>());
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string id, string requirementId, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(requirementId), "requirementId");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/v1/applications/{id}/documents", form);
    }

    /// <summary>A submitted KTP application (draft, family card uploaded, submitted).</summary>
    public static async Task<(string Id, string TrackingNumber)> SubmittedKtpAsync(HttpClient citizen, string nik = KtpNik)
    {
        var (id, number) = await DraftKtpAsync(citizen, nik);
        var kk = await RequirementIdAsync(citizen, "DKP-KTP", "Kartu Keluarga");
        var upload = await UploadAsync(citizen, id, kk, Pdf, "kk.pdf");
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var submit = await citizen.PostAsync($"/api/v1/applications/{id}/submit", null);
        Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        return (id, number);
    }

    public static Task<HttpResponseMessage> ActAsync(HttpClient officer, string id, string action, string? note = null) =>
        officer.PostJsonAsync($"/api/v1/applications/{id}/actions", new JsonObject { ["action"] = action, ["note"] = note });

    public static async Task ActOkAsync(HttpClient officer, string id, string action, string? note = null)
    {
        var r = await ActAsync(officer, id, action, note);
        Assert.True(r.IsSuccessStatusCode, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }
}
