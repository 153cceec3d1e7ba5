namespace SatuAtap.Core.Queue;

/// <summary>A waiting ticket as the call-next policy sees it.</summary>
public sealed record QueueCandidate(Guid Id, Guid ServiceId, DateTime ArrivedUtc, bool Priority, DateTime? DueUtc, Guid? TargetCounterId = null);

public sealed record CallNextRules(TimeSpan DueEarly, bool PriorityEnabled)
{
    public static readonly CallNextRules Default = new(TimeSpan.FromMinutes(15), true);
}

/// <summary>
/// Who a counter calls next: booked tickets whose slot is due now (earliest slot first), then priority tickets
/// (elderly, disabled, pregnant — when the rule is on), then everyone else, oldest arrival first, across the
/// services the counter serves. A ticket transferred to a named counter is only called by that counter.
/// </summary>
public static class CallNextPolicy
{
    public static IEnumerable<QueueCandidate> Order(IEnumerable<QueueCandidate> waiting, DateTime nowUtc, CallNextRules rules) =>
        waiting
            .OrderBy(t => Rank(t, nowUtc, rules))
            .ThenBy(t => IsDue(t, nowUtc, rules) ? t.DueUtc!.Value : DateTime.MinValue)
            .ThenBy(t => t.ArrivedUtc)
            .ThenBy(t => t.Id);

    public static IEnumerable<QueueCandidate> ForCounter(IEnumerable<QueueCandidate> waiting, Guid counterId, IReadOnlySet<Guid> services) =>
        waiting.Where(t => t.TargetCounterId == counterId || (t.TargetCounterId is null && services.Contains(t.ServiceId)));

    public static QueueCandidate? Next(IEnumerable<QueueCandidate> waiting, Guid counterId, IReadOnlySet<Guid> services, DateTime nowUtc, CallNextRules rules) =>
        Order(ForCounter(waiting, counterId, services), nowUtc, rules).FirstOrDefault();

    private static bool IsDue(QueueCandidate t, DateTime nowUtc, CallNextRules rules) =>
        t.DueUtc is { } due && due - rules.DueEarly <= nowUtc;

    private static int Rank(QueueCandidate t, DateTime nowUtc, CallNextRules rules) =>
        IsDue(t, nowUtc, rules) ? 0 : rules.PriorityEnabled && t.Priority ? 1 : 2;
}
