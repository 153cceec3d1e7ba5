using Microsoft.Extensions.Options;

namespace SatuAtap.Core.Queue;

/// <summary>Configuration section <c>Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>A slot opens for booking this many days before its day …</summary>
    public int BookingOpensDaysAhead { get; set; } = 7;
    /// <summary>… at this hour (site time).</summary>
    public int BookingOpensHour { get; set; } = 7;
    /// <summary>Priority tickets (elderly, disabled, pregnant) go before the others. The rule in Indonesian public services; can be switched off.</summary>
    public bool PriorityEnabled { get; set; } = true;
    /// <summary>A booked ticket counts as due this many minutes before its slot starts.</summary>
    public int DueEarlyMinutes { get; set; } = 15;
    /// <summary>Service time assumed until there are enough finished tickets of the day.</summary>
    public double DefaultServiceMinutes { get; set; } = 10;
    /// <summary>The promised wait: the statistics show the share of tickets called within it.</summary>
    public int TargetWaitMinutes { get; set; } = 30;
    /// <summary>Slots suggested when a booking is refused.</summary>
    public int SuggestedSlots { get; set; } = 5;

    /// <summary>How long a node keeps the sites and counter placement before reading them again (a change on this node
    /// shows at once; with several web nodes, another node's change may take this long).</summary>
    public int CacheSeconds { get; set; } = 30;
    /// <summary>How long a node reuses the day's typical service minutes of a service for the wait estimate.</summary>
    public int ServiceMinutesSeconds { get; set; } = 10;
    /// <summary>How long a node refuses a slot it found full without asking the database, and reuses the suggested
    /// slots of a refusal (a cancellation on this node clears it at once; on another node, after this long).</summary>
    public int FullSlotSeconds { get; set; } = 5;

    /// <summary>Tickets are issued only while the site is open (its hours, the holiday calendar, a mobile site's visits).
    /// <c>false</c> for load tests and a demo shown at night.</summary>
    public bool EnforceOpeningHours { get; set; } = true;
    /// <summary>A booking is checked in at the kiosk from this many minutes before its slot starts.</summary>
    public int CheckInMinutesBefore { get; set; } = 60;
    /// <summary>A display board with JavaScript also reads its calls this often, besides the live pushes: a push lost
    /// (a node restarted, Redis away with several nodes) shows within this time.</summary>
    public int BoardRefreshSeconds { get; set; } = 30;

    public CallNextRules Rules => new(TimeSpan.FromMinutes(DueEarlyMinutes), PriorityEnabled);
}

/// <summary>Checks the <c>Queue</c> settings at start; each message names its key.</summary>
public sealed class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions o)
    {
        var failures = new List<string>();
        if (o.BookingOpensDaysAhead is < 0 or > 365) failures.Add("Queue:BookingOpensDaysAhead must be between 0 and 365.");
        if (o.BookingOpensHour is < 0 or > 23) failures.Add("Queue:BookingOpensHour must be between 0 and 23.");
        if (o.DueEarlyMinutes is < 0 or > 240) failures.Add("Queue:DueEarlyMinutes must be between 0 and 240.");
        if (o.DefaultServiceMinutes is < 1 or > 240) failures.Add("Queue:DefaultServiceMinutes must be between 1 and 240.");
        if (o.TargetWaitMinutes is < 1 or > 480) failures.Add("Queue:TargetWaitMinutes must be between 1 and 480.");
        if (o.SuggestedSlots is < 1 or > 20) failures.Add("Queue:SuggestedSlots must be between 1 and 20.");
        if (o.CacheSeconds is < 1 or > 3600) failures.Add("Queue:CacheSeconds must be between 1 and 3600.");
        if (o.ServiceMinutesSeconds is < 0 or > 600) failures.Add("Queue:ServiceMinutesSeconds must be between 0 and 600.");
        if (o.CheckInMinutesBefore is < 0 or > 720) failures.Add("Queue:CheckInMinutesBefore must be between 0 and 720.");
        if (o.FullSlotSeconds is < 0 or > 60) failures.Add("Queue:FullSlotSeconds must be between 0 and 60.");
        if (o.BoardRefreshSeconds is < 2 or > 600) failures.Add("Queue:BoardRefreshSeconds must be between 2 and 600.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
