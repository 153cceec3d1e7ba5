using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Tests.Queue;

public sealed class TicketStateMachineTests
{
    [Theory]
    [InlineData(TicketStatus.Waiting, false, TicketAction.Call, TicketStatus.Called, false)]
    [InlineData(TicketStatus.Called, false, TicketAction.Recall, TicketStatus.Called, false)]
    [InlineData(TicketStatus.Called, false, TicketAction.Start, TicketStatus.Serving, false)]
    [InlineData(TicketStatus.Serving, false, TicketAction.Finish, TicketStatus.Done, false)]
    [InlineData(TicketStatus.Called, false, TicketAction.NoShow, TicketStatus.NoShow, false)]
    [InlineData(TicketStatus.Called, false, TicketAction.Transfer, TicketStatus.Transferred, false)]
    [InlineData(TicketStatus.Serving, false, TicketAction.Transfer, TicketStatus.Transferred, false)]
    [InlineData(TicketStatus.Serving, false, TicketAction.Park, TicketStatus.Waiting, true)]
    [InlineData(TicketStatus.Called, false, TicketAction.Park, TicketStatus.Waiting, true)]
    [InlineData(TicketStatus.Waiting, true, TicketAction.Resume, TicketStatus.Called, false)]
    [InlineData(TicketStatus.Waiting, false, TicketAction.Prioritize, TicketStatus.Waiting, false)]
    public void LegalSteps_MoveTheTicket(TicketStatus from, bool parked, TicketAction action, TicketStatus to, bool parkedAfter)
    {
        var step = TicketStateMachine.Apply(from, parked, action);
        Assert.True(step.Allowed, step.Reason);
        Assert.Equal(to, step.Status);
        Assert.Equal(parkedAfter, step.Parked);
        Assert.Null(step.Reason);
    }

    [Theory]
    [InlineData(TicketStatus.Waiting, false, TicketAction.Start, "masih menunggu")]
    [InlineData(TicketStatus.Waiting, false, TicketAction.Finish, "masih menunggu")]
    [InlineData(TicketStatus.Called, false, TicketAction.Finish, "belum dilayani")]
    [InlineData(TicketStatus.Serving, false, TicketAction.NoShow, "sedang dilayani")]
    [InlineData(TicketStatus.Waiting, true, TicketAction.Call, "ditunda")]
    [InlineData(TicketStatus.Waiting, false, TicketAction.Resume, "tidak sedang ditunda")]
    [InlineData(TicketStatus.Done, false, TicketAction.Recall, "sudah selesai")]
    [InlineData(TicketStatus.NoShow, false, TicketAction.Start, "sudah selesai")]
    [InlineData(TicketStatus.Transferred, false, TicketAction.Finish, "sudah selesai")]
    [InlineData(TicketStatus.Serving, false, TicketAction.Start, "tidak berlaku")]
    [InlineData(TicketStatus.Called, false, TicketAction.Prioritize, "tidak berlaku")]
    public void IllegalSteps_AreRefused_WithTheReason(TicketStatus from, bool parked, TicketAction action, string reason)
    {
        var step = TicketStateMachine.Apply(from, parked, action);
        Assert.False(step.Allowed);
        Assert.Contains(reason, step.Reason);
    }

    [Fact]
    public void EveryActionOnAClosedTicket_IsRefused()
    {
        foreach (var status in new[] { TicketStatus.Done, TicketStatus.NoShow, TicketStatus.Transferred })
            foreach (var action in Enum.GetValues<TicketAction>())
                Assert.False(TicketStateMachine.Apply(status, false, action).Allowed, $"{action} on {status}");
    }

    [Theory]
    [InlineData("recall", TicketAction.Recall)]
    [InlineData("no-show", TicketAction.NoShow)]
    [InlineData("transfer", TicketAction.Transfer)]
    public void ActionCodes_RoundTrip(string code, TicketAction action)
    {
        Assert.Equal(action, TicketStateMachine.Parse(code));
        Assert.Equal(code, TicketStateMachine.Code(action));
    }

    [Theory]
    [InlineData("call")]
    [InlineData("NOSHOW")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownOrSystemActions_AreNotParsed(string? code) => Assert.Null(TicketStateMachine.Parse(code));
}
