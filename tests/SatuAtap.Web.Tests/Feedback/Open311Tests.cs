using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>A mall whose demo has an Open311 client with a known key.</summary>
public sealed class Open311Mall : MallFactory
{
    public const string ApiKey = "test-open311-key";
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Open311ApiKey"] = ApiKey };
}

/// <summary>Open311 GeoReport v2 over the complaint desk, in JSON and XML, against the specification's examples.</summary>
public sealed class Open311Tests(Open311Mall mall) : IClassFixture<Open311Mall>
{
    /// <summary>The specification's example of POST Service Request, with one of the mall's service codes.</summary>
    private static Dictionary<string, string> SpecExample(string? apiKey = Open311Mall.ApiKey, string serviceCode = "DKP-KTP") => new()
    {
        ["api_key"] = apiKey ?? "", ["service_code"] = serviceCode, ["lat"] = "37.76524078", ["long"] = "-122.4212043",
        ["address_string"] = "1234 5th street", ["email"] = "smit222@sfgov.edu", ["device_id"] = "tt222111", ["account_id"] = "123456",
        ["first_name"] = "john", ["last_name"] = "smith", ["phone"] = "111111111", ["description"] = "A large sinkhole is destroying the street",
        ["media_url"] = "http://www.example.com/photo.jpg",
    };

    private Task<HttpResponseMessage> PostAsync(string format, Dictionary<string, string> form) =>
        mall.CreateClient().PostAsync($"/open311/v2/requests.{format}", new FormUrlEncodedContent(form));

