using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Licensing.LicensingDriver;

namespace SatuAtap.Web.Tests.Licensing;

/// <summary>A Link-Satu officer makes a bundle for a business owner at the desk; the owner's code confirms it.</summary>
public sealed partial class OnBehalfBundleTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static JsonObject OwnersBundle(string email, string? nik = "3202015506880004")
    {
        var body = HomeBakery();
        body["fields"] = BakeryFields();
        body["applicant"] = new JsonObject { ["name"] = "Siti Aminah", ["nik"] = nik, ["phone"] = "081298765432", ["email"] = email };
        return body;
    }

    private async Task<List<string>> CodesSentToAsync(string email)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var subjects = await db.OutboxMessages.Where(m => m.EventCode == "licensing.confirm" && m.Recipient == email)
            .OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id).Select(m => m.Subject).ToListAsync();
        return subjects.Select(s => SixDigits().Match(s).Value).ToList();
    }

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string id, string? code) =>
        client.PostJsonAsync($"/api/v1/licensing/bundles/{id}/confirm", new JsonObject { ["code"] = code });

    [Fact]
    public async Task The_owner_confirms_by_the_code_sent_and_only_then_the_officer_submits()
    {
        const string email = "siti.kue@example.test";
        var officer = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var created = await officer.PostJsonAsync("/api/v1/licensing/bundles", OwnersBundle(email));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var bundle = await created.ReadJsonAsync();
        var id = bundle["id"]!.GetValue<string>();
        Assert.Equal("awaitingConfirmation", bundle["status"]!.GetValue<string>());
        Assert.True(bundle["onBehalf"]!.GetValue<bool>());
        Assert.Null(bundle["checkCode"]);
        Assert.Equal(3, bundle["applications"]!.AsArray().Count);
        var code = Assert.Single(await CodesSentToAsync(email));

        // Nothing can be handed in or submitted before the owner's code: not the bundle, not one of its applications.
        await (await UploadAsync(officer, id, IdCard, SampleFiles.Pdf, "ktp.pdf")).AssertProblemAsync(409);
        await (await officer.PostAsync($"/api/v1/licensing/bundles/{id}/submit", null)).AssertProblemAsync(409);
        await (await officer.PostAsync($"/api/v1/applications/{ChildId(bundle, "PTSP-NIB")}/submit", null)).AssertProblemAsync(403);

        // Per record: another agency's officer and a citizen are told it does not exist; a manager sees it but cannot confirm.
        var dukcapil = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        await (await ConfirmAsync(dukcapil, id, code)).AssertProblemAsync(404);
        await (await dukcapil.PostAsync($"/api/v1/licensing/bundles/{id}/confirmation-code", null)).AssertProblemAsync(404);
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        await (await ConfirmAsync(citizen, id, code)).AssertProblemAsync(404);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        await (await ConfirmAsync(manager, id, code)).AssertProblemAsync(403);
        var listed = await manager.GetJsonAsync("/api/v1/licensing/bundles");
        Assert.Equal("awaitingConfirmation", listed["items"]!.AsArray().Single(b => b!["id"]!.GetValue<string>() == id)!["status"]!.GetValue<string>());
        await (await ConfirmAsync(mall.CreateClient(), id, code)).AssertProblemAsync(401);

        // Bad input never gives a 500.
        Assert.NotNull((await (await ConfirmAsync(officer, id, null)).AssertProblemAsync(400))["errors"]!["code"]);
        await (await ConfirmAsync(officer, id, new string('9', 50))).AssertProblemAsync(400);
        var noBody = await officer.PostAsync($"/api/v1/licensing/bundles/{id}/confirm", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);

        var right = await ConfirmAsync(officer, id, code);
        Assert.True(right.StatusCode == HttpStatusCode.OK, await right.Content.ReadAsStringAsync());
        var confirmed = await right.ReadJsonAsync();
        Assert.Equal("draft", confirmed["status"]!.GetValue<string>());
        Assert.False(confirmed["awaitsConfirmation"]!.GetValue<bool>());
        Assert.NotNull(confirmed["checkCode"]);
        // The code is used once.
        await (await ConfirmAsync(officer, id, code)).AssertProblemAsync(409);

        var submitted = await SubmitAllAsync(officer, confirmed);
        Assert.Equal("inProgress", submitted["status"]!.GetValue<string>());
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var children = await db.Applications.Where(a => a.BundleId == Guid.Parse(id)).ToListAsync();
        Assert.All(children, a => Assert.Equal("Siti Aminah", a.ApplicantName));
        Assert.All(children, a => Assert.Null(a.ApplicantUserId));
        Assert.All(children, a => Assert.NotNull(a.SubmittedAtUtc));
    }

    [Fact]
    public async Task Wrong_codes_are_counted_and_a_new_code_replaces_the_old()
    {
        const string email = "budi.bengkel@example.test";
        var officer = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var bundle = await (await officer.PostJsonAsync("/api/v1/licensing/bundles", OwnersBundle(email, nik: null))).ReadJsonAsync();
        var id = bundle["id"]!.GetValue<string>();
        var first = Assert.Single(await CodesSentToAsync(email));
        var wrong = first == "000000" ? "111111" : "000000";
        for (var i = 1; i <= 5; i++)
        {
            var problem = await (await ConfirmAsync(officer, id, wrong)).AssertProblemAsync(400);
            Assert.Contains(i < 5 ? $": {5 - i}" : "tidak berlaku lagi", problem["errors"]!["code"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // Five wrong codes void the code: the right one no longer works.
        await (await ConfirmAsync(officer, id, first)).AssertProblemAsync(409);

        var resent = await officer.PostAsync($"/api/v1/licensing/bundles/{id}/confirmation-code", null);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var sent = await resent.ReadJsonAsync();
        Assert.Contains("b***@e***.test", sent["sentTo"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(3, sent["codesLeft"]!.GetValue<int>());
        var codes = await CodesSentToAsync(email);
        Assert.Equal(2, codes.Count);
        if (codes[1] != first) await (await ConfirmAsync(officer, id, first)).AssertProblemAsync(400);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(officer, id, codes[1])).StatusCode);
        // Confirmed: no more codes.
        await (await officer.PostAsync($"/api/v1/licensing/bundles/{id}/confirmation-code", null)).AssertProblemAsync(409);
    }

    [Fact]
    public async Task At_most_five_codes_go_to_one_bundle()
    {
        const string email = "rina.laundry@example.test";
        var officer = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var id = (await (await officer.PostJsonAsync("/api/v1/licensing/bundles", OwnersBundle(email))).ReadJsonAsync())["id"]!.GetValue<string>();
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/licensing/bundles/{id}/confirmation-code", null)).StatusCode);
        await (await officer.PostAsync($"/api/v1/licensing/bundles/{id}/confirmation-code", null)).AssertProblemAsync(409);
        Assert.Equal(5, (await CodesSentToAsync(email)).Count);
    }

    [Fact]
    public async Task Only_a_Link_Satu_officer_makes_a_bundle_for_someone_and_bad_details_make_nothing()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var applications = await db.Applications.CountAsync();
        var bundles = await db.LicensingBundles.CountAsync();

        await (await mall.CreateClient().PostJsonAsync("/api/v1/licensing/bundles", OwnersBundle("a@example.test"))).AssertProblemAsync(401);
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        await (await citizen.PostJsonAsync("/api/v1/licensing/bundles", OwnersBundle("a@example.test"))).AssertProblemAsync(403);
        var dukcapil = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        await (await dukcapil.PostJsonAsync("/api/v1/licensing/bundles", OwnersBundle("a@example.test"))).AssertProblemAsync(403);

        var officer = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        // No email, and this mall sends no SMS: the code could reach no one.
        var noEmail = OwnersBundle("a@example.test");
        noEmail["applicant"]!["email"] = null;
        Assert.NotNull((await (await officer.PostJsonAsync("/api/v1/licensing/bundles", noEmail)).AssertProblemAsync(400))["errors"]!["applicant.email"]);
        var badNik = OwnersBundle("a@example.test", nik: "123");
        Assert.NotNull((await (await officer.PostJsonAsync("/api/v1/licensing/bundles", badNik)).AssertProblemAsync(400))["errors"]!["applicant.nik"]);
        var badEmail = OwnersBundle("bukan-email");
        Assert.NotNull((await (await officer.PostJsonAsync("/api/v1/licensing/bundles", badEmail)).AssertProblemAsync(400))["errors"]!["applicant.email"]);
        var noName = OwnersBundle("a@example.test");
        noName["applicant"]!["name"] = "";
        Assert.NotNull((await (await officer.PostJsonAsync("/api/v1/licensing/bundles", noName)).AssertProblemAsync(400))["errors"]!["applicant.name"]);

        Assert.Equal(applications, await db.Applications.CountAsync());
        Assert.Equal(bundles, await db.LicensingBundles.CountAsync());
        Assert.Empty(await CodesSentToAsync("a@example.test"));

        // A bundle the owner made themselves needs no code.
        var own = await CreateBakeryBundleAsync(citizen);
        await (await ConfirmAsync(citizen, own["id"]!.GetValue<string>(), "123456")).AssertProblemAsync(409);
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
