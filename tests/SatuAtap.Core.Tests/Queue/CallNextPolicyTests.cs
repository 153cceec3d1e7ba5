using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Tests.Queue;

public sealed class CallNextPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 3, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Ktp = Guid.NewGuid(), Kk = Guid.NewGuid(), Nib = Guid.NewGuid();
    private static readonly Guid Counter = Guid.NewGuid(), OtherCounter = Guid.NewGuid();
    private static readonly HashSet<Guid> CounterServes = [Ktp, Kk];

    private static QueueCandidate T(string name, Guid service, int arrivedMinutesAgo, bool priority = false, int? dueInMinutes = null, Guid? target = null) =>
        new(Guid.Parse($"00000000-0000-0000-0000-{name.PadLeft(12, '0')}"), service, Now.AddMinutes(-arrivedMinutesAgo), priority,
            dueInMinutes is { } d ? Now.AddMinutes(d) : null, target);

    private static string? NextName(params QueueCandidate[] waiting) =>
        CallNextPolicy.Next(waiting, Counter, CounterServes, Now, CallNextRules.Default)?.Id.ToString()[^3..].TrimStart('0');

    [Fact]
    public void CallNext_WhenCounterServesTwoQueues_TakesTheOldestTicket() =>
        Assert.Equal("2", NextName(T("1", Ktp, 10), T("2", Kk, 30), T("3", Ktp, 20)));

    [Fact]
    public void CallNext_SkipsServicesTheCounterDoesNotServe() =>
        Assert.Equal("2", NextName(T("1", Nib, 60), T("2", Ktp, 5)));

    [Fact]
    public void CallNext_PriorityGoesBeforeOlderTickets() =>
        Assert.Equal("2", NextName(T("1", Ktp, 60), T("2", Ktp, 1, priority: true)));

    [Fact]
    public void CallNext_PriorityRuleSwitchedOff_OldestFirst() =>
        Assert.Equal("1", CallNextPolicy.Next([T("1", Ktp, 60), T("2", Ktp, 1, priority: true)], Counter, CounterServes, Now,
            CallNextRules.Default with { PriorityEnabled = false })?.Id.ToString()[^1..]);

    [Fact]
    public void CallNext_BookedAndDue_GoesBeforePriorityAndOlder() =>
        Assert.Equal("3", NextName(T("1", Ktp, 60), T("2", Ktp, 30, priority: true), T("3", Ktp, 1, dueInMinutes: 10)));

    [Fact]
    public void CallNext_BookedButNotYetDue_WaitsLikeAWalkIn() =>
        Assert.Equal("1", NextName(T("1", Ktp, 60), T("3", Ktp, 90 - 89, dueInMinutes: 120)));

    [Fact]
    public void CallNext_TwoDueBookings_EarlierSlotFirst() =>
        Assert.Equal("4", NextName(T("3", Ktp, 30, dueInMinutes: 5), T("4", Kk, 1, dueInMinutes: -20)));

    [Fact]
    public void CallNext_TicketTransferredToAnotherCounter_IsNotTaken() =>
        Assert.Equal("2", NextName(T("1", Ktp, 60, target: OtherCounter), T("2", Ktp, 5)));

    [Fact]
    public void CallNext_TicketTransferredToThisCounter_IsTakenEvenForAnotherService() =>
        Assert.Equal("1", NextName(T("1", Nib, 60, target: Counter), T("2", Ktp, 5)));

    [Fact]
    public void CallNext_NobodyWaiting_GivesNothing() => Assert.Null(NextName());

    [Fact]
    public void Order_TiesOnArrival_AreBrokenByIdSoEveryCounterAgrees()
    {
        var a = T("1", Ktp, 5);
        var b = a with { Id = Guid.Parse("00000000-0000-0000-0000-000000000002") };
        var order = CallNextPolicy.Order([b, a], Now, CallNextRules.Default).Select(x => x.Id).ToList();
        Assert.Equal([a.Id, b.Id], order);
    }
}
