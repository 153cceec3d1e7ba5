using SatuAtap.Core.Applications;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Tests.Applications;

public sealed class WorkflowRulesTests
{
    private static StepView Step(int sla, OverdueBehaviour overdue = OverdueBehaviour.Notify, string role = Roles.Officer) =>
        new(1, "Verifikasi", null, Guid.NewGuid(), role, [ApplicationAction.Claim, ApplicationAction.Forward], sla, overdue);

    [Fact]
    public void Validate_SlasWithinTheCompletionTime_Pass() =>
        Assert.False(WorkflowRules.Validate([Step(2), Step(3)], 5, false).Any);

    [Fact]
    public void Validate_SlasOverTheCompletionTime_Fail()
    {
        var errors = WorkflowRules.Validate([Step(3), Step(3)], 5, false).ToDictionary();
        Assert.Contains("steps", errors.Keys);
    }

    [Fact]
    public void Validate_DeemedApproval_OnlyWhereTheLegalBasisProvides()
    {
        Assert.True(WorkflowRules.Validate([Step(1, OverdueBehaviour.DeemedApproval)], 5, false).Any);
        Assert.False(WorkflowRules.Validate([Step(1, OverdueBehaviour.DeemedApproval)], 5, true).Any);
        Assert.True(WorkflowRules.LegalBasisAllowsDeemedApproval("PP Nomor 28 Tahun 2025 tentang Perizinan Berusaha"));
        Assert.False(WorkflowRules.LegalBasisAllowsDeemedApproval("UU 24/2013"));
    }

    [Fact]
    public void Validate_NoStepsOrBadRole_Fail()
    {
        Assert.True(WorkflowRules.Validate([], 5, false).Any);
        Assert.True(WorkflowRules.Validate([Step(1, role: Roles.Citizen)], 5, false).Any);
    }
}
