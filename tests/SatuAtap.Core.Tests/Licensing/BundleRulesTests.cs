using SatuAtap.Core.Applications;
using SatuAtap.Core.Licensing;

namespace SatuAtap.Core.Tests.Licensing;

public sealed class BundleRulesTests
{
    [Theory]
    [InlineData("draft", ApplicationStatus.Draft, ApplicationStatus.Draft)]
    [InlineData("incomplete", ApplicationStatus.Draft, ApplicationStatus.Submitted)]
    [InlineData("needsCorrection", ApplicationStatus.Approved, ApplicationStatus.ReturnedForCorrection)]
    [InlineData("inProgress", ApplicationStatus.Approved, ApplicationStatus.InProcess)]
    [InlineData("approved", ApplicationStatus.Approved, ApplicationStatus.Issued)]
    [InlineData("partlyApproved", ApplicationStatus.Issued, ApplicationStatus.Rejected)]
    [InlineData("rejected", ApplicationStatus.Rejected, ApplicationStatus.Rejected)]
    public void The_bundle_status_is_the_sum_of_its_parts(string expected, ApplicationStatus a, ApplicationStatus b) =>
        Assert.Equal(expected, BundleStatus.Of([a, b]));

    [Fact]
    public void Reminders_are_due_from_each_day_ahead_until_the_expiry()
    {
        var expires = new DateOnly(2031, 12, 1);
        int[] days = [60, 30, 7];
        Assert.Empty(SendExpiryReminders.Due(expires.AddDays(-61), expires, days));
        Assert.Equal([60], SendExpiryReminders.Due(expires.AddDays(-60), expires, days));
        Assert.Equal([60, 30], SendExpiryReminders.Due(expires.AddDays(-30), expires, days));
        Assert.Equal([60, 30, 7], SendExpiryReminders.Due(expires, expires, days));
        Assert.Empty(SendExpiryReminders.Due(expires.AddDays(1), expires, days));
        Assert.Equal(new DateOnly(2031, 12, 1), SendExpiryReminders.ExpiresOn(new DateOnly(2026, 12, 1), 5));
    }

    [Fact]
    public void The_plan_survives_its_json_and_bad_json_is_an_empty_plan()
    {
        var plan = new BundlePlan(new() { ["PTSP-NIB"] = ["NIB", "SPPL"] }, ["PKP"]);
        Assert.Equal(["NIB", "SPPL"], BundlePlan.Parse(plan.ToJson()).Services["PTSP-NIB"]);
        Assert.Equal(["PKP"], BundlePlan.Parse(plan.ToJson()).AtCounter);
        Assert.Empty(BundlePlan.Parse("{oops").Services);
    }

    [Fact]
    public void Every_permit_kind_goes_through_a_service_and_supporting_codes_are_known()
    {
        Assert.All(PermitKinds.All, k => Assert.False(string.IsNullOrWhiteSpace(k.ServiceCode)));
        Assert.Equal(PermitKinds.All.Count, PermitKinds.All.Select(k => k.Code).Distinct().Count());
        Assert.Contains("SPP-IRT", PermitKinds.SupportingCodes);
        Assert.DoesNotContain(PermitKinds.Nib, PermitKinds.SupportingCodes);
    }
}
