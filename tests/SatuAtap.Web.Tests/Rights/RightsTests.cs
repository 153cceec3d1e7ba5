using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Notifications;
using SatuAtap.Core.Queue;
using SatuAtap.Core.Rights;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;
using static SatuAtap.Web.Tests.Rights.RightsDriver;

namespace SatuAtap.Web.Tests.Rights;

/// <summary>A citizen's rights from /akun and /api/v1/me: download their data, ask for a correction, delete the account.</summary>
public sealed class RightsTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static async Task<(ZipArchive Zip, JsonNode Data)> ReadZipAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        await using var json = zip.GetEntry("data.json")!.Open();
        return (zip, JsonNode.Parse(json)!);
    }

    [Fact]
    public async Task Export_holds_the_citizens_own_records_and_documents_and_nobody_elses()
    {
        var (_, aliceEmail) = await CitizenAsync(mall, "Alice Warga");
        var (_, bobEmail) = await CitizenAsync(mall, "Bob Warga");
        var alice = await mall.ClientForAsync(aliceEmail);
        var bob = await mall.ClientForAsync(bobEmail);
        var (aliceId, aliceNumber) = await DraftKtpAsync(alice);
        var kk = await RequirementIdAsync(alice, "DKP-KTP", "Kartu Keluarga");
        Assert.True((await UploadAsync(alice, aliceId, kk, Pdf, "kartu keluarga.pdf")).IsSuccessStatusCode);
        var (_, bobNumber) = await DraftKtpAsync(bob, "3202011505900009");
        var sent = await alice.PostJsonAsync("/api/v1/me/corrections", new JsonObject { ["whatIsWrong"] = "Nama tertulis Alis", ["shouldBe"] = "Alice" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/me/export")).StatusCode);

        var (zip, data) = await ReadZipAsync(await alice.GetAsync("/api/v1/me/export"));
        Assert.Equal(aliceEmail, data["account"]!["email"]!.GetValue<string>());
        var apps = data["applications"]!.AsArray();
        var app = Assert.Single(apps);
        Assert.Equal(aliceNumber, app!["trackingNumber"]!.GetValue<string>());
        Assert.DoesNotContain(bobNumber, data.ToJsonString());
        Assert.DoesNotContain(bobEmail, data.ToJsonString());
        Assert.Equal(KtpNik, app["fields"]!["NIK"]!.GetValue<string>());
        var file = app["documents"]![0]!["file"]!.GetValue<string>();
        Assert.StartsWith($"documents/{aliceNumber}/", file);
        Assert.EndsWith("kartu_keluarga.pdf", file);
        await using (var entry = zip.GetEntry(file)!.Open())
        {
            using var copy = new MemoryStream();
            await entry.CopyToAsync(copy);
            Assert.Equal(Pdf, copy.ToArray());
        }
        Assert.Equal("Nama tertulis Alis", data["corrections"]![0]!["whatIsWrong"]!.GetValue<string>());
        Assert.All(zip.Entries, e => Assert.True(e.FullName == "data.json" || e.FullName.StartsWith($"documents/{aliceNumber}/", StringComparison.Ordinal), e.FullName));

        // The page link gives the same download; without signing in it asks to sign in.
        var page = await mall.PageClientForAsync(aliceEmail);
        var account = await page.GetPageAsync("/akun");
        Assert.NotNull(account.QuerySelector("a[href='/akun/data']"));
        Assert.Contains("Alice Warga", account.QuerySelector("main")!.TextContent);
        var (_, pageData) = await ReadZipAsync(await page.GetAsync("/akun/data"));
        Assert.Equal(aliceNumber, pageData["applications"]![0]!["trackingNumber"]!.GetValue<string>());
        var anonymous = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var challenged = await anonymous.GetAsync("/akun/data");
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        Assert.StartsWith("/akun/masuk", challenged.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Correction_requests_are_due_in_working_days_flagged_when_overdue_and_answered_by_managers()
    {
        var (_, email) = await CitizenAsync(mall);
        var citizen = await mall.ClientForAsync(email);
        var invalid = await (await citizen.PostJsonAsync("/api/v1/me/corrections", new JsonObject { ["shouldBe"] = "x" })).AssertProblemAsync(400);
        Assert.NotNull(invalid["errors"]!["whatIsWrong"]);

        var created = await citizen.PostJsonAsync("/api/v1/me/corrections",
            new JsonObject { ["whatIsWrong"] = "Tanggal lahir 1990-05-51", ["shouldBe"] = "1990-05-15" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var id = body["id"]!.GetValue<string>();
        DateOnly expected;
        await using (var scope = mall.Scope())
        {
            var calendar = (await scope.ServiceProvider.GetRequiredService<CatalogCache>().GetAsync()).Calendar;
            expected = calendar.AddWorkingDays(scope.ServiceProvider.GetRequiredService<MallTime>().Today, 5);
        }
        Assert.Equal(expected.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body["dueDate"]!.GetValue<string>());
        Assert.Equal("open", body["status"]!.GetValue<string>());
        Assert.False(body["overdue"]!.GetValue<bool>());

        await (await citizen.GetAsync("/api/v1/corrections")).AssertProblemAsync(403);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var open = (await manager.GetJsonAsync("/api/v1/corrections")).AsArray();
        var listed = open.Single(c => c!["id"]!.GetValue<string>() == id)!;
        Assert.False(listed["overdue"]!.GetValue<bool>());
        Assert.Equal(email, listed["applicantEmail"]!.GetValue<string>());

        // Past the due date the managers see it flagged.
        mall.Clock.Advance(TimeSpan.FromDays(10));
        manager = await mall.ClientForAsync(Accounts.Manager); // sign-ins from before have expired on the moved clock
        citizen = await mall.ClientForAsync(email);
        listed = (await manager.GetJsonAsync("/api/v1/corrections")).AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!;
        Assert.True(listed["overdue"]!.GetValue<bool>());
        var pages = await mall.PageClientForAsync(Accounts.Manager);
        var list = await pages.GetPageAsync("/kelola/koreksi");
        Assert.Contains("Lewat batas waktu", list.QuerySelector($"#koreksi-{id}")!.TextContent);

        await (await manager.PostJsonAsync($"/api/v1/corrections/{id}/answer", new JsonObject { ["status"] = "maybe", ["answer"] = "?" })).AssertProblemAsync(400);
        var posted = await pages.PostFormAsync("/kelola/koreksi", null, new() { ["id"] = id, ["status"] = "answered", ["jawaban"] = "Tanggal lahir sudah diperbaiki." });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Null((await posted.ParseAsync()).QuerySelector($"#koreksi-{id}"));
        await (await manager.PostJsonAsync($"/api/v1/corrections/{id}/answer", new JsonObject { ["status"] = "rejected", ["answer"] = "Tidak" })).AssertProblemAsync(409);

        var mine = (await citizen.GetJsonAsync("/api/v1/me/corrections")).AsArray().Single()!;
        Assert.Equal("answered", mine["status"]!.GetValue<string>());
        Assert.Equal("Tanggal lahir sudah diperbaiki.", mine["answer"]!.GetValue<string>());
        var account = await (await mall.PageClientForAsync(email)).GetPageAsync("/akun");
        Assert.Contains("Tanggal lahir sudah diperbaiki.", account.QuerySelector("#koreksi-saya")!.TextContent);
    }

    [Fact]
    public async Task Correction_form_on_the_account_pages_reshows_errors_and_lands_on_akun()
    {
        var (_, email) = await CitizenAsync(mall);
        var page = await mall.PageClientForAsync(email);
        var empty = await page.PostFormAsync("/akun/koreksi", null, new() { ["salah"] = "", ["seharusnya"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await empty.ParseAsync()).QuerySelector("#salah-error"));
        var ok = await page.PostFormAsync("/akun/koreksi", null, new() { ["salah"] = "Alamat lama", ["seharusnya"] = "Alamat baru" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("Alamat baru", (await page.GetPageAsync("/akun")).QuerySelector("#koreksi-saya")!.TextContent);
    }

    [Fact]
    public async Task Delete_is_refused_while_an_application_or_booking_is_open_then_removes_what_may_go()
    {
        var (userId, email) = await CitizenAsync(mall, "Dewi Hapus");
        var citizen = await mall.ClientForAsync(email);
        var (finishedId, finishedNumber) = await SubmittedKtpAsync(citizen, "3202014101900003");
        var refused = await (await citizen.DeleteAsync("/api/v1/me")).AssertProblemAsync(409);
        Assert.Contains(finishedNumber, refused["detail"]!.GetValue<string>());

        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        await ActOkAsync(officer, finishedId, "claim");
        await ActOkAsync(officer, finishedId, "reject", "Berkas tidak sesuai.");

        var (draftId, _) = await DraftKtpAsync(citizen, "3202014101900004");
        var kk = await RequirementIdAsync(citizen, "DKP-KTP", "Kartu Keluarga");
        Assert.True((await UploadAsync(citizen, draftId, kk, Pdf, "kk.pdf")).IsSuccessStatusCode);
        var keys = await WithDbAsync(mall, db => db.ApplicationDocuments.Where(d => d.ApplicationId == Guid.Parse(draftId) || d.ApplicationId == Guid.Parse(finishedId))
            .Select(d => d.FileKey).ToListAsync());
        Assert.Equal(2, keys.Count);
        Assert.Equal(HttpStatusCode.Created, (await citizen.PostJsonAsync("/api/v1/me/corrections", new JsonObject { ["whatIsWrong"] = "a", ["shouldBe"] = "b" })).StatusCode);
        var today = mall.Services.GetRequiredService<MallTime>().Today;
        var past = await BookingAsync(mall, userId, today.AddDays(-3), BookingStatus.CheckedIn);
        var ahead = await BookingAsync(mall, userId, today.AddDays(2));

        var bookingRefusal = await (await citizen.DeleteAsync("/api/v1/me")).AssertProblemAsync(409);
        Assert.Contains("pemesanan", bookingRefusal["detail"]!.GetValue<string>());
        await WithDbAsync(mall, db => db.Bookings.Where(b => b.Id == ahead).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Cancelled)));
        Assert.True(await WithDbAsync(mall, db => db.OutboxMessages.AnyAsync(m => m.Recipient == email)));

        var deleted = await citizen.DeleteAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var counts = await deleted.ReadJsonAsync();
        Assert.Equal(1, counts["draftsDeleted"]!.GetValue<int>());
        Assert.Equal(1, counts["applicationsKept"]!.GetValue<int>());
        Assert.Equal(2, counts["documentsDeleted"]!.GetValue<int>());
        Assert.Equal(2, counts["bookingsCleared"]!.GetValue<int>());
        Assert.Equal(1, counts["correctionsDeleted"]!.GetValue<int>());

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtap.Core.Data.SatuAtapDb>();
        Assert.False(await db.Users.AnyAsync(u => u.Id == userId));
        Assert.False(await db.Applications.AnyAsync(a => a.Id == Guid.Parse(draftId)));
        var kept = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == Guid.Parse(finishedId));
        Assert.Null(kept.ApplicantUserId);
        Assert.Equal("Dewi Hapus", kept.ApplicantName);
        Assert.Null(kept.ApplicantEmail);
        Assert.True(await db.ApplicationEvents.AnyAsync(e => e.ApplicationId == kept.Id));
        Assert.All(keys, k => Assert.False(FileExists(mall, k)));
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == past);
        Assert.Equal(("", "", null, null), (booking.Name, booking.Phone, booking.Nik, booking.UserId));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Recipient == email));
        Assert.False(await db.CorrectionRequests.AnyAsync(c => c.UserId == userId));
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityKey == userId.ToString() && a.Action == DeleteAccount.AuditAction);
        Assert.Contains("\"draftsDeleted\":1", audit.After);
        Assert.DoesNotContain(email, audit.After + audit.UserName);
        Assert.Null((await new VerifyAuditChain(db).HandleAsync()).FirstBroken);
    }

    [Fact]
    public async Task Delete_page_asks_for_confirmation_refuses_staff_and_signs_out_after()
    {
        var (userId, email) = await CitizenAsync(mall);
        var page = await mall.PageClientForAsync(email);
        var unconfirmed = await page.PostFormAsync("/akun/hapus", null, new());
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.NotNull((await unconfirmed.ParseAsync()).QuerySelector("#pesan-hapus"));

        var done = await page.PostFormAsync("/akun/hapus", null, new() { ["yakin"] = "ya" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.False(await WithDbAsync(mall, db => db.Users.AnyAsync(u => u.Id == userId)));
        var after = await page.GetAsync("/akun");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/akun/masuk", after.Headers.Location!.PathAndQuery);

        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        await (await officer.DeleteAsync("/api/v1/me")).AssertProblemAsync(403);
        var staffPage = await (await mall.PageClientForAsync(Accounts.DukcapilOfficer)).GetPageAsync("/akun");
        Assert.Null(staffPage.QuerySelector("a[href='/akun/hapus']"));
    }
}
