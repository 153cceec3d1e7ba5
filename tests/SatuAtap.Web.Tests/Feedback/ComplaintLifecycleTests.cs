using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Feedback;
using SatuAtap.Core.Notifications;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>
/// A complaint from filing to closing with the clock fixed: the desk verifies and forwards it, the agency answers, the
/// reporter replies and reopens; each deadline in working days, the escalation when one passes, and the close after
/// the reporter's silence. The clock moves: a mall of its own.
/// </summary>
public sealed class ComplaintLifecycleTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private async Task<OverdueComplaintsRun> RunJobAsync()
    {
        await using var scope = mall.Scope();
        return await scope.ServiceProvider.GetRequiredService<HandleOverdueComplaints>().HandleAsync();
    }

    private static async Task<JsonNode> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    /// <summary>The escalation emails about a complaint in the outbox, oldest first.</summary>
    private async Task<List<OutboxMessage>> EscalationMailsAsync(string number)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var all = await db.OutboxMessages.AsNoTracking().Where(m => m.EventCode == NotificationDefaults.ComplaintEscalated).ToListAsync();
        return all.Where(m => m.Subject.Contains(number, StringComparison.Ordinal)).OrderBy(m => m.CreatedAtUtc).ToList();
    }

    private HttpClient _manager = null!, _dukcapil = null!, _dpmptsp = null!;

    /// <summary>Moves the clock and signs the staff in again (a bearer token lasts an hour).</summary>
    private async Task AdvanceDaysAsync(int days)
    {
        mall.Clock.Advance(TimeSpan.FromDays(days));
        await SignInAsync();
    }

    private async Task SignInAsync()
    {
        _manager = await mall.ClientForAsync(Accounts.Manager);
        _dukcapil = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        _dpmptsp = await mall.ClientForAsync(Accounts.DpmptspOfficer);
    }

    [Fact]
    public async Task Filed_verified_forwarded_answered_replied_reopened_and_closed_on_time()
    {
        // Monday 30 November 2026, 09:00 WIB.
        var anonymous = mall.CreateClient();
        await (await anonymous.PostJsonAsync("/api/v1/complaints", new JsonObject { ["serviceId"] = "DKP-KTP" })).AssertProblemAsync(400);
        var filed = await anonymous.PostJsonAsync("/api/v1/complaints", new JsonObject
        {
            ["text"] = "Saya Budi (NIK 3202011505900001), antrian KTP habis jam 8.", ["serviceId"] = "DKP-KTP", ["name"] = "Budi", ["phone"] = "081234567890",
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var created = await filed.ReadJsonAsync();
        var number = created["number"]!.GetValue<string>();
        var check = created["checkCode"]!.GetValue<string>();
        Assert.Matches("^ADU-26-[2-9A-Z]{5}$", number);
        Assert.Equal("submitted", created["status"]!.GetValue<string>());
        Assert.Equal("2026-12-03", created["forwardDue"]!.GetValue<string>()); // three working days
        Assert.Equal("https://www.lapor.go.id", created["laporUrl"]!.GetValue<string>());

        // The public sees the status, never the reporter's words; the reporter sees them with the check code.
        var shown = await anonymous.GetJsonAsync($"/api/v1/complaints/{number}");
        Assert.Null(shown["text"]);
        Assert.Null(shown["checkCode"]);
        Assert.DoesNotContain("3202011505900001", shown.ToJsonString());
        Assert.Contains("3202011505900001", (await anonymous.GetJsonAsync($"/api/v1/complaints/{number}?check={check}"))["text"]!.GetValue<string>());
        await (await anonymous.GetAsync("/api/v1/complaints/ADU-26-ZZZZZ")).AssertProblemAsync(404);

        await SignInAsync();
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        await (await citizen.PostJsonAsync($"/api/v1/complaints/{number}/verify", new JsonObject { ["publicText"] = "x" })).AssertProblemAsync(403);
        await (await _dukcapil.PostJsonAsync($"/api/v1/complaints/{number}/verify", new JsonObject { ["publicText"] = "x" })).AssertProblemAsync(403);
        // Staff of another agency do not see the reporter's contact.
        Assert.Null((await _dpmptsp.GetJsonAsync($"/api/v1/complaints/{number}"))["reporterName"]);

        // Thursday 3 December is the last day to forward; on Friday it is overdue and the job escalates it, once.
        await AdvanceDaysAsync(3);
        await RunJobAsync();
        Assert.False((await _manager.GetJsonAsync($"/api/v1/complaints/{number}"))["escalated"]!.GetValue<bool>());
        Assert.Empty(await EscalationMailsAsync(number));
        await AdvanceDaysAsync(1);
        await RunJobAsync();
        await RunJobAsync();
        // The head of the agency the complaint is about gets one email, on the day of the escalation.
        var mail = Assert.Single(await EscalationMailsAsync(number));
        Assert.Equal(Accounts.DukcapilHead, mail.Recipient);
        Assert.Equal(Channels.Email, mail.Channel);
        Assert.Equal(mall.Clock.GetUtcNow().UtcDateTime, mail.CreatedAtUtc);
        Assert.Contains("diteruskan", mail.Body, StringComparison.Ordinal);
        Assert.Contains("3 Desember 2026", mail.Body, StringComparison.Ordinal);
        Assert.Contains(MallFactory.PublicBaseUrl + "/kelola/pengaduan", mail.Body, StringComparison.Ordinal);
        var escalated = await _manager.GetJsonAsync($"/api/v1/complaints/{number}");
        Assert.True(escalated["escalated"]!.GetValue<bool>());
        Assert.True(escalated["steps"]!.AsArray().Count(s => s!["action"]!.GetValue<string>() == "escalate") == 1, escalated.ToJsonString());
        Assert.DoesNotContain((await anonymous.GetJsonAsync($"/api/v1/complaints/{number}"))["steps"]!.AsArray(), s => s!["action"]!.GetValue<string>() == "escalate");
        var inbox = await _manager.GetJsonAsync("/api/v1/complaints");
        var first = inbox.AsArray().First(c => c!["number"]!.GetValue<string>() == number)!;
        Assert.True(first["overdue"]!.GetValue<bool>());
        Assert.True(first["escalated"]!.GetValue<bool>());
        Assert.Equal("Budi", first["reporterName"]!.GetValue<string>());

        await (await _manager.PostJsonAsync($"/api/v1/complaints/{number}/verify", new JsonObject())).AssertProblemAsync(400);
        await (await _manager.PostJsonAsync($"/api/v1/complaints/{number}/answer", new JsonObject { ["text"] = "x" })).AssertProblemAsync(409);
        var verified = await OkAsync(_manager.PostJsonAsync($"/api/v1/complaints/{number}/verify",
            new JsonObject { ["publicText"] = "Antrian KTP habis sebelum jam 8." }));
        Assert.Equal("verified", verified["status"]!.GetValue<string>());
        Assert.Equal("Antrian KTP habis sebelum jam 8.", (await anonymous.GetJsonAsync($"/api/v1/complaints/{number}"))["publicText"]!.GetValue<string>());

        // Forwarded on Friday 4 December: the agency answers by Friday 11 December (five working days).
        var forwarded = await OkAsync(_manager.PostJsonAsync($"/api/v1/complaints/{number}/forward", new JsonObject()));
        Assert.Equal("forwarded", forwarded["status"]!.GetValue<string>());
        Assert.Equal("2026-12-11", forwarded["answerDue"]!.GetValue<string>());
        Assert.False(forwarded["escalated"]!.GetValue<bool>());
        Assert.Contains((await _dukcapil.GetJsonAsync("/api/v1/complaints")).AsArray(), c => c!["number"]!.GetValue<string>() == number);
        Assert.DoesNotContain((await _dpmptsp.GetJsonAsync("/api/v1/complaints")).AsArray(), c => c!["number"]!.GetValue<string>() == number);
        await (await _dpmptsp.PostJsonAsync($"/api/v1/complaints/{number}/answer", new JsonObject { ["text"] = "Bukan kami." })).AssertProblemAsync(403);

        // Not answered by Friday 11 December: escalated on Monday 14th.
        await AdvanceDaysAsync(10);
        await RunJobAsync();
        Assert.True((await _manager.GetJsonAsync($"/api/v1/complaints/{number}"))["escalated"]!.GetValue<bool>());
        var mails = await EscalationMailsAsync(number);
        Assert.Equal(2, mails.Count);
        Assert.Contains("dijawab", mails[1].Body, StringComparison.Ordinal);
        Assert.Contains("11 Desember 2026", mails[1].Body, StringComparison.Ordinal);
        await (await _dukcapil.PostJsonAsync($"/api/v1/complaints/{number}/answer", new JsonObject())).AssertProblemAsync(400);
        var answered = await OkAsync(_dukcapil.PostJsonAsync($"/api/v1/complaints/{number}/answer",
            new JsonObject { ["text"] = "Kuota antrian KTP ditambah mulai Senin." }));
        Assert.Equal("answered", answered["status"]!.GetValue<string>());
        Assert.Equal("2026-12-30", answered["closeOn"]!.GetValue<string>()); // ten working days, skipping 24 and 25 December
        Assert.False(answered["escalated"]!.GetValue<bool>());
        var publicView = await anonymous.GetJsonAsync($"/api/v1/complaints/{number}");
        var answer = publicView["steps"]!.AsArray().Last(s => s!["action"]!.GetValue<string>() == "answer")!;
        Assert.Equal("Kuota antrian KTP ditambah mulai Senin.", answer["text"]!.GetValue<string>());
        Assert.Equal("Dinas Kependudukan dan Pencatatan Sipil", answer["by"]!.GetValue<string>());

        // The reporter replies (with the check code only), which restarts the ten days, then reopens.
        await (await anonymous.PostJsonAsync($"/api/v1/complaints/{number}/reply", new JsonObject { ["text"] = "Belum berubah.", ["check"] = "AAAAAA" })).AssertProblemAsync(403);
        await AdvanceDaysAsync(1);
        var replied = await OkAsync(anonymous.PostJsonAsync($"/api/v1/complaints/{number}/reply", new JsonObject { ["text"] = "Hari ini masih sama.", ["check"] = check }));
        Assert.Equal("2026-12-31", replied["closeOn"]!.GetValue<string>());
        var reopened = await OkAsync(anonymous.PostJsonAsync($"/api/v1/complaints/{number}/reopen",
            new JsonObject { ["text"] = "Jawaban tidak menyelesaikan masalah.", ["check"] = check }));
        Assert.Equal("forwarded", reopened["status"]!.GetValue<string>());
        Assert.Equal("2026-12-22", reopened["answerDue"]!.GetValue<string>()); // reopened Tuesday 15th + five working days

        // Answered again on Tuesday 15th (closes on Thursday 31st); a silent reporter: still open that day, closed after it.
        var again = await OkAsync(_dukcapil.PostJsonAsync($"/api/v1/complaints/{number}/answer", new JsonObject { ["text"] = "Loket tambahan dibuka." }));
        Assert.Equal("2026-12-31", again["closeOn"]!.GetValue<string>());
        await AdvanceDaysAsync(16);
        await RunJobAsync();
        Assert.Equal("answered", (await anonymous.GetJsonAsync($"/api/v1/complaints/{number}"))["status"]!.GetValue<string>());
        await AdvanceDaysAsync(1);
        await RunJobAsync();
        var closed = await anonymous.GetJsonAsync($"/api/v1/complaints/{number}");
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Equal("auto-close", closed["steps"]!.AsArray().Last()!["action"]!.GetValue<string>());
    }
}
