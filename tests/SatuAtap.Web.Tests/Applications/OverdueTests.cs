using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Data;
using SatuAtap.Core.Notifications;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>
/// The overdue behaviour of workflow steps, run through the use case with the clock moved past the step due
/// date. Each test works on its own service and only moves the clock forward, so the order of the tests does
/// not matter.
/// </summary>
public sealed class OverdueTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private async Task<OverdueRound> RunAsync()
    {
        await using var scope = mall.Scope();
        return await scope.ServiceProvider.GetRequiredService<HandleOverdueApplications>().HandleAsync();
    }

    private async Task<Application> LoadAsync(string id)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        return await db.Applications.AsNoTracking().Include(a => a.Events).SingleAsync(a => a.Id == Guid.Parse(id));
    }

    private async Task<List<OutboxMessage>> MessagesAsync(string eventCode, string trackingNumber)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.EventCode == eventCode && m.Subject.Contains(trackingNumber)).ToListAsync();
    }

    /// <summary>Past any step due date of these services, whatever holidays lie in between.</summary>
    private void PastDue() => mall.Clock.Advance(TimeSpan.FromDays(12));

    private async Task SetWorkflowAsync(string serviceCode, string overdue, int sla)
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var put = await manager.PutJsonAsync($"/api/v1/services/{serviceCode}/workflow", new JsonObject
        {
            ["steps"] = new JsonArray(new JsonObject
            {
                ["name"] = "Verifikasi", ["role"] = "officer", ["slaWorkingDays"] = sla, ["overdue"] = overdue,
                ["allowedActions"] = new JsonArray("claim", "approve", "return", "reject", "issue"),
            }),
        });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    private static async Task<(string Id, string TrackingNumber)> SubmitAsync(HttpClient citizen, string serviceCode, JsonObject fields, params string[] documents)
    {
        var create = await citizen.PostJsonAsync("/api/v1/applications", new JsonObject { ["serviceId"] = serviceCode, ["fields"] = fields });
        Assert.True(create.IsSuccessStatusCode, await create.Content.ReadAsStringAsync());
        var body = await create.ReadJsonAsync();
        var id = body["id"]!.GetValue<string>();
        foreach (var prefix in documents)
        {
            var upload = await UploadAsync(citizen, id, await RequirementIdAsync(citizen, serviceCode, prefix), Pdf, "dokumen.pdf");
            Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        }
        var submit = await citizen.PostAsync($"/api/v1/applications/{id}/submit", null);
        Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        return (id, body["trackingNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Notify_SendsOneMessageToTheActingAgency_EvenWhenRunTwice()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, number) = await SubmittedKtpAsync(citizen); // default workflow: one step, notify
        PastDue();
        await RunAsync();
        await RunAsync();

        var messages = await MessagesAsync(HandleOverdueApplications.OverdueEvent, number);
        var message = Assert.Single(messages);
        Assert.Equal(Accounts.DukcapilHead, message.Recipient);
        Assert.Contains(number, message.Body);
        var app = await LoadAsync(id);
        Assert.Equal(ApplicationStatus.Submitted, app.Status);
        Assert.Equal(0, app.OverdueHandledStep);
        Assert.Null(app.EscalatedAtUtc);
        Assert.Single(app.Events, e => e.Action == ApplicationAction.Overdue);
        Assert.Empty(await MessagesAsync(HandleOverdueApplications.EscalatedEvent, number));
    }

    [Fact]
    public async Task Escalate_MarksTheApplication_AndTellsTheAgencyHead()
    {
        await SetWorkflowAsync("DKP-KTP-GANTI", "escalate", 1);
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, number) = await SubmitAsync(citizen, "DKP-KTP-GANTI", new JsonObject { ["NIK"] = KtpNik }, "Kartu Keluarga");
        await ActOkAsync(officer, id, "claim"); // claimed but left lying: the head hears of it all the same
        PastDue();
        var round = await RunAsync();
        Assert.True(round.Escalated >= 1);
        await RunAsync();

        var app = await LoadAsync(id);
        Assert.NotNull(app.EscalatedAtUtc);
        Assert.Equal(0, app.OverdueHandledStep);
        Assert.Equal(ApplicationStatus.InVerification, app.Status);
        var message = Assert.Single(await MessagesAsync(HandleOverdueApplications.EscalatedEvent, number));
        Assert.Equal(Accounts.DukcapilHead, message.Recipient);
        Assert.Empty(await MessagesAsync(HandleOverdueApplications.OverdueEvent, number));

        // The officers see it: marked in the inbox (API and page) and on the application. (Signed in again: the clock
        // moved past the first token's lifetime.)
        officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var inbox = await officer.GetJsonAsync("/api/v1/inbox?overdue=true&pageSize=100");
        var item = inbox["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == id)!;
        Assert.True(item["escalated"]!.GetValue<bool>());
        Assert.True((await officer.GetJsonAsync($"/api/v1/applications/{id}"))["escalated"]!.GetValue<bool>());
        var page = await (await (await mall.PageClientForAsync(Accounts.DukcapilOfficer)).GetAsync("/kelola/permohonan?terlambat=ya")).ParseAsync();
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(number));
        Assert.Contains("DIESKALASI", row.TextContent);
    }

    [Fact]
    public async Task DeemedApproval_ApprovesInTheNameOfTheSystem()
    {
        await SetWorkflowAsync("PTSP-NIB", "deemedApproval", 1);
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, number) = await SubmitAsync(citizen, "PTSP-NIB", new JsonObject
        {
            ["NIK"] = "3202011505900001",
            ["NPWP"] = "12.345.678.9-012.000",
            ["Alamat lokasi usaha"] = "Jl. Raya Cibadak 10",
            ["Kegiatan usaha (KBLI) dan modal usaha"] = "56103, Rp 20.000.000",
            ["Alamat surel"] = "warga@demo.satuatap.id",
            ["Nomor ponsel aktif"] = "081234567890",
        }, "KTP-el");
        PastDue();
        await RunAsync();
        await RunAsync();

        var app = await LoadAsync(id);
        Assert.Equal(ApplicationStatus.Approved, app.Status);
        Assert.NotNull(app.DecidedAtUtc);
        var approval = Assert.Single(app.Events, e => e.ToStatus == ApplicationStatus.Approved);
        Assert.Null(approval.ActorUserId);
        Assert.Equal("Sistem", approval.ActorName);
        Assert.Equal(HandleOverdueApplications.DeemedApprovalNote, approval.Note);
        Assert.Single(await MessagesAsync("application.approved", number)); // the applicant hears of it once
    }

    [Fact]
    public async Task NotOverdue_NothingHappens()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (id, number) = await SubmittedKtpAsync(citizen);
        await RunAsync();

        var app = await LoadAsync(id);
        Assert.Null(app.OverdueHandledStep);
        Assert.Null(app.EscalatedAtUtc);
        Assert.DoesNotContain(app.Events, e => e.Action == ApplicationAction.Overdue);
        Assert.Empty(await MessagesAsync(HandleOverdueApplications.OverdueEvent, number));
    }
}
