namespace SatuAtap.Core.Queue;

// The contracts of the queue's use cases (camelCase JSON on the API).

public sealed record SiteView(Guid Id, string Name, string Kind, string TimeZone);

public sealed record SiteCounterView(Guid Id, string Name, Guid AgencyId, Guid[] ServiceIds);

public sealed record SlotView(Guid Id, Guid ServiceId, DateTimeOffset Start, DateTimeOffset End, int Capacity, int Remaining);

/// <summary>A booking as the public sees it: <see cref="Name"/>, <see cref="Phone"/> and <see cref="Nik"/> are masked.</summary>
public sealed record BookingView(string Code, Guid SlotId, Guid SiteId, Guid ServiceId, DateTimeOffset Start, DateTimeOffset End,
    string Name, string Phone, string? Nik, string Status);

public sealed record CounterRefView(Guid Id, string Name);

/// <summary>
/// A ticket. Anyone with its id sees this (the id is in the printed ticket's QR code), so it carries nothing that
/// leads to the person: no booking code, only whether the ticket came from a booking.
/// </summary>
public sealed record TicketView(Guid Id, string Number, string Status, Guid SiteId, Guid ServiceId, bool Priority, bool Parked,
    int? Position, int? EstimatedWaitMinutes, CounterRefView? Counter, DateTimeOffset ArrivedAt, DateTimeOffset? CalledAt,
    DateTimeOffset? DueAt, bool Booked);

public sealed record BoardEntry(string Number, string Counter, DateTimeOffset CalledAt);

/// <summary>How many wait for one service (the board's "waiting per service"), most first.</summary>
public sealed record ServiceWaiting(Guid ServiceId, string Name, int Waiting);

public sealed record BoardView(IReadOnlyList<BoardEntry> Called, int Waiting, IReadOnlyList<ServiceWaiting> Services);

public static class BookingCodes
{
    public static string Status(BookingStatus s) => s switch
    {
        BookingStatus.Active => "active",
        BookingStatus.Cancelled => "cancelled",
        _ => "checked-in",
    };
}