    private static async Task<XDocument> XmlAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.OrdinalIgnoreCase);
        return XDocument.Parse(text);
    }

    private static async Task<JsonArray> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsArray();
    }

    [Fact]
    public async Task Services_in_json_and_xml()
    {
        var json = await JsonAsync(await mall.CreateClient().GetAsync("/open311/v2/services.json"), HttpStatusCode.OK);
        var ktp = json.First(s => s!["service_code"]!.GetValue<string>() == "DKP-KTP")!;
        Assert.Equal("Penerbitan Kartu Tanda Penduduk Elektronik (KTP-el) Baru", ktp["service_name"]!.GetValue<string>());
        Assert.False(ktp["metadata"]!.GetValue<bool>());
        Assert.Equal("realtime", ktp["type"]!.GetValue<string>());
        Assert.Equal("Dinas Kependudukan dan Pencatatan Sipil", ktp["group"]!.GetValue<string>());
        foreach (var field in new[] { "service_code", "service_name", "description", "metadata", "type", "keywords", "group" })
            Assert.True(ktp.AsObject().ContainsKey(field), field);

        var xml = await XmlAsync(await mall.CreateClient().GetAsync("/open311/v2/services.xml"), HttpStatusCode.OK);
        Assert.Equal("services", xml.Root!.Name.LocalName);
        var service = xml.Root.Elements("service").First(s => s.Element("service_code")!.Value == "DKP-KTP");
        Assert.Equal("false", service.Element("metadata")!.Value);
        Assert.Equal(json.Count, xml.Root.Elements("service").Count());

        var definition = await mall.CreateClient().GetAsync("/open311/v2/services/DKP-KTP.xml");
        var def = await XmlAsync(definition, HttpStatusCode.OK);
        Assert.Equal("service_definition", def.Root!.Name.LocalName);
        Assert.Equal("DKP-KTP", def.Root.Element("service_code")!.Value);
        Assert.NotNull(def.Root.Element("attributes"));

        var unknown = await XmlAsync(await mall.CreateClient().GetAsync("/open311/v2/services/NOPE.xml"), HttpStatusCode.NotFound);
        Assert.Equal("errors", unknown.Root!.Name.LocalName);
        Assert.Equal("404", unknown.Root.Element("error")!.Element("code")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(unknown.Root.Element("error")!.Element("description")!.Value));
    }

    [Fact]
    public async Task Posting_the_specifications_example_files_a_complaint_that_is_then_listed()
    {
        var posted = await JsonAsync(await PostAsync("json", SpecExample()), HttpStatusCode.OK);
        var id = Assert.Single(posted)!["service_request_id"]!.GetValue<string>();
        Assert.Matches("^ADU-26-[2-9A-Z]{5}$", id);
        Assert.Contains(id, posted[0]!["service_notice"]!.GetValue<string>());
        Assert.True(posted[0]!.AsObject().ContainsKey("account_id"));

        var xmlPost = await XmlAsync(await PostAsync("xml", SpecExample()), HttpStatusCode.OK);
        Assert.Equal("service_requests", xmlPost.Root!.Name.LocalName);
        Assert.Matches("^ADU-26-", xmlPost.Root.Element("request")!.Element("service_request_id")!.Value);

        var one = Assert.Single(await JsonAsync(await mall.CreateClient().GetAsync($"/open311/v2/requests/{id}.json"), HttpStatusCode.OK))!;
        Assert.Equal(id, one["service_request_id"]!.GetValue<string>());
        Assert.Equal("open", one["status"]!.GetValue<string>());
        Assert.Equal("DKP-KTP", one["service_code"]!.GetValue<string>());
        Assert.Equal("Dinas Kependudukan dan Pencatatan Sipil", one["agency_responsible"]!.GetValue<string>());
        Assert.Equal("2026-11-30T09:00:00+07:00", one["requested_datetime"]!.GetValue<string>());
        Assert.Equal("2026-12-03T23:59:59+07:00", one["expected_datetime"]!.GetValue<string>());
        // Not verified yet: the reporter's words and place are not public.
        Assert.Null(one["description"]);
        Assert.Null(one["lat"]);
        foreach (var field in new[] { "status_notes", "service_name", "service_notice", "updated_datetime", "address", "address_id", "zipcode", "long", "media_url" })
            Assert.True(one.AsObject().ContainsKey(field), field);

        // The desk verifies it: its public text and the place are then shown.
        var manager = await mall.ClientForAsync(Accounts.Manager);
        Assert.True((await manager.PostJsonAsync($"/api/v1/complaints/{id}/verify", new JsonObject { ["publicText"] = "Jalan berlubang besar." })).IsSuccessStatusCode);
        var xml = await XmlAsync(await mall.CreateClient().GetAsync($"/open311/v2/requests.xml?service_request_id={id}"), HttpStatusCode.OK);
        var request = Assert.Single(xml.Root!.Elements("request"));
        Assert.Equal("Jalan berlubang besar.", request.Element("description")!.Value);
        Assert.Equal("37.76524078", request.Element("lat")!.Value);
        Assert.Equal("-122.4212043", request.Element("long")!.Value);
        Assert.Equal("open", request.Element("status")!.Value);

        // The desk's full view has the reporter from the example.
        var full = await manager.GetJsonAsync($"/api/v1/complaints/{id}");
        Assert.Equal("john smith", full["reporterName"]!.GetValue<string>());

        var open = await JsonAsync(await mall.CreateClient().GetAsync("/open311/v2/requests.json?status=open&service_code=DKP-KTP"), HttpStatusCode.OK);
        Assert.Contains(open, r => r!["service_request_id"]!.GetValue<string>() == id);
        Assert.All(open, r => Assert.Equal("open", r!["status"]!.GetValue<string>()));
        var closed = await JsonAsync(await mall.CreateClient().GetAsync("/open311/v2/requests.json?status=closed"), HttpStatusCode.OK);
        Assert.NotEmpty(closed); // the demo's closed complaints
        Assert.All(closed, r => Assert.Equal("closed", r!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Errors_come_in_the_specifications_format()
    {
        var noKey = await JsonAsync(await PostAsync("json", SpecExample(apiKey: null)), HttpStatusCode.Forbidden);
        Assert.Equal(403, noKey[0]!["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(noKey[0]!["description"]!.GetValue<string>()));
        await JsonAsync(await PostAsync("json", SpecExample(apiKey: "wrong")), HttpStatusCode.Forbidden);

        var unknown = await XmlAsync(await PostAsync("xml", SpecExample(serviceCode: "NOPE")), HttpStatusCode.NotFound);
        Assert.Equal("404", unknown.Root!.Element("error")!.Element("code")!.Value);
        Assert.Contains("NOPE", unknown.Root.Element("error")!.Element("description")!.Value);
        var unknownJson = await JsonAsync(await PostAsync("json", SpecExample(serviceCode: "NOPE")), HttpStatusCode.NotFound);
        Assert.Equal(404, unknownJson[0]!["code"]!.GetValue<int>());

        var noText = SpecExample();
        noText.Remove("description");
        var noDescription = await JsonAsync(await PostAsync("json", noText), HttpStatusCode.BadRequest);
        Assert.Contains("description", noDescription[0]!["description"]!.GetValue<string>());
        var nowhere = SpecExample();
        nowhere.Remove("lat");
        nowhere.Remove("long");
        nowhere.Remove("address_string");
        await JsonAsync(await PostAsync("json", nowhere), HttpStatusCode.BadRequest);
        var badLat = SpecExample();
        badLat["lat"] = "north";
        await XmlAsync(await PostAsync("xml", badLat), HttpStatusCode.BadRequest);

        await JsonAsync(await mall.CreateClient().GetAsync("/open311/v2/requests/ADU-26-ZZZZZ.json"), HttpStatusCode.NotFound);
        await XmlAsync(await mall.CreateClient().GetAsync("/open311/v2/requests.xml?status=maybe"), HttpStatusCode.BadRequest);
        await XmlAsync(await mall.CreateClient().GetAsync("/open311/v2/requests.xml?start_date=yesterday"), HttpStatusCode.BadRequest);
        await JsonAsync(await mall.CreateClient().GetAsync("/open311/v2/requests.json?service_code=NOPE"), HttpStatusCode.NotFound);
    }
}
