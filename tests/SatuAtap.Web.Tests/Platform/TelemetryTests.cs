using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;
using SatuAtap.Core.Notifications;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>
/// The mall with its spans kept in memory and its own meter listened to (only this mall's meter, not another test
/// mall's); email goes to a local port where nothing listens until a test starts a server there.
/// </summary>
public sealed class TelemetryMall : MallFactory
{
    public int SmtpPort { get; } = LocalSmtpServer.FreePort();

    /// <summary>The OTLP endpoint the mall is given: a local port where nothing listens (its exports fail quietly).</summary>
    public int OtlpPort { get; } = LocalSmtpServer.FreePort();
    public List<Activity> Spans { get; } = [];
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private MeterListener? _listener;

    public sealed record Measurement(string Instrument, long Value, IReadOnlyDictionary<string, object?> Tags);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:DispatcherEnabled"] = "false", // the test drives the rounds
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:TimeoutSeconds"] = "3",
        ["Notifications:RetryBaseSeconds"] = "10",
        ["Telemetry:OtlpEndpoint"] = $"http://127.0.0.1:{OtlpPort}",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // With an OTLP endpoint configured the mall traces (without one it registers no tracer at all): every span is
        // made, and also kept here.
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t.SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(Spans)));
    }

    /// <summary>What the mall's meter recorded since the last <see cref="Forget"/> (the listener starts with the first call).</summary>
    public IReadOnlyList<Measurement> Recorded(string instrument)
    {
        if (_listener is null)
        {
            var scope = Services.GetRequiredService<IMeterFactory>();
            _listener = new MeterListener
            {
                InstrumentPublished = (i, l) =>
                {
                    if (i.Meter.Name == "SatuAtap" && i.Meter.Scope == scope) l.EnableMeasurementEvents(i);
                },
            };
            _listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
            {
                var d = new Dictionary<string, object?>();
                foreach (var t in tags) d[t.Key] = t.Value;
                _measurements.Enqueue(new(i.Name, value, d));
            });
            _listener.Start();
        }
        return _measurements.Where(m => m.Instrument == instrument).ToList();
    }

    public void Forget() => _measurements.Clear();

    protected override void Dispose(bool disposing)
    {
        _listener?.Dispose();
        base.Dispose(disposing);
    }
}

public sealed class TelemetryTests(TelemetryMall mall) : IClassFixture<TelemetryMall>
{
    private async Task<ServiceView> ServiceAsync(string code) =>
        (await mall.Services.GetRequiredService<CatalogCache>().GetAsync(CancellationToken.None)).ServicesById.Values.Single(s => s.Code == code);

    private TelemetryMall.Measurement Single(string instrument)
    {
        var all = mall.Recorded(instrument);
        Assert.True(all.Count == 1, $"{instrument}: {all.Count} measurements");
        Assert.Equal(1, all[0].Value);
        return all[0];
    }

    [Fact]
    public async Task IssuingATicket_CountsIt_WithServiceAndAgency()
    {
        mall.Recorded("satuatap.tickets.issued");
        mall.Forget();
        var service = await ServiceAsync("SAM-PKB");
        var response = await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{await mall.BuildingAsync()}/tickets",
            new JsonObject { ["serviceId"] = service.Id.ToString() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var issued = Single("satuatap.tickets.issued");
        Assert.Equal("SAM-PKB", issued.Tags["service"]);
        Assert.Equal(service.Agency.Code, issued.Tags["agency"]);
        Assert.False((bool)issued.Tags["booked"]!);
        // The batched write is a span of the mall's own source.
        Assert.Contains(mall.Spans.ToArray(), s => s.Source.Name == "SatuAtap" && s.OperationName == "TicketBatcher.flush");
    }

    [Fact]
    public async Task Booking_MadeThenRefusedAsFull_CountsEach()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var slot = await mall.SlotAsync(manager, await mall.BuildingAsync(), await mall.ServiceAsync("KMG-NIKAH"), daysAhead: 2, hour: 10, capacity: 1);
        mall.Recorded("satuatap.bookings.made");
        mall.Forget();

        Assert.Equal(HttpStatusCode.Created, (await mall.CreateClient().BookAsync(slot, QueueTestData.Phone(701))).StatusCode);
        Single("satuatap.bookings.made");
        Assert.Empty(mall.Recorded("satuatap.bookings.refused"));

        Assert.Equal(HttpStatusCode.Conflict, (await mall.CreateClient().BookAsync(slot, QueueTestData.Phone(702))).StatusCode);
        Assert.Equal("full", Single("satuatap.bookings.refused").Tags["reason"]);
        Assert.Single(mall.Recorded("satuatap.bookings.made"));
    }

    [Fact]
    public async Task SubmittingAndActingOnAnApplication_CountEach_WithTheAction()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        mall.Recorded("satuatap.applications.submitted");
        mall.Forget();

        var (id, _) = await SubmittedKtpAsync(citizen);
        var submitted = Single("satuatap.applications.submitted");
        Assert.Equal("DKP-KTP", submitted.Tags["service"]);
        Assert.Equal((await ServiceAsync("DKP-KTP")).Agency.Code, submitted.Tags["agency"]);
        Assert.Empty(mall.Recorded("satuatap.applications.acted"));

        await ActOkAsync(officer, id, "claim");
        var acted = Single("satuatap.applications.acted");
        Assert.Equal("claim", acted.Tags["action"]);
        Assert.Equal("DKP-KTP", acted.Tags["service"]);
    }

    [Fact]
    public async Task SendingAMessage_CountsFailuresAndSends_ByChannel()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        await SubmittedKtpAsync(citizen);
        var dispatcher = mall.Services.GetRequiredService<OutboxDispatcher>();
        mall.Clock.Advance(TimeSpan.FromHours(2)); // anything backing off from another test is due too
        mall.Recorded("satuatap.messages.sent");
        mall.Forget();

        // Nothing listens on the SMTP port: the attempt fails and is counted as such.
        await dispatcher.DispatchDueAsync();
        var failed = mall.Recorded("satuatap.messages.failed");
        Assert.NotEmpty(failed);
        Assert.All(failed, m => Assert.Equal("email", m.Tags["channel"]));
        Assert.Empty(mall.Recorded("satuatap.messages.sent"));
        Assert.Contains(mall.Spans.ToArray(), s => s.Source.Name == "SatuAtap" && s.OperationName == "outbox.dispatch");

        await using var smtp = new LocalSmtpServer(mall.SmtpPort).Start();
        mall.Clock.Advance(TimeSpan.FromHours(2));
        await dispatcher.DispatchDueAsync();
        var sent = mall.Recorded("satuatap.messages.sent");
        Assert.Equal(failed.Count, sent.Count);
        Assert.All(sent, m => Assert.Equal(1, m.Value));
        Assert.All(sent, m => Assert.Equal("email", m.Tags["channel"]));
    }

    [Fact]
    public async Task ADatabaseQuery_IsASpan()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var before = mall.Spans.ToArray().Length;
        await db.Agencies.AsNoTracking().CountAsync();
        // Spans of the other test malls may arrive too (the listeners are process-wide); this query's is among them.
        Assert.Contains(mall.Spans.ToArray()[before..], s => s.Source.Name == "OpenTelemetry.Instrumentation.EntityFrameworkCore"
            && s.Kind == ActivityKind.Client && (string?)(s.GetTagItem("db.system") ?? s.GetTagItem("db.system.name")) == (MallFactory.IsPostgres ? "postgresql" : "sqlite"));
    }
}
