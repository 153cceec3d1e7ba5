using System.ComponentModel.DataAnnotations;

namespace SatuAtap.Core.Queue;

/// <summary>Configuration section <c>Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>A slot opens for booking this many days before its day …</summary>
    [Range(0, 365)] public int BookingOpensDaysAhead { get; set; } = 7;
    /// <summary>… at this hour (site time).</summary>
    [Range(0, 23)] public int BookingOpensHour { get; set; } = 7;
    /// <summary>Priority tickets (elderly, disabled, pregnant) go before the others. The rule in Indonesian public services; can be switched off.</summary>
    public bool PriorityEnabled { get; set; } = true;
    /// <summary>A booked ticket counts as due this many minutes before its slot starts.</summary>
    [Range(0, 240)] public int DueEarlyMinutes { get; set; } = 15;
    /// <summary>Service time assumed until there are enough finished tickets of the day.</summary>
    [Range(1, 240)] public double DefaultServiceMinutes { get; set; } = 10;
    /// <summary>The promised wait: the statistics show the share of tickets called within it.</summary>
    [Range(1, 480)] public int TargetWaitMinutes { get; set; } = 30;
    /// <summary>Slots suggested when a booking is refused.</summary>
    [Range(1, 20)] public int SuggestedSlots { get; set; } = 5;

    /// <summary>How long a node keeps the sites and counter placement before reading them again (a change on this node
    /// shows at once; with several web nodes, another node's change may take this long).</summary>
    [Range(1, 3600)] public int CacheSeconds { get; set; } = 30;
    /// <summary>How long a node reuses the day's typical service minutes of a service for the wait estimate.</summary>
    [Range(0, 600)] public int ServiceMinutesSeconds { get; set; } = 10;
    /// <summary>How long a node refuses a slot it found full without asking the database, and reuses the suggested
    /// slots of a refusal (a cancellation on this node clears it at once; on another node, after this long).</summary>
    [Range(0, 60)] public int FullSlotSeconds { get; set; } = 5;

    public CallNextRules Rules => new(TimeSpan.FromMinutes(DueEarlyMinutes), PriorityEnabled);
}
