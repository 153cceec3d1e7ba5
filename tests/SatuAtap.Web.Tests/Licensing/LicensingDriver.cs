using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Licensing;

/// <summary>Steps of the Link-Satu journey over the API, shared by the tests.</summary>
public static class LicensingDriver
{
    public const string IdCard = "KTP-el pemilik usaha atau penanggung jawab";

    /// <summary>A home bakery: a micro business making cakes at home, in Palabuhanratu, without a building of its own.</summary>
    public static JsonObject HomeBakery(long capital = 50_000_000) => new()
    {
        ["activities"] = new JsonArray(new JsonObject { ["kbli"] = "10710" }),
        ["capitalRupiah"] = capital,
        ["district"] = "Palabuhanratu",
        ["usesBuilding"] = false,
        ["homeFood"] = true,
        ["employees"] = 2,
        ["investmentRupiah"] = 30_000_000,
    };

    /// <summary>The fields the bakery's permits ask, each given once.</summary>
    public static JsonObject BakeryFields() => new()
    {
        ["NIK"] = "3202011505900001",
        ["NPWP"] = "12.345.678.9-405.000",
        ["Alamat lokasi usaha"] = "Kp. Citepus RT 02/05, Palabuhanratu",
        ["Kegiatan usaha (KBLI) dan modal usaha"] = "10710, Rp 50.000.000",
        ["Alamat surel"] = "warga@demo.satuatap.id",
        ["Nomor ponsel aktif"] = "081234567890",
        ["Nomor Induk Berusaha (NIB)"] = "dalam proses",
        ["Akun SIHALAL"] = "warga@demo.satuatap.id",
        ["Nama dan jenis produk pangan"] = "Kue bolu pandan, kue basah",
    };

    public static async Task<JsonNode> CreateBakeryBundleAsync(HttpClient citizen)
    {
        var body = HomeBakery();
        body["fields"] = BakeryFields();
        var response = await citizen.PostJsonAsync("/api/v1/licensing/bundles", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string bundleId, string name, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(name), "name");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/v1/licensing/bundles/{bundleId}/documents", form);
    }

    /// <summary>Uploads every required document the bundle still lacks and submits it.</summary>
    public static async Task<JsonNode> SubmitAllAsync(HttpClient citizen, JsonNode bundle)
    {
        var id = bundle["id"]!.GetValue<string>();
        foreach (var doc in bundle["documents"]!.AsArray().Where(d => d!["required"]!.GetValue<bool>() && !d["uploaded"]!.GetValue<bool>()))
        {
            var up = await UploadAsync(citizen, id, doc!["name"]!.GetValue<string>(), SampleFiles.Pdf, "dokumen.pdf");
            Assert.True(up.StatusCode == HttpStatusCode.Created, await up.Content.ReadAsStringAsync());
        }
        var submit = await citizen.PostAsync($"/api/v1/licensing/bundles/{id}/submit", null);
        Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        return await submit.ReadJsonAsync();
    }

    public static string ChildId(JsonNode bundle, string serviceCode) =>
        bundle["applications"]!.AsArray().Single(a => a!["serviceCode"]!.GetValue<string>() == serviceCode)!["id"]!.GetValue<string>();
}
