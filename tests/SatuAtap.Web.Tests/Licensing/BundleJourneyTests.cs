using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Licensing.LicensingDriver;

namespace SatuAtap.Web.Tests.Licensing;

public sealed class BundleJourneyTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task A_home_bakery_applies_for_all_its_permits_as_one_bundle()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var dpmptsp = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var bundle = await CreateBakeryBundleAsync(citizen);
        var id = bundle["id"]!.GetValue<string>();
        Assert.Matches("^LS-26-[2-9A-HJKMNP-Z]{5}$", bundle["trackingNumber"]!.GetValue<string>());
        Assert.Equal("draft", bundle["status"]!.GetValue<string>());
        // One ordinary application per service: the NIB assistance (NIB, spatial self-declaration, SPPL in OSS),
        // the halal facilitation, the home-industry food permit.
        var services = bundle["applications"]!.AsArray().Select(a => a!["serviceCode"]!.GetValue<string>()).ToList();
        Assert.Equal(["PTSP-NIB", "KMG-HALAL", "PTSP-SPPIRT"], services);
        Assert.Equal(["NIB", "KKPR-UMK", "SPPL"], bundle["applications"]![0]!["permits"]!.AsArray().Select(p => p!.GetValue<string>()));
        // The ID card is asked once, for the two permits that need it.
        var idCard = bundle["documents"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == IdCard)!;
        Assert.Equal(2, idCard["applications"]!.AsArray().Count);

        // Uploaded once: the NIB and halal applications have it, the SPP-IRT application does not.
        var up = await UploadAsync(citizen, id, IdCard, SampleFiles.Pdf, "ktp.pdf");
        Assert.Equal(HttpStatusCode.Created, up.StatusCode);
        Assert.Equal(2, (await up.ReadJsonAsync())["applications"]!.AsArray().Count);
        foreach (var (code, has) in new[] { ("PTSP-NIB", true), ("KMG-HALAL", true), ("PTSP-SPPIRT", false) })
        {
            var child = await citizen.GetJsonAsync($"/api/v1/applications/{ChildId(bundle, code)}");
            Assert.Equal(has, child["documents"]!.AsArray().Any(d => d!["name"]!.GetValue<string>() == IdCard && d["documentId"] is not null));
        }
        // The field given once went to both permits that ask for it.
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var children = await db.Applications.Where(a => a.BundleId == Guid.Parse(id)).ToListAsync();
            Assert.Equal(3, children.Count);
            Assert.Equal(2, children.Count(a => a.FieldsJson.Contains("dalam proses", StringComparison.Ordinal)));
            var sppIrt = children.Single(a => a.Id == Guid.Parse(ChildId(bundle, "PTSP-SPPIRT")));
            Assert.False(await db.ApplicationDocuments.AnyAsync(d => d.ApplicationId == sppIrt.Id));
        }

        // Submitting before the other documents are in: the complete ones go, the others are named.
        var early = await citizen.PostAsync($"/api/v1/licensing/bundles/{id}/submit", null);
        var problem = await early.AssertProblemAsync(422);
        var sppNumber = bundle["applications"]![2]!["trackingNumber"]!.GetValue<string>();
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith(sppNumber, StringComparison.Ordinal));
        var afterEarly = await citizen.GetJsonAsync($"/api/v1/licensing/bundles/{id}");
        Assert.Equal("incomplete", afterEarly["status"]!.GetValue<string>());

        var submitted = await SubmitAllAsync(citizen, afterEarly);
        Assert.Equal("inProgress", submitted["status"]!.GetValue<string>());
        Assert.All(submitted["applications"]!.AsArray(), a => Assert.NotEqual("draft", a!["status"]!.GetValue<string>()));

        // DPMPTSP approves the NIB assistance and returns the SPP-IRT; the halal facilitation waits at Kemenag.
        var nib = ChildId(bundle, "PTSP-NIB");
        var spp = ChildId(bundle, "PTSP-SPPIRT");
        await Applications.ApplicationDriver.ActOkAsync(dpmptsp, nib, "claim");
        await Applications.ApplicationDriver.ActOkAsync(dpmptsp, nib, "approve", "NIB 1234567890123 terbit di OSS.");
        await Applications.ApplicationDriver.ActOkAsync(dpmptsp, spp, "claim");
        await Applications.ApplicationDriver.ActOkAsync(dpmptsp, spp, "return", "Rancangan label belum mencantumkan komposisi.");
        var now = await citizen.GetJsonAsync($"/api/v1/licensing/bundles/{id}");
        Assert.Equal("needsCorrection", now["status"]!.GetValue<string>());
        var statuses = now["applications"]!.AsArray().ToDictionary(a => a!["serviceCode"]!.GetValue<string>(), a => a!["status"]!.GetValue<string>());
        Assert.Equal("approved", statuses["PTSP-NIB"]);
        Assert.Equal("submitted", statuses["KMG-HALAL"]);
        Assert.Equal("returnedForCorrection", statuses["PTSP-SPPIRT"]);

        // The staff see it, an officer of another agency does not, and only the applicant uploads.
        Assert.Equal(HttpStatusCode.OK, (await dpmptsp.GetAsync($"/api/v1/licensing/bundles/{id}")).StatusCode);
        var dukcapil = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        await (await dukcapil.GetAsync($"/api/v1/licensing/bundles/{id}")).AssertProblemAsync(404);
        await (await UploadAsync(dukcapil, id, IdCard, SampleFiles.Pdf, "ktp.pdf")).AssertProblemAsync(404);
        await (await UploadAsync(dpmptsp, id, IdCard, SampleFiles.Pdf, "ktp.pdf")).AssertProblemAsync(403);
        Assert.Null((await dpmptsp.GetJsonAsync($"/api/v1/licensing/bundles/{id}"))["checkCode"]);

        // Tracked without signing in, at the address applications are tracked at.
        var anonymous = mall.CreateClient();
        var number = bundle["trackingNumber"]!.GetValue<string>();
        var tracked = await anonymous.GetJsonAsync($"/api/v1/tracking/{number}?check={bundle["checkCode"]!.GetValue<string>()}");
        Assert.Equal("needsCorrection", tracked["status"]!.GetValue<string>());
        Assert.Equal(3, tracked["applications"]!.AsArray().Count);
        await (await anonymous.GetAsync($"/api/v1/tracking/{number}?check=222222")).AssertProblemAsync(404);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/tracking/{number.ToLowerInvariant()}?check={bundle["checkCode"]!.GetValue<string>()}")).StatusCode);

        // The staff's list: per district and period, with the investment and jobs and the progress per agency.
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var list = await manager.GetJsonAsync("/api/v1/licensing/bundles?district=Palabuhanratu&from=2026-11-01&to=2026-12-31");
        Assert.Contains(list["items"]!.AsArray(), b => b!["id"]!.GetValue<string>() == id);
        Assert.True(list["investmentRupiah"]!.GetValue<long>() >= 30_000_000);
        Assert.True(list["employees"]!.GetValue<long>() >= 2);
        var dpm = list["byAgency"]!.AsArray().Single(a => a!["agencyCode"]!.GetValue<string>() == "DPMPTSP")!;
        Assert.True(dpm["decided"]!.GetValue<int>() >= 1);
        var elsewhere = await manager.GetJsonAsync("/api/v1/licensing/bundles?district=Surade");
        Assert.DoesNotContain(elsewhere["items"]!.AsArray(), b => b!["id"]!.GetValue<string>() == id);
        var theirs = await dukcapil.GetJsonAsync("/api/v1/licensing/bundles");
        Assert.DoesNotContain(theirs["items"]!.AsArray(), b => b!["id"]!.GetValue<string>() == id);
        await (await citizen.GetAsync("/api/v1/licensing/bundles")).AssertProblemAsync(403);
        await (await manager.GetAsync("/api/v1/licensing/bundles?from=2026-13-01")).AssertProblemAsync(400);
    }

    [Fact]
    public async Task The_village_where_the_business_runs_is_stored_on_the_bundle_and_a_bad_one_is_400()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var bundlesBefore = await db.LicensingBundles.CountAsync();
        foreach (var bad in new[] { new string('a', 101), "x", "Cibadak<script>", "Desa\u0000" })
        {
            var body = HomeBakery();
            body["fields"] = BakeryFields();
            body["village"] = bad;
            var problem = await (await citizen.PostJsonAsync("/api/v1/licensing/bundles", body)).AssertProblemAsync(400);
            Assert.NotNull(problem["errors"]!["village"]);
        }
        Assert.Equal(bundlesBefore, await db.LicensingBundles.CountAsync());

        var good = HomeBakery();
        good["fields"] = BakeryFields();
        good["village"] = "  Kel.   Sukaraja II ";
        var created = await citizen.PostJsonAsync("/api/v1/licensing/bundles", good);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        Assert.Equal("Kel. Sukaraja II", (await citizen.GetJsonAsync($"/api/v1/licensing/bundles/{id}"))["village"]!.GetValue<string>());
        Assert.Equal("Kel. Sukaraja II", await db.LicensingBundles.Where(b => b.Id == Guid.Parse(id)).Select(b => b.Village).SingleAsync());
    }

    [Fact]
    public async Task An_anonymous_bundle_is_refused_and_bad_answers_make_nothing()
    {
        var anonymous = mall.CreateClient();
        var body = HomeBakery();
        await (await anonymous.PostJsonAsync("/api/v1/licensing/bundles", body)).AssertProblemAsync(401);

        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var before = await db.Applications.CountAsync();
        var bundlesBefore = await db.LicensingBundles.CountAsync();
        var unknownField = HomeBakery();
        unknownField["fields"] = new JsonObject { ["Warna favorit"] = "biru" };
        var p1 = await (await citizen.PostJsonAsync("/api/v1/licensing/bundles", unknownField)).AssertProblemAsync(400);
        Assert.NotNull(p1["errors"]!["fields.Warna favorit"]);
        // A field value one permit refuses (a NIK that is not one) undoes the applications already made.
        var badNik = HomeBakery();
        badNik["usesBuilding"] = true;
        badNik["fields"] = new JsonObject { ["NIK pemohon"] = "123" };
        var p2 = await citizen.PostJsonAsync("/api/v1/licensing/bundles", badNik);
        await p2.AssertProblemAsync(400);
        var unknownKbli = HomeBakery();
        unknownKbli["activities"] = new JsonArray(new JsonObject { ["kbli"] = "10719" });
        await (await citizen.PostJsonAsync("/api/v1/licensing/bundles", unknownKbli)).AssertProblemAsync(404);
        Assert.Equal(before, await db.Applications.CountAsync());
        Assert.Equal(bundlesBefore, await db.LicensingBundles.CountAsync());
        await (await citizen.GetAsync($"/api/v1/licensing/bundles/{Guid.NewGuid()}")).AssertProblemAsync(404);
    }
}
