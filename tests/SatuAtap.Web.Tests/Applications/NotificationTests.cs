using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Notifications;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>The mall pointed at an SMTP port where nothing listens yet, and at a local HTTP receiver for SMS.</summary>
public sealed class NotificationMall : MallFactory
{
    public int SmtpPort { get; } = LocalSmtpServer.FreePort();
    public SmsReceiver Sms { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:DispatcherEnabled"] = "false", // the test drives the rounds
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:TimeoutSeconds"] = "3",
        ["Notifications:RetryBaseSeconds"] = "10",
        ["Notifications:Http:Url"] = Sms.Url,
        ["Notifications:Http:Channel"] = "sms",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Sms.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>A provider stand-in: Kestrel on a loopback port that keeps each JSON POST.</summary>
public sealed class SmsReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    public ConcurrentQueue<JsonNode> Received { get; } = new();
    public string Url { get; }

    public SmsReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/sms", async (HttpRequest request) =>
        {
            Received.Enqueue(JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!);
            return Results.Ok();
        });
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = address.TrimEnd('/') + "/sms";
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

public sealed class NotificationTests(NotificationMall mall) : IClassFixture<NotificationMall>
{
    [Fact]
    public async Task Outbox_SmtpDownThenUp_RetriesAndSendsOnce()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (_, number) = await SubmittedKtpAsync(citizen);
        var dispatcher = mall.Services.GetRequiredService<OutboxDispatcher>();

        // SMTP is down: the round fails, the message stays, with the error and a later attempt.
        await dispatcher.DispatchDueAsync();
        var pending = await MessageAsync(number);
        Assert.Null(pending.SentAtUtc);
        Assert.Equal(1, pending.Attempts);
        Assert.False(string.IsNullOrEmpty(pending.LastError));
        Assert.True(pending.NextAttemptAtUtc > mall.Clock.GetUtcNow().UtcDateTime);

        await using var smtp = new LocalSmtpServer(mall.SmtpPort).Start();
        await dispatcher.DispatchDueAsync(); // not due yet: backing off
        Assert.Null((await MessageAsync(number)).SentAtUtc);
        mall.Clock.Advance(TimeSpan.FromSeconds(11));
        await dispatcher.DispatchDueAsync();
        var mail = await smtp.WaitForAsync(m => m.Subject.Contains(number), TimeSpan.FromSeconds(10));
        Assert.Contains(Accounts.Citizen, string.Join(",", mail.To));
        Assert.Contains("Diajukan", mail.Subject);
        var sent = await MessageAsync(number);
        Assert.NotNull(sent.SentAtUtc);
        Assert.Equal(2, sent.Attempts);

        mall.Clock.Advance(TimeSpan.FromMinutes(5));
        await dispatcher.DispatchDueAsync();
        await Task.Delay(200);
        Assert.Single(smtp.Received, m => m.Subject.Contains(number));
    }

    [Fact]
    public async Task Outbox_TwoRoundsAtOnce_SendEachMessageOnce()
    {
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++) numbers.Add((await CapturedAsync(officer)).Number);
        await using var smtp = new LocalSmtpServer(mall.SmtpPort).Start();
        var dispatcher = mall.Services.GetRequiredService<OutboxDispatcher>();
        mall.Clock.Advance(TimeSpan.FromHours(2)); // anything backing off from another test is due too
        await Task.WhenAll(dispatcher.DispatchDueAsync(), dispatcher.DispatchDueAsync(), dispatcher.DispatchDueAsync());
        foreach (var number in numbers)
        {
            var mail = await smtp.WaitForAsync(m => m.Subject.Contains(number), TimeSpan.FromSeconds(10));
            Assert.Contains("siti@warga.test", string.Join(",", mail.To));
            Assert.StartsWith("Application", mail.Subject); // the applicant chose English
            Assert.Single(smtp.Received, m => m.Subject.Contains(number));
            // The applicant's phone gets the SMS through the HTTP provider, once.
            Assert.Single(mall.Sms.Received, m => m["channel"]!.GetValue<string>() == "sms" && m["to"]!.GetValue<string>() == "081234567891"
                && m["text"]!.GetValue<string>().Contains(number));
        }
    }

    private async Task<(string Id, string Number)> CapturedAsync(HttpClient officer)
    {
        var response = await officer.PostJsonAsync("/api/v1/applications", new JsonObject
        {
            ["serviceId"] = "DKP-KTP",
            ["fields"] = new JsonObject { ["NIK"] = "3202014107850002", ["Tanggal lahir"] = "1985-07-01" },
            ["applicant"] = new JsonObject { ["name"] = "Siti Aminah", ["phone"] = "081234567891", ["email"] = "siti@warga.test", ["language"] = "en" },
        });
        var created = await response.ReadJsonAsync();
        var id = created["id"]!.GetValue<string>();
        var kk = await RequirementIdAsync(officer, "DKP-KTP", "Kartu Keluarga");
        await UploadAsync(officer, id, kk, Pdf, "kk.pdf");
        Assert.True((await officer.PostAsync($"/api/v1/applications/{id}/submit", null)).IsSuccessStatusCode);
        return (id, created["trackingNumber"]!.GetValue<string>());
    }

    private async Task<OutboxMessage> MessageAsync(string number)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Channel == Channels.Email && m.Subject.Contains(number) && m.EventCode == "application.submitted");
    }
}
