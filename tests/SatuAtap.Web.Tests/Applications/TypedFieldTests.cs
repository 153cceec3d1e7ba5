using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>
/// A field requirement has a type: its value is checked by it, the form asks for it with the right keyboard, and the
/// applicant's NIK, phone and email come from the fields of those types whatever they are called.
/// </summary>
public sealed class TypedFieldTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static JsonObject NibFields(string nik) => new()
    {
        ["NIK"] = nik,
        ["NPWP"] = "01.234.567.8-901.000",
        ["Alamat lokasi usaha"] = "Kp. Citepus RT 02/05, Palabuhanratu",
        ["Kegiatan usaha (KBLI) dan modal usaha"] = "56103, Rp 20.000.000",
        ["Alamat surel"] = "toko.roti@contoh.id",
        ["Nomor ponsel aktif"] = "+62 812-1111-2222",
    };

    [Fact]
    public async Task BusinessNumberApplication_CanBeTrackedWithTheApplicantsNik()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var create = await citizen.PostJsonAsync("/api/v1/applications", new JsonObject { ["serviceId"] = "PTSP-NIB", ["fields"] = NibFields("3202011505900611") });
        Assert.True(create.StatusCode == HttpStatusCode.Created, await create.Content.ReadAsStringAsync());
        var body = await create.ReadJsonAsync();
        var id = body["id"]!.GetValue<string>();
        var number = body["trackingNumber"]!.GetValue<string>();
        var upload = await UploadAsync(citizen, id, await RequirementIdAsync(citizen, "PTSP-NIB", "KTP-el"), Pdf, "ktp.pdf");
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var submit = await citizen.PostAsync($"/api/v1/applications/{id}/submit", null);
        Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());

        var anonymous = mall.CreateClient();
        var tracked = await anonymous.GetAsync($"/api/v1/tracking/{number}?check=3202011505900611");
        Assert.True(tracked.StatusCode == HttpStatusCode.OK, await tracked.Content.ReadAsStringAsync());
        var application = await citizen.GetJsonAsync($"/api/v1/applications/{id}");
        var fields = application["fields"]!.AsArray();
        Assert.Equal("npwp", fields.Single(f => f!["name"]!.GetValue<string>() == "NPWP")!["type"]!.GetValue<string>());
        Assert.Equal("012345678901000", fields.Single(f => f!["name"]!.GetValue<string>() == "NPWP")!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task CapturedApplication_TakesTheApplicantsEmailFromTheEmailField()
    {
        var officer = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var create = await officer.PostJsonAsync("/api/v1/applications", new JsonObject
        {
            ["serviceId"] = "PTSP-NIB", ["fields"] = NibFields("3202011505900612"),
            ["applicant"] = new JsonObject { ["name"] = "Ujang Suryana", ["nik"] = "3202011505900612" },
        });
        Assert.True(create.StatusCode == HttpStatusCode.Created, await create.Content.ReadAsStringAsync());
        var application = await officer.GetJsonAsync($"/api/v1/applications/{(await create.ReadJsonAsync())["id"]!.GetValue<string>()}");
        Assert.Equal("toko.roti@contoh.id", application["applicant"]!["email"]!.GetValue<string>());
        Assert.Equal("081211112222", application["applicant"]!["phone"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("NIK", "3202019905900001", "NIK")]
    [InlineData("NIK", "12345", "16")]
    [InlineData("NPWP", "12.345", "NPWP")]
    [InlineData("Alamat surel", "bukan-email", "email")]
    [InlineData("Nomor ponsel aktif", "0812", "ponsel")]
    [InlineData("Alamat lokasi usaha", "Cisaat", "alamat")]
    public async Task AValueBreakingItsFieldsType_IsRefused_WithAClearMessage(string field, string value, string said)
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var fields = NibFields("3202011505900613");
        fields[field] = value;
        var refused = await citizen.PostJsonAsync("/api/v1/applications", new JsonObject { ["serviceId"] = "PTSP-NIB", ["fields"] = fields });
        var problem = await refused.AssertProblemAsync(400);
        var message = problem["errors"]![$"fields.{field}"]![0]!.GetValue<string>();
        Assert.Contains(said, message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ApplicationForm_AsksForEachTypeWithItsKeyboard()
    {
        var citizen = await mall.PageClientForAsync(Accounts.Citizen);
        var page = await citizen.GetPageAsync("/permohonan/ajukan/PTSP-NIB");
        IHtmlInputElement Input(string label) =>
            (IHtmlInputElement)page.GetElementById(page.QuerySelectorAll("label").Single(l => l.TextContent.Trim().StartsWith(label + " ", StringComparison.Ordinal) || l.TextContent.Trim() == label).GetAttribute("for")!)!;
        Assert.Equal("numeric", Input("NIK").GetAttribute("inputmode"));
        Assert.Equal("numeric", Input("NPWP").GetAttribute("inputmode"));
        Assert.Equal("email", Input("Alamat surel").Type);
        Assert.Equal("tel", Input("Nomor ponsel aktif").Type);
        Assert.Equal("street-address", Input("Alamat lokasi usaha").GetAttribute("autocomplete"));
    }

    [Fact]
    public async Task CatalogApi_CarriesTheFieldType_AndRefusesAnUnknownOne()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var service = await manager.GetJsonAsync("/api/v1/services/PTSP-NIB");
        var requirements = service["standard"]!["requirements"]!.AsArray();
        Assert.Equal("nik", requirements.Single(r => r!["name"]!.GetValue<string>() == "NIK")!["type"]!.GetValue<string>());
        Assert.Equal("email", requirements.Single(r => r!["name"]!.GetValue<string>() == "Alamat surel")!["type"]!.GetValue<string>());

        var index = requirements.Select((r, i) => (r, i)).Single(x => x.r!["name"]!.GetValue<string>() == "NIK").i;
        var body = service.DeepClone();
        body["standard"]!["requirements"]![index]!["type"] = "passport";
        var refused = await manager.PutJsonAsync($"/api/v1/services/{service["id"]!.GetValue<string>()}", body);
        var problem = await refused.AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]![$"standard.requirements[{index}].type"]);

        // A body without types (an older client) keeps the stored ones.
        foreach (var r in body["standard"]!["requirements"]!.AsArray()) r!.AsObject().Remove("type");
        var saved = await manager.PutJsonAsync($"/api/v1/services/{service["id"]!.GetValue<string>()}", body);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var again = await manager.GetJsonAsync("/api/v1/services/PTSP-NIB");
        Assert.Equal("nik", again["standard"]!["requirements"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "NIK")!["type"]!.GetValue<string>());
    }
}
