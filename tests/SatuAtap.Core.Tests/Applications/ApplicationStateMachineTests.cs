using SatuAtap.Core.Applications;
using static SatuAtap.Core.Applications.ApplicationAction;
using static SatuAtap.Core.Applications.ApplicationStatus;

namespace SatuAtap.Core.Tests.Applications;

public sealed class ApplicationStateMachineTests
{
    private static readonly WorkflowPosition Unclaimed = WorkflowPosition.OneStep(claimed: false);
    private static readonly WorkflowPosition Claimed = WorkflowPosition.OneStep(claimed: true);

    [Theory]
    [InlineData(Draft, Submit, Submitted)]
    [InlineData(Submitted, Claim, InVerification)]
    [InlineData(Resubmitted, Claim, InVerification)]
    [InlineData(ReturnedForCorrection, Submit, Resubmitted)]
    [InlineData(ReturnedForCorrection, Resubmit, Resubmitted)]
    [InlineData(Approved, Issue, Issued)]
    public void Decide_AllowedMoves_GoWhereTheLifeCycleSays(ApplicationStatus from, ApplicationAction action, ApplicationStatus to)
    {
        var t = ApplicationStateMachine.Decide(from, action, Unclaimed);
        Assert.True(t.Allowed, t.Reason);
        Assert.Equal(to, t.To);
    }

    [Theory]
    [InlineData(InVerification, Approve, Approved)]
    [InlineData(InVerification, Return, ReturnedForCorrection)]
    [InlineData(InVerification, Reject, Rejected)]
    [InlineData(InProcess, Approve, Approved)]
    public void Decide_ClaimedWork_CanBeDecided(ApplicationStatus from, ApplicationAction action, ApplicationStatus to)
    {
        var t = ApplicationStateMachine.Decide(from, action, Claimed);
        Assert.True(t.Allowed, t.Reason);
        Assert.Equal(to, t.To);
    }

    [Theory]
    [InlineData(Draft, Approve)]
    [InlineData(Draft, Claim)]
    [InlineData(Submitted, Approve)]
    [InlineData(Submitted, Issue)]
    [InlineData(InVerification, Claim)]
    [InlineData(Rejected, Approve)]
    [InlineData(Issued, Issue)]
    [InlineData(ReturnedForCorrection, Approve)]
    [InlineData(Approved, Return)]
    [InlineData(Submitted, Submit)]
    public void Decide_NotAllowedNow_SaysWhy(ApplicationStatus from, ApplicationAction action)
    {
        var t = ApplicationStateMachine.Decide(from, action, Claimed);
        Assert.False(t.Allowed);
        Assert.Equal(from, t.To);
        Assert.False(string.IsNullOrWhiteSpace(t.Reason));
    }

    [Fact]
    public void Decide_ActingBeforeClaiming_IsRefused()
    {
        var t = ApplicationStateMachine.Decide(InVerification, Approve, Unclaimed);
        Assert.False(t.Allowed);
        Assert.Contains("klaim", t.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Decide_MultiStep_ForwardsThroughStepsAndApprovesOnlyAtTheLast()
    {
        var all = ApplicationCodes.OfficerActions;
        var first = new WorkflowPosition(0, 3, all, Claimed: true);
        Assert.False(ApplicationStateMachine.Decide(InVerification, Approve, first).Allowed);
        var forward = ApplicationStateMachine.Decide(InVerification, Forward, first);
        Assert.Equal((InProcess, 1), (forward.To, forward.StepIndex));
        var claimSecond = ApplicationStateMachine.Decide(InProcess, Claim, new WorkflowPosition(1, 3, all, Claimed: false));
        Assert.True(claimSecond.Allowed);
        var last = new WorkflowPosition(2, 3, all, Claimed: true);
        Assert.False(ApplicationStateMachine.Decide(InProcess, Forward, last).Allowed);
        Assert.Equal(Approved, ApplicationStateMachine.Decide(InProcess, Approve, last).To);
    }

    [Fact]
    public void Decide_StepThatDoesNotAllowTheAction_Refuses()
    {
        var verifyOnly = new WorkflowPosition(0, 2, [Claim, Return, Forward], Claimed: true);
        Assert.False(ApplicationStateMachine.Decide(InVerification, Reject, verifyOnly).Allowed);
        Assert.True(ApplicationStateMachine.Decide(InVerification, Return, verifyOnly).Allowed);
    }

    [Fact]
    public void Decide_IssueForPickup_IsReadyForPickup() =>
        Assert.Equal(ReadyForPickup, ApplicationStateMachine.Decide(Approved, Issue, Claimed, pickup: true).To);

    [Fact]
    public void AllowedOfficerActions_ListWhatTheOfficerCanDoNow()
    {
        Assert.Equal([Claim], ApplicationStateMachine.AllowedOfficerActions(Submitted, Unclaimed));
        Assert.Equal([Approve, Return, Reject], ApplicationStateMachine.AllowedOfficerActions(InVerification, Claimed).ToArray());
        Assert.Empty(ApplicationStateMachine.AllowedOfficerActions(Issued, Claimed));
    }

    [Fact]
    public void ClockRuns_OnlyWhileTheAgencyWorks()
    {
        Assert.True(ApplicationStateMachine.ClockRuns(InVerification));
        Assert.False(ApplicationStateMachine.ClockRuns(ReturnedForCorrection));
        Assert.False(ApplicationStateMachine.ClockRuns(Draft));
        Assert.False(ApplicationStateMachine.ClockRuns(Approved));
    }
}
