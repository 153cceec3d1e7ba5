using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SatuAtap.Core.Common;

/// <summary>
/// The mall's own counters (meter <c>SatuAtap</c>) and spans (activity source <c>SatuAtap</c>): what the use cases did,
/// for an OpenTelemetry collector. The instruments are listed in docs/operations.md.
/// </summary>
public sealed class MallMetrics
{
    public const string Name = "SatuAtap";

    /// <summary>Spans of work done outside a request: a batched write, an outbox round.</summary>
    public static readonly ActivitySource Activities = new(Name);

    private readonly Counter<long> _ticketsIssued;
    private readonly Counter<long> _bookingsMade;
    private readonly Counter<long> _bookingsRefused;
    private readonly Counter<long> _applicationsSubmitted;
    private readonly Counter<long> _applicationsActed;
    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _messagesFailed;

    public MallMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _ticketsIssued = meter.CreateCounter<long>("satuatap.tickets.issued", "{ticket}", "Queue tickets issued (walk-in or booking check-in).");
        _bookingsMade = meter.CreateCounter<long>("satuatap.bookings.made", "{booking}", "Slot bookings placed.");
        _bookingsRefused = meter.CreateCounter<long>("satuatap.bookings.refused", "{booking}", "Slot bookings refused, by reason (full, duplicate, unavailable).");
        _applicationsSubmitted = meter.CreateCounter<long>("satuatap.applications.submitted", "{application}", "Applications submitted or resubmitted.");
        _applicationsActed = meter.CreateCounter<long>("satuatap.applications.acted", "{action}", "Officer actions taken on applications, by action.");
        _messagesSent = meter.CreateCounter<long>("satuatap.messages.sent", "{message}", "Outbox messages sent, by channel.");
        _messagesFailed = meter.CreateCounter<long>("satuatap.messages.failed", "{message}", "Outbox send attempts that failed (the message is retried), by channel.");
    }

    // The kernel names no module: callers pass the service's and agency's codes.
    public void TicketIssued(string serviceCode, string agencyCode, bool booked) =>
        _ticketsIssued.Add(1, new("service", serviceCode), new("agency", agencyCode), new("booked", booked));

    public void BookingMade() => _bookingsMade.Add(1);

    /// <summary><paramref name="reason"/>: <c>full</c>, <c>duplicate</c> or <c>unavailable</c> (past, closed, not yet open).</summary>
    public void BookingRefused(string reason) => _bookingsRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ApplicationSubmitted(string serviceCode, string agencyCode) =>
        _applicationsSubmitted.Add(1, new("service", serviceCode), new("agency", agencyCode));

    public void ApplicationActed(string serviceCode, string agencyCode, string action) =>
        _applicationsActed.Add(1, new("action", action), new("service", serviceCode), new("agency", agencyCode));

    public void MessageSent(string channel) => _messagesSent.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void MessageFailed(string channel) => _messagesFailed.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
