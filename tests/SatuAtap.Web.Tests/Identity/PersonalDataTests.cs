using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Identity;

/// <summary>NIKs and documents are encrypted at rest; officers see NIKs masked, and every reveal and download is logged.</summary>
public sealed class PersonalDataTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task ApplicationWithNik_LeavesNoNikInClear_InTheDatabaseFiles_OrAnyColumn()
    {
        const string nik = "3202014107880002";
        const string counterNik = "3202016502910003";
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, _) = await SubmittedKtpAsync(citizen, nik);
        await ActOkAsync(officer, id, "claim");
        await ActOkAsync(officer, id, "return", "Mohon unggah ulang.");
        var captured = await officer.PostJsonAsync("/api/v1/applications", new JsonObject
        {
            ["serviceId"] = "DKP-KTP",
            ["fields"] = new JsonObject { ["NIK"] = counterNik, ["Tanggal lahir"] = "1991-02-25" },
            ["applicant"] = new JsonObject { ["name"] = "Siti Aminah", ["nik"] = counterNik, ["email"] = "siti@warga.test" },
        });
        Assert.Equal(HttpStatusCode.Created, captured.StatusCode);

        // What the mall reads is still the NIK (the citizen sees their own in clear).
        Assert.Equal(nik, (await citizen.GetJsonAsync($"/api/v1/applications/{id}"))["applicant"]!["nik"]!.GetValue<string>());

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var raw = await db.Database.SqlQueryRaw<string>("""SELECT "ApplicantNik" AS "Value" FROM "Applications" WHERE "Id" = {0}""", Guid.Parse(id)).SingleAsync();
        Assert.StartsWith("pd1:t1:", raw);
        var fields = await db.Database.SqlQueryRaw<string>("""SELECT "FieldsJson" AS "Value" FROM "Applications" WHERE "Id" = {0}""", Guid.Parse(id)).SingleAsync();
        Assert.StartsWith("pd1:t1:", fields);
        Assert.DoesNotContain(await db.OutboxMessages.Select(m => m.Body).ToListAsync(), b => b.Contains(nik) || b.Contains(counterNik));
        Assert.DoesNotContain(await db.AuditEntries.Select(a => (a.Before ?? "") + (a.After ?? "")).ToListAsync(), a => a.Contains(nik) || a.Contains(counterNik));

        if (MallFactory.IsPostgres)
        {
            // Every row of every table as text: no NIK anywhere.
            foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
            {
#pragma warning disable EF1003 // the table names come from the model
                var rows = await db.Database.SqlQueryRaw<string>("SELECT CAST(t AS text) AS \"Value\" FROM \"" + table + "\" t").ToListAsync();
#pragma warning restore EF1003
                Assert.DoesNotContain(rows, r => r.Contains(nik) || r.Contains(counterNik));
            }
        }
        else
        {
            // The database file and its write-ahead log, byte for byte.
            await AssertNotInSqliteFilesAsync(nik, counterNik);
        }
    }

    [Fact]
    public async Task Booking_StoresItsNikEncrypted_AndOnePersonPerServicePerDayStillHolds()
    {
        const string nik = "3202010101800007";
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var slot = await mall.SlotAsync(manager, await mall.BuildingAsync(), await mall.ServiceAsync("DKP-KTP"), daysAhead: 1, hour: 10, capacity: 5);
        var anonymous = mall.CreateClient();
        var first = await anonymous.BookAsync(slot, QueueTestData.Phone(9101), nik);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var code = (await first.ReadJsonAsync())["code"]!.GetValue<string>();

        // The same NIK with another phone, and the same phone without a NIK: both refused.
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.BookAsync(slot, QueueTestData.Phone(9102), nik)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.BookAsync(slot, QueueTestData.Phone(9101))).StatusCode);

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Code == code);
        Assert.Equal(nik, booking.Nik);
        var raw = await db.Database.SqlQueryRaw<string>("""SELECT "Nik" AS "Value" FROM "QueueBookings" WHERE "Code" = {0}""", code).SingleAsync();
        Assert.StartsWith("pd1:t1:", raw);
        Assert.Matches("^[0-9a-f]{64}$", booking.NikKey!);
        Assert.Matches("^[0-9a-f]{64}$", booking.PhoneKey!);
        Assert.DoesNotContain(nik, booking.NikKey!);
        Assert.DoesNotContain(QueueTestData.Phone(9101), booking.PhoneKey!);
    }

    [Fact]
    public async Task Officer_SeesNikMasked_RevealReturnsIt_AndWritesTheAccessLog_OtherAgencyGetsNothing()
    {
        const string nik = "3202015506920004";
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var other = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var (id, _) = await SubmittedKtpAsync(citizen, nik);

        var seen = await officer.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal("3202********0004", seen["applicant"]!["nik"]!.GetValue<string>());
        Assert.Equal("3202********0004", seen["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "NIK")!["value"]!.GetValue<string>());
        Assert.DoesNotContain(nik, seen.ToJsonString());
        Assert.Equal(0, await LogCountAsync(id));

        var revealed = await (await officer.PostAsync($"/api/v1/applications/{id}/nik", null)).ReadJsonAsync();
        Assert.Equal(nik, revealed["nik"]!.GetValue<string>());
        Assert.Equal(nik, revealed["fields"]!.AsArray().Single()!["value"]!.GetValue<string>());

        var entries = await LogAsync(id);
        var entry = Assert.Single(entries);
        Assert.Equal((AccessLog.NikReveal, AccessLog.Application, (Guid?)await UserIdAsync(Accounts.DukcapilOfficer), (Guid?)await UserIdAsync(Accounts.Citizen)),
            (entry.What, entry.RecordType, entry.ViewerUserId, entry.SubjectUserId));
        Assert.Equal(mall.Clock.GetUtcNow().UtcDateTime, entry.AtUtc);
        Assert.NotNull(entry.ViewerAgencyId);
        Assert.Contains(await AboutCitizenAsync(), e => e.Id == entry.Id);

        // The mall's manager reads the application's access log; an officer cannot.
        var log = (await (await mall.ClientForAsync(Accounts.Manager)).GetJsonAsync($"/api/v1/applications/{id}/access-log")).AsArray();
        Assert.Equal(AccessLog.NikReveal, Assert.Single(log)!["what"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/v1/applications/{id}/access-log")).StatusCode);

        // An officer of another agency is told it does not exist, and nothing is logged; the citizen cannot "reveal".
        await (await other.PostAsync($"/api/v1/applications/{id}/nik", null)).AssertProblemAsync(404);
        await (await citizen.PostAsync($"/api/v1/applications/{id}/nik", null)).AssertProblemAsync(403);
        Assert.Single(await LogAsync(id));
    }

    [Fact]
    public async Task OfficerPage_ShowsNikMasked_UntilTampilkanNik_WhichIsLogged()
    {
        const string nik = "3202012208930005";
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await SubmittedKtpAsync(citizen, nik);
        var officer = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        var url = $"/kelola/permohonan/{id}";
        var page = await officer.GetPageAsync(url);
        Assert.Equal("3202********0005", page.QuerySelector("#nik")!.TextContent.Trim());
        Assert.DoesNotContain(nik, page.DocumentElement.OuterHtml);

        var shown = await officer.PostFormAsync(url, "Nik", []);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var after = await shown.ParseAsync();
        Assert.Equal(nik, after.QuerySelector("#nik")!.TextContent.Trim());
        Assert.Equal(AccessLog.NikReveal, Assert.Single(await LogAsync(id)).What);
    }

    [Fact]
    public async Task Document_IsEncryptedOnDisk_ServedBackIdentical_AndAStaffDownloadIsLogged()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, _) = await DraftKtpAsync(citizen, "3202011212850006");
        var kk = await RequirementIdAsync(citizen, "DKP-KTP", "Kartu Keluarga");
        // A real PDF (uploads must open as one) with the holder's details in a trailing comment, to look for on disk.
        var content = SampleFiles.Pdf.Concat(Encoding.ASCII.GetBytes("% Kartu Keluarga Budi Santoso 3202011212850006\n")).ToArray();
        var upload = await UploadAsync(citizen, id, kk, content, "kk.pdf");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var documentId = (await upload.ReadJsonAsync())["id"]!.GetValue<string>();
        Assert.True((await citizen.PostAsync($"/api/v1/applications/{id}/submit", null)).IsSuccessStatusCode);

        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var key = await db.ApplicationDocuments.Where(d => d.Id == Guid.Parse(documentId)).Select(d => d.FileKey).SingleAsync();
            var onDisk = await File.ReadAllBytesAsync(Path.Combine(scope.ServiceProvider.GetRequiredService<FileStore>().Root, key));
            Assert.Equal(-1, onDisk.AsSpan().IndexOf("Kartu Keluarga"u8));
            Assert.Equal(-1, onDisk.AsSpan().IndexOf("%PDF"u8));
        }

        // The citizen's own download is not an access by staff; the officer's is.
        Assert.Equal(content, await citizen.GetByteArrayAsync($"/api/v1/applications/{id}/documents/{documentId}"));
        Assert.Empty(await LogAsync(id));
        Assert.Equal(content, await officer.GetByteArrayAsync($"/api/v1/applications/{id}/documents/{documentId}"));
        var entry = Assert.Single(await LogAsync(id));
        Assert.Equal((AccessLog.DocumentDownload, (string?)documentId, (Guid?)await UserIdAsync(Accounts.Citizen)), (entry.What, entry.Detail, entry.SubjectUserId));
    }

    [Fact]
    public async Task RowsStoredInClearByAnEarlierVersion_AreRead_AndTheUpgradeEncryptsThem()
    {
        const string nik = "3202010303700008";
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await DraftKtpAsync(citizen, nik);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var service = await mall.ServiceAsync("DKP-KTP");
        var slot = await mall.SlotAsync(manager, await mall.BuildingAsync(), service, daysAhead: 2, hour: 11, capacity: 5);
        var booked = await mall.CreateClient().BookAsync(slot, QueueTestData.Phone(9201), nik);
        var code = (await booked.ReadJsonAsync())["code"]!.GetValue<string>();
        var nikField = await RequirementIdAsync(citizen, "DKP-KTP", "NIK");

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var day = await db.Bookings.Where(b => b.Code == code).Select(b => b.Day).SingleAsync();
        // As an earlier version stored them: clear NIK, clear fields, readable person keys.
        await db.Database.ExecuteSqlRawAsync("""UPDATE "Applications" SET "ApplicantNik" = {0}, "FieldsJson" = {1} WHERE "Id" = {2}""",
            nik, $$"""{"{{nikField}}":"{{nik}}"}""", Guid.Parse(id));
        await db.Database.ExecuteSqlRawAsync("""UPDATE "QueueBookings" SET "Nik" = {0}, "NikKey" = {1}, "PhoneKey" = {2} WHERE "Code" = {3}""",
            nik, Booking.PersonKeyText(service, day, "n" + nik), Booking.PersonKeyText(service, day, "p" + QueueTestData.Phone(9201)), code);

        var before = await citizen.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal(nik, before["applicant"]!["nik"]!.GetValue<string>());
        Assert.Equal(nik, before["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "NIK")!["value"]!.GetValue<string>());

        Assert.True(await PersonalDataUpgrade.RunAsync(db) >= 2);
        var raw = await db.Database.SqlQueryRaw<string>("""SELECT "ApplicantNik" AS "Value" FROM "Applications" WHERE "Id" = {0}""", Guid.Parse(id)).SingleAsync();
        Assert.StartsWith("pd1:t1:", raw);
        Assert.StartsWith("pd1:t1:", await db.Database.SqlQueryRaw<string>("""SELECT "FieldsJson" AS "Value" FROM "Applications" WHERE "Id" = {0}""", Guid.Parse(id)).SingleAsync());
        Assert.StartsWith("pd1:t1:", await db.Database.SqlQueryRaw<string>("""SELECT "Nik" AS "Value" FROM "QueueBookings" WHERE "Code" = {0}""", code).SingleAsync());
        Assert.Equal(nik, (await citizen.GetJsonAsync($"/api/v1/applications/{id}"))["applicant"]!["nik"]!.GetValue<string>());
        // The converted keys are the keyed hashes a new booking makes: the same person is still refused that day.
        Assert.Equal(HttpStatusCode.Conflict, (await mall.CreateClient().BookAsync(slot, QueueTestData.Phone(9202), nik)).StatusCode);
        Assert.Equal(0, await PersonalDataUpgrade.RunAsync(db));
        // On SQLite the clear values do not linger in freed pages or the log.
        if (!MallFactory.IsPostgres) await AssertNotInSqliteFilesAsync(nik);
    }

    private async Task AssertNotInSqliteFilesAsync(params string[] niks)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(mall.ConnectionString).DataSource;
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            byte[] bytes;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                bytes = copy.ToArray();
            }
            if (path == file) Assert.True(bytes.Length > 0);
            foreach (var nik in niks)
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(nik)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(nik)));
            }
        }
    }

    [Fact]
    public async Task TwoMallsWithDifferentKeys_InOneProcess_EachWritesWithItsOwnKey()
    {
        await using var rotated = new RotatedKeysMall();
        foreach (var (m, keyId) in new (MallFactory, string)[] { (mall, "t1"), (rotated, "t2"), (mall, "t1") })
        {
            var citizen = await m.ClientForAsync(Accounts.Citizen);
            var (id, _) = await DraftKtpAsync(citizen, "3202010404840009");
            await using var scope = m.Scope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var raw = await db.Database.SqlQueryRaw<string>("""SELECT "ApplicantNik" AS "Value" FROM "Applications" WHERE "Id" = {0}""", Guid.Parse(id)).SingleAsync();
            Assert.StartsWith($"pd1:{keyId}:", raw);
            Assert.Equal("3202010404840009", (await citizen.GetJsonAsync($"/api/v1/applications/{id}"))["applicant"]!["nik"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task AfterRotation_ValuesWrittenWithTheOldKey_AreRead_AndRewrittenWithTheNewOne()
    {
        const string nik = "3202011010870010";
        await using var rotated = new RotatedKeysMall();
        var citizen = await rotated.ClientForAsync(Accounts.Citizen);
        var (id, _) = await DraftKtpAsync(citizen, nik);
        var oldKey = new PersonalDataProtector(new Dictionary<string, byte[]> { ["t1"] = Convert.FromBase64String(MallFactory.TestKey) }, "t1",
            Convert.FromBase64String(MallFactory.TestHashKey));
        await using var scope = rotated.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        await db.Database.ExecuteSqlRawAsync("""UPDATE "Applications" SET "ApplicantNik" = {0} WHERE "Id" = {1}""",
            oldKey.Protect(nik, "Application.ApplicantNik"), Guid.Parse(id));
        Assert.Equal(nik, (await citizen.GetJsonAsync($"/api/v1/applications/{id}"))["applicant"]!["nik"]!.GetValue<string>());

        Assert.Equal(1, await PersonalDataUpgrade.RunAsync(db));
        var raw = await db.Database.SqlQueryRaw<string>("""SELECT "ApplicantNik" AS "Value" FROM "Applications" WHERE "Id" = {0}""", Guid.Parse(id)).SingleAsync();
        Assert.StartsWith("pd1:t2:", raw);
        Assert.Equal(nik, (await citizen.GetJsonAsync($"/api/v1/applications/{id}"))["applicant"]!["nik"]!.GetValue<string>());
    }

    [Fact]
    public async Task AccessLog_IsAppendOnly()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var entry = AccessLog.Add(db, mall.Clock.GetUtcNow().UtcDateTime, null, "Petugas", null, null, AccessLog.Application, Guid.CreateVersion7(), AccessLog.NikReveal);
        await db.SaveChangesAsync();
        entry.What = AccessLog.DocumentDownload;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AccessLog.Remove(await db.AccessLog.SingleAsync(e => e.Id == entry.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    /// <summary>A mall whose current key is a newer one (the test key kept for reading).</summary>
    private sealed class RotatedKeysMall : MallFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["PersonalData:Keys:t2"] = "cm90YXRlZC1rZXktMDEyMzQ1Njc4OWFiY2RlZjAxMjM=",
            ["PersonalData:CurrentKey"] = "t2",
        };
    }

    private async Task<List<AccessLogEntry>> LogAsync(string applicationId)
    {
        await using var scope = mall.Scope();
        return await AccessLog.ForRecordAsync(scope.ServiceProvider.GetRequiredService<SatuAtapDb>(), AccessLog.Application, Guid.Parse(applicationId));
    }

    private async Task<int> LogCountAsync(string applicationId) => (await LogAsync(applicationId)).Count;

    private async Task<List<AccessLogEntry>> AboutCitizenAsync()
    {
        await using var scope = mall.Scope();
        return await AccessLog.AboutAsync(scope.ServiceProvider.GetRequiredService<SatuAtapDb>(), await UserIdAsync(Accounts.Citizen));
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = mall.Scope();
        return await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
