using System.Net.Http.Headers;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

public sealed class ApplicationJourneyTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task Journey_ApplyUploadSubmitReturnCorrectApproveIssueVerify()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, number) = await DraftKtpAsync(citizen);
        Assert.Matches("^DKP-26-[2-9A-HJKMNP-Z]{5}$", number);

        // Submitting without the required family card is refused, naming the document.
        var early = await citizen.PostAsync($"/api/v1/applications/{id}/submit", null);
        var problem = await early.AssertProblemAsync(422);
        Assert.NotNull(problem["errors"]!["documents.Kartu Keluarga (asli atau fotokopi)"]);

        var kk = await RequirementIdAsync(citizen, "DKP-KTP", "Kartu Keluarga");
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(citizen, id, kk, Pdf, "kk.pdf")).StatusCode);
        var submit = await citizen.PostAsync($"/api/v1/applications/{id}/submit", null);
        var submitted = await submit.ReadJsonAsync();
        Assert.Equal("submitted", submitted["status"]!.GetValue<string>());
        Assert.Equal("2026-12-01", submitted["dueDate"]!.GetValue<string>()); // Monday 30 Nov + 1 working day

        var receipt = await citizen.GetAsync($"/api/v1/applications/{id}/receipt.pdf");
        Assert.True(receipt.IsSuccessStatusCode, await receipt.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType?.MediaType);
        var receiptText = SatuAtap.Tests.Documents.PdfReading.Text(await receipt.Content.ReadAsByteArrayAsync());
        Assert.Contains(number, receiptText, StringComparison.Ordinal);
        Assert.Contains("MAL PELAYANAN PUBLIK KABUPATEN SUKABUMI", receiptText, StringComparison.Ordinal);

        // The officer finds it in the agency's inbox, claims it and returns it for correction.
        var inbox = await officer.GetJsonAsync("/api/v1/inbox?pageSize=100");
        Assert.Contains(inbox["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id);
        // Filtered by step, and a page past the end, which still carries the list's total.
        var stepOne = await officer.GetJsonAsync("/api/v1/inbox?step=1&pageSize=100");
        Assert.Contains(stepOne["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id);
        Assert.All(stepOne["items"]!.AsArray(), i => Assert.Equal(1, i!["step"]!.GetValue<int>()));
        var stepNine = await officer.GetJsonAsync("/api/v1/inbox?step=9&pageSize=100");
        Assert.Empty(stepNine["items"]!.AsArray());
        Assert.Equal(0, stepNine["total"]!.GetValue<int>());
        var pastEnd = await officer.GetJsonAsync("/api/v1/inbox?page=1000&pageSize=100");
        Assert.Empty(pastEnd["items"]!.AsArray());
        Assert.True(inbox["total"]!.GetValue<int>() >= 1);
        Assert.Equal(inbox["total"]!.GetValue<int>(), pastEnd["total"]!.GetValue<int>());
        var approveEarly = await ActAsync(officer, id, "approve");
        Assert.Contains("klaim", (await approveEarly.AssertProblemAsync(409))["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        await ActOkAsync(officer, id, "claim");
        var asOfficer = await officer.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal(["approve", "return", "reject"], asOfficer["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        await (await ActAsync(officer, id, "return")).AssertProblemAsync(400);
        await ActOkAsync(officer, id, "return", "Foto Kartu Keluarga buram, mohon unggah ulang.");

        var returned = await citizen.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal("returnedForCorrection", returned["status"]!.GetValue<string>());
        Assert.Equal(["edit", "upload", "submit"], returned["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains(returned["timeline"]!.AsArray(), e => e!["note"]?.GetValue<string>() == "Foto Kartu Keluarga buram, mohon unggah ulang.");
        // On the citizen's page the officer's note stands above the correction form, and the timeline does not repeat itself.
        var returnedPage = await (await mall.PageClientForAsync(Accounts.Citizen)).GetPageAsync($"/permohonan/{id}");
        Assert.Contains("Foto Kartu Keluarga buram", returnedPage.QuerySelector("#catatan-petugas")!.TextContent);
        var main = returnedPage.QuerySelector("main")!.InnerHtml;
        Assert.True(main.IndexOf("catatan-petugas", StringComparison.Ordinal) < main.IndexOf("<form", StringComparison.Ordinal));
        foreach (var entry in returnedPage.QuerySelectorAll("[aria-label='Riwayat status'] li"))
        {
            var action = entry.QuerySelector("strong")!.TextContent.Trim();
            Assert.DoesNotContain(action + " — " + action, entry.TextContent, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("Diajukan", returnedPage.QuerySelector("[aria-label='Riwayat status']")!.TextContent);

        // The citizen corrects and resubmits; the officer claims, approves and issues.
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(citizen, id, kk, Png, "kk.png")).StatusCode);
        var resubmit = await (await citizen.PostAsync($"/api/v1/applications/{id}/submit", null)).ReadJsonAsync();
        Assert.Equal("resubmitted", resubmit["status"]!.GetValue<string>());
        await ActOkAsync(officer, id, "claim");
        await ActOkAsync(officer, id, "approve", "Data sesuai.");
        await ActOkAsync(officer, id, "issue");

        var issued = await citizen.GetJsonAsync($"/api/v1/applications/{id}");
        // A KTP-el is a card: issuing it makes it ready to collect.
        Assert.Equal("readyForPickup", issued["status"]!.GetValue<string>());
        var code = issued["result"]!["verificationCode"]!.GetValue<string>();
        Assert.EndsWith("/verifikasi/" + code, issued["result"]!["verificationUrl"]!.GetValue<string>());
        var actions = issued["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["create", "submit", "claim", "return", "resubmit", "claim", "approve", "issue"], actions);
        var statuses = issued["timeline"]!.AsArray().Select(e => e!["toStatus"]!.GetValue<string>()).ToList();
        Assert.Equal(["draft", "submitted", "inVerification", "returnedForCorrection", "resubmitted", "inVerification", "approved", "readyForPickup"], statuses);

        var result = await citizen.GetAsync($"/api/v1/applications/{id}/result.pdf");
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("application/pdf", result.Content.Headers.ContentType?.MediaType);
        // Read back: the mall from its settings, the numbers, the holder's masked name, and a QR code that opens the verification page.
        var resultPdf = await result.Content.ReadAsByteArrayAsync();
        var resultText = SatuAtap.Tests.Documents.PdfReading.Text(resultPdf);
        Assert.Contains("MAL PELAYANAN PUBLIK KABUPATEN SUKABUMI", resultText, StringComparison.Ordinal);
        Assert.Contains(code, resultText, StringComparison.Ordinal);
        Assert.Contains(number, resultText, StringComparison.Ordinal);
        Assert.Contains("PEMBERITAHUAN PENGAMBILAN", resultText, StringComparison.Ordinal);
        Assert.Equal([$"{MallFactory.PublicBaseUrl}/verifikasi/{code}"], SatuAtap.Tests.Documents.PdfReading.QrCodes(resultPdf));
        Assert.All(SatuAtap.Tests.Documents.PdfReading.Fonts(resultPdf), f => Assert.True(f.EmbeddedBytes > 1000, f.Name + " is not embedded"));

        var verify = await mall.CreateClient().GetJsonAsync($"/api/v1/verification/{code}");
        Assert.True(verify["genuine"]!.GetValue<bool>());
        Assert.False(verify["revoked"]!.GetValue<bool>());
        Assert.StartsWith("B*** S****** ", verify["holderMasked"]!.GetValue<string>());
        var page = await mall.CreateClient().GetStringAsync($"/verifikasi/{code}");
        Assert.Contains("Asli", page);
        Assert.DoesNotContain("Budi Santoso", page);

        // Public tracking: number plus the full NIK (or the check code), no personal data.
        var track = await mall.CreateClient().GetJsonAsync($"/api/v1/tracking/{number}?check={KtpNik}");
        Assert.Equal("readyForPickup", track["status"]!.GetValue<string>());
        Assert.DoesNotContain(KtpNik, track.ToJsonString());
        Assert.DoesNotContain("Budi", track.ToJsonString());
        Assert.DoesNotContain("buram", track.ToJsonString());

        // Each status change left an email to the applicant in the outbox.
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var subjects = await db.OutboxMessages.Where(m => m.Recipient == Accounts.Citizen && m.Subject.Contains(number)).Select(m => m.EventCode).ToListAsync();
        string[] expected = ["application.submitted", "application.inVerification", "application.returnedForCorrection", "application.resubmitted",
            "application.inVerification", "application.approved", "application.readyForPickup"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), subjects.Order(StringComparer.Ordinal));
        // The confirmation message carries the check code.
        var checkCode = (await citizen.GetJsonAsync($"/api/v1/applications/{id}"))["checkCode"]!.GetValue<string>();
        var confirmation = await db.OutboxMessages.FirstAsync(m => m.Recipient == Accounts.Citizen && m.Subject.Contains(number) && m.EventCode == "application.submitted");
        Assert.Contains("Kode pemeriksa: " + checkCode, confirmation.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracking_WrongCheckOrNumber_IsTheSame404()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, number) = await SubmittedKtpAsync(citizen);
        var anonymous = mall.CreateClient();
        var code = (await citizen.GetJsonAsync($"/api/v1/applications/{id}"))["checkCode"]!.GetValue<string>();
        Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$", code);

        var wrongCheck = await (await anonymous.GetAsync($"/api/v1/tracking/{number}?check=9999")).AssertProblemAsync(404);
        var wrongNumber = await (await anonymous.GetAsync($"/api/v1/tracking/DKP-26-ZZZZZ?check={code}")).AssertProblemAsync(404);
        var noCheck = await (await anonymous.GetAsync($"/api/v1/tracking/{number}")).AssertProblemAsync(404);
        // The last four digits of the NIK no longer open it.
        var lastFour = await (await anonymous.GetAsync($"/api/v1/tracking/{number}?check={KtpNik[^4..]}")).AssertProblemAsync(404);
        Assert.Equal(wrongCheck["detail"]!.GetValue<string>(), wrongNumber["detail"]!.GetValue<string>());
        Assert.Equal(wrongCheck["detail"]!.GetValue<string>(), noCheck["detail"]!.GetValue<string>());
        Assert.Equal(wrongCheck["detail"]!.GetValue<string>(), lastFour["detail"]!.GetValue<string>());
        var byCode = await anonymous.GetAsync($"/api/v1/tracking/{number.ToLowerInvariant()}?check={code.ToLowerInvariant()}");
        Assert.True(byCode.IsSuccessStatusCode);
        Assert.Equal("no-referrer", string.Join(",", byCode.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("no-referrer", string.Join(",", (await anonymous.GetAsync($"/api/v1/tracking/{number}?check=9999")).Headers.GetValues("Referrer-Policy")));
        Assert.True((await anonymous.GetAsync($"/api/v1/tracking/{number}?check={KtpNik}")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Record_SomeoneElsesApplication_Answers404()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await SubmittedKtpAsync(citizen);
        var other = await NewCitizenAsync("lain@warga.test");
        var dpmptsp = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        foreach (var client in new[] { other, dpmptsp })
        {
            await (await client.GetAsync($"/api/v1/applications/{id}")).AssertProblemAsync(404);
            await (await client.GetAsync($"/api/v1/applications/{id}/receipt.pdf")).AssertProblemAsync(404);
            await (await ActAsync(client, id, "claim")).AssertProblemAsync(404);
            await (await client.PostAsync($"/api/v1/applications/{id}/submit", null)).AssertProblemAsync(404);
        }
        var otherInbox = await dpmptsp.GetJsonAsync("/api/v1/inbox?pageSize=100");
        Assert.DoesNotContain(otherInbox["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id);
        var mine = await other.GetJsonAsync("/api/v1/applications?mine=true");
        Assert.Equal(0, mine["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync($"/api/v1/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync("/api/v1/inbox")).StatusCode);
    }

    [Fact]
    public async Task Upload_ContentNotMatchingItsName_Is422_AndOtherTypes_Are422()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await DraftKtpAsync(citizen);
        var kk = await RequirementIdAsync(citizen, "DKP-KTP", "Kartu Keluarga");
        await (await UploadAsync(citizen, id, kk, Png, "kk.pdf")).AssertProblemAsync(422);
        await (await UploadAsync(citizen, id, kk, "MZ\x90\0"u8.ToArray(), "kk.exe")).AssertProblemAsync(422);
        await (await UploadAsync(citizen, id, kk, "hello"u8.ToArray(), "kk.txt")).AssertProblemAsync(422);
        var badReq = await (await UploadAsync(citizen, id, Guid.NewGuid().ToString(), Pdf, "kk.pdf")).AssertProblemAsync(400);
        Assert.NotNull(badReq["errors"]!["requirementId"]);
    }

    [Fact]
    public async Task Upload_WithAMultipartBodyCutShort_Is400()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await DraftKtpAsync(citizen);
        foreach (var body in new[] { "x", "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1" })
        {
            var content = new StringContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=zz");
            var problem = await (await citizen.PostAsync($"/api/v1/applications/{id}/documents", content)).AssertProblemAsync(400);
            Assert.Contains("multipart", problem["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Upload_OverTheSizeLimit_Is413()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await DraftKtpAsync(citizen);
        var kk = await RequirementIdAsync(citizen, "DKP-KTP", "Kartu Keluarga");
        var big = new byte[5 * 1024 * 1024 + 1];
        Pdf.CopyTo(big, 0);
        await (await UploadAsync(citizen, id, kk, big, "kk.pdf")).AssertProblemAsync(413);
        var huge = new byte[7 * 1024 * 1024];
        Pdf.CopyTo(huge, 0);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await UploadAsync(citizen, id, kk, huge, "kk.pdf")).StatusCode);
    }

    [Fact]
    public async Task Create_FieldFailingItsRule_Is400NamingTheField()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var response = await citizen.PostJsonAsync("/api/v1/applications", new JsonObject
        {
            ["serviceId"] = "DKP-KTP", ["fields"] = new JsonObject { ["NIK"] = "12345", ["Tanggal lahir"] = "15-05-1990" },
        });
        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("NIK harus 16 angka.", problem["errors"]!["fields.NIK"]![0]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["fields.Tanggal lahir"]);
        var unknown = await (await citizen.PostJsonAsync("/api/v1/applications", new JsonObject { ["serviceId"] = "NOPE" })).AssertProblemAsync(400);
        Assert.NotNull(unknown["errors"]!["serviceId"]);
        var offline = await (await citizen.PostJsonAsync("/api/v1/applications", new JsonObject { ["serviceId"] = "DKP-AKTA-KAWIN" })).AssertProblemAsync(400);
        Assert.NotNull(offline["errors"]!["serviceId"]);
    }

    [Fact]
    public async Task Submit_MissingRequiredField_Is400NamingIt()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var created = await (await citizen.PostJsonAsync("/api/v1/applications", new JsonObject { ["serviceId"] = "DKP-KTP" })).ReadJsonAsync();
        var id = created["id"]!.GetValue<string>();
        var kk = await RequirementIdAsync(citizen, "DKP-KTP", "Kartu Keluarga");
        await UploadAsync(citizen, id, kk, Pdf, "kk.pdf");
        var problem = await (await citizen.PostAsync($"/api/v1/applications/{id}/submit", null)).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]!["fields.NIK"]);
    }

    [Fact]
    public async Task Action_NotAllowedNow_Is409WithTheReason_AndUnknownAction400()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, _) = await SubmittedKtpAsync(citizen);
        var issue = await (await ActAsync(officer, id, "issue")).AssertProblemAsync(409);
        Assert.Contains("disetujui", issue["detail"]!.GetValue<string>());
        var bad = await (await ActAsync(officer, id, "dance")).AssertProblemAsync(400);
        Assert.NotNull(bad["errors"]!["action"]);
        await ActOkAsync(officer, id, "claim");
        await (await ActAsync(officer, id, "claim")).AssertProblemAsync(409);
        await (await citizen.PostAsync($"/api/v1/applications/{id}/submit", null)).AssertProblemAsync(409);
    }

    [Fact]
    public async Task Claim_TwoOfficersAtOnce_OnlyOneWins()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await SubmittedKtpAsync(citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => ActAsync(i % 2 == 0 ? officer : head, id, "claim")));
        Assert.Equal(1, results.Count(r => r.IsSuccessStatusCode));
        Assert.All(results.Where(r => !r.IsSuccessStatusCode), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var detail = await officer.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal(3, detail["timeline"]!.AsArray().Count); // create, submit, one claim
    }

    [Fact]
    public async Task Submit_ManyAtOnce_OneWins_WithOneEventAndOneMessage()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, number) = await DraftKtpAsync(citizen);
        var kk = await RequirementIdAsync(citizen, "DKP-KTP", "Kartu Keluarga");
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(citizen, id, kk, Pdf, "kk.pdf")).StatusCode);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => citizen.PostAsync($"/api/v1/applications/{id}/submit", null)));
        Assert.Equal(1, results.Count(r => r.IsSuccessStatusCode));
        Assert.All(results.Where(r => !r.IsSuccessStatusCode), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));

        var detail = await citizen.GetJsonAsync($"/api/v1/applications/{id}");
        Assert.Equal("submitted", detail["status"]!.GetValue<string>());
        Assert.Equal(["create", "submit"], detail["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var messages = await db.OutboxMessages.Where(m => m.EventCode == "application.submitted" && m.Body.Contains(number)).ToListAsync();
        Assert.Single(messages);
    }

    [Fact]
    public async Task SaveFields_ManyAtOnce_EachSavedOrToldStale_NeverAServerError()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await DraftKtpAsync(citizen);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => citizen.PutJsonAsync($"/api/v1/applications/{id}",
            new JsonObject { ["fields"] = new JsonObject { ["Tanggal lahir"] = $"1990-05-{10 + i}" } })));
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Contains(results, r => r.IsSuccessStatusCode);
        foreach (var conflict in results.Where(r => r.StatusCode == HttpStatusCode.Conflict)) await conflict.AssertProblemAsync(409);
    }

    /// <summary>
    /// The write behind submitting (one round trip on PostgreSQL): when the application changed after it was read, nothing
    /// of the save lands — not the change, not its timeline event, not its message.
    /// </summary>
    [Fact]
    public async Task SingleTripSave_RowChangedSinceRead_WritesNothing()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await DraftKtpAsync(citizen);
        var appId = Guid.Parse(id);

        await using var first = mall.Scope();
        var db = first.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var app = await db.Applications.SingleAsync(a => a.Id == appId);
        app.Status = SatuAtap.Core.Applications.ApplicationStatus.Submitted;
        var ev = new SatuAtap.Core.Applications.ApplicationEvent { ApplicationId = appId, ActorName = "test", Action = SatuAtap.Core.Applications.ApplicationAction.Submit, ToStatus = app.Status };
        var message = new SatuAtap.Core.Notifications.OutboxMessage { Channel = "email", Recipient = "warga@demo.satuatap.id", EventCode = "test.stale", Subject = "s", Body = "b" };
        db.ApplicationEvents.Add(ev);
        db.OutboxMessages.Add(message);

        await using (var second = mall.Scope())
        {
            var other = second.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var same = await other.Applications.SingleAsync(a => a.Id == appId);
            same.FieldsJson = "{}";
            same.ApplicantName = "Diubah di tempat lain";
            await other.SaveChangesAsync();
        }

        Assert.False(await SingleTripSave.SaveAsync(db, app, CancellationToken.None));

        await using var check = mall.Scope();
        var read = check.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var stored = await read.Applications.AsNoTracking().SingleAsync(a => a.Id == appId);
        Assert.Equal(SatuAtap.Core.Applications.ApplicationStatus.Draft, stored.Status);
        Assert.Equal("Diubah di tempat lain", stored.ApplicantName);
        Assert.False(await read.ApplicationEvents.AnyAsync(e => e.Id == ev.Id));
        Assert.False(await read.OutboxMessages.AnyAsync(m => m.Id == message.Id));
    }

    /// <summary>The same write when nothing came between: the change, the event and the message land, typed as EF Core would write them.</summary>
    [Fact]
    public async Task SingleTripSave_Unchanged_WritesTheRowItsEventAndMessage()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, _) = await DraftKtpAsync(citizen);
        var appId = Guid.Parse(id);
        var at = new DateTime(2026, 11, 30, 3, 4, 5, DateTimeKind.Utc);

        await using var first = mall.Scope();
        var db = first.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var app = await db.Applications.SingleAsync(a => a.Id == appId);
        var before = app.Version;
        app.Status = SatuAtap.Core.Applications.ApplicationStatus.InVerification;
        app.DueDate = new DateOnly(2026, 12, 7);
        app.SubmittedAtUtc = at;
        app.AssignedToName = null;
        var ev = new SatuAtap.Core.Applications.ApplicationEvent { ApplicationId = appId, AtUtc = at, ActorName = "test", Action = SatuAtap.Core.Applications.ApplicationAction.Claim,
            FromStatus = SatuAtap.Core.Applications.ApplicationStatus.Draft, ToStatus = app.Status, Note = null, StepIndex = 2 };
        var message = new SatuAtap.Core.Notifications.OutboxMessage { Channel = "email", Recipient = "warga@demo.satuatap.id", EventCode = "test.saved", Subject = "s", Body = "b", NextAttemptAtUtc = at };
        db.ApplicationEvents.Add(ev);
        db.OutboxMessages.Add(message);

        Assert.True(await SingleTripSave.SaveAsync(db, app, CancellationToken.None));
        Assert.NotEqual(before, app.Version);
        Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));

        await using var check = mall.Scope();
        var read = check.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var stored = await read.Applications.AsNoTracking().SingleAsync(a => a.Id == appId);
        Assert.Equal((SatuAtap.Core.Applications.ApplicationStatus.InVerification, new DateOnly(2026, 12, 7), at, app.Version),
            (stored.Status, stored.DueDate, stored.SubmittedAtUtc, stored.Version));
        var storedEvent = await read.ApplicationEvents.AsNoTracking().SingleAsync(e => e.Id == ev.Id);
        Assert.Equal((SatuAtap.Core.Applications.ApplicationAction.Claim, (SatuAtap.Core.Applications.ApplicationStatus?)SatuAtap.Core.Applications.ApplicationStatus.Draft, 2, at, (string?)null),
            (storedEvent.Action, storedEvent.FromStatus, storedEvent.StepIndex, storedEvent.AtUtc, storedEvent.Note));
        Assert.Equal("test.saved", (await read.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id)).EventCode);
    }

    /// <summary>
    /// The statements' text is kept per set of changed columns: two saves with the same columns changed write each its
    /// own values, and a save that changes other columns writes those, not the columns of the statement kept before.
    /// </summary>
    [Fact]
    public async Task SingleTripSave_KeptStatements_WriteEachSavesOwnValuesAndColumns()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(Guid.Parse((await DraftKtpAsync(citizen)).Id));
        var at = new DateTime(2026, 11, 30, 3, 4, 5, DateTimeKind.Utc);

        async Task SaveAsync(Guid id, Action<SatuAtap.Core.Applications.Application> change, string eventCode)
        {
            await using var scope = mall.Scope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var app = await db.Applications.SingleAsync(a => a.Id == id);
            change(app);
            db.OutboxMessages.Add(new SatuAtap.Core.Notifications.OutboxMessage { Channel = "email", Recipient = "warga@demo.satuatap.id", EventCode = eventCode, Subject = "s", Body = eventCode, NextAttemptAtUtc = at });
            Assert.True(await SingleTripSave.SaveAsync(db, app, CancellationToken.None));
        }

        await SaveAsync(ids[0], a => { a.DueDate = new DateOnly(2026, 12, 7); a.StepIndex = 1; }, "test.kept.1");
        await SaveAsync(ids[1], a => { a.DueDate = new DateOnly(2026, 12, 9); a.StepIndex = 2; }, "test.kept.2");
        await SaveAsync(ids[2], a => a.AssignedToName = "Petugas lain", "test.kept.3");

        await using var check = mall.Scope();
        var read = check.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var stored = await read.Applications.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
        Assert.Equal((new DateOnly(2026, 12, 7), 1), (stored[ids[0]].DueDate!.Value, stored[ids[0]].StepIndex));
        Assert.Equal((new DateOnly(2026, 12, 9), 2), (stored[ids[1]].DueDate!.Value, stored[ids[1]].StepIndex));
        Assert.Equal(("Petugas lain", (DateOnly?)null, 0), (stored[ids[2]].AssignedToName, stored[ids[2]].DueDate, stored[ids[2]].StepIndex));
        var bodies = await read.OutboxMessages.AsNoTracking().Where(m => m.EventCode.StartsWith("test.kept.")).Select(m => m.Body).ToListAsync();
        Assert.Equal(["test.kept.1", "test.kept.2", "test.kept.3"], bodies.Order());
    }

    [Fact]
    public async Task Create_ManyAtOnce_GetDistinctTrackingNumbers()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            citizen.PostJsonAsync("/api/v1/applications", new JsonObject { ["serviceId"] = "DKP-KTP" })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync())["trackingNumber"]!.GetValue<string>()));
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
    }

    [Fact]
    public async Task CounterOfficer_CapturesForSomeoneWithoutAccount_WhoTracksWithTheCheckCode()
    {
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var response = await officer.PostJsonAsync("/api/v1/applications", new JsonObject
        {
            ["serviceId"] = "DKP-KTP",
            ["fields"] = new JsonObject { ["NIK"] = "3202014107850002", ["Tanggal lahir"] = "1985-07-01" },
            ["applicant"] = new JsonObject { ["name"] = "Siti Aminah", ["phone"] = "0812-3456-7891" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        var id = created["id"]!.GetValue<string>();
        var kk = await RequirementIdAsync(officer, "DKP-KTP", "Kartu Keluarga");
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(officer, id, kk, Pdf, "kk.pdf")).StatusCode);
        Assert.True((await officer.PostAsync($"/api/v1/applications/{id}/submit", null)).IsSuccessStatusCode);
        var code = (await officer.GetJsonAsync($"/api/v1/applications/{id}"))["checkCode"]!.GetValue<string>();
        var track = await mall.CreateClient().GetJsonAsync($"/api/v1/tracking/{created["trackingNumber"]}?check={code}");
        Assert.Equal("submitted", track["status"]!.GetValue<string>());
        var dpmptsp = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var refused = await dpmptsp.PostJsonAsync("/api/v1/applications", new JsonObject
        {
            ["serviceId"] = "DKP-KTP", ["applicant"] = new JsonObject { ["name"] = "X", ["phone"] = "081234567890" },
        });
        await refused.AssertProblemAsync(400);
    }

    private async Task<HttpClient> NewCitizenAsync(string email)
    {
        await using (var scope = mall.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new User { UserName = email, Email = email, EmailConfirmed = true, FullName = "Warga Lain" };
                Assert.True((await users.CreateAsync(user, MallFactory.DemoPassword)).Succeeded);
                await users.AddToRoleAsync(user, Roles.Citizen);
            }
        }
        return await mall.ClientForAsync(email);
    }
}
