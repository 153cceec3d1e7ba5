using SatuAtap.Core.Licensing;

namespace SatuAtap.Core.Tests.Licensing;

public sealed class UnconfirmedBundleTests
{
    private static readonly DateTime Made = new(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_unconfirmed_bundle_may_go_after_the_code_window_and_the_grace()
    {
        Assert.Equal(Made.AddMinutes(30).AddHours(24), RemoveUnconfirmedBundles.RemovableAfter(Made, Made.AddMinutes(30), 30, 24));
        Assert.Equal(Made.AddMinutes(30).AddHours(24), RemoveUnconfirmedBundles.RemovableAfter(Made, null, 30, 24));
    }

    [Fact]
    public void A_new_code_sent_later_moves_the_deadline()
    {
        var resent = Made.AddHours(5).AddMinutes(30);
        Assert.Equal(resent.AddHours(2), RemoveUnconfirmedBundles.RemovableAfter(Made, resent, 30, 2));
        // A code window that ended earlier than the first (a shorter setting since) does not shorten it.
        Assert.Equal(Made.AddMinutes(60).AddHours(2), RemoveUnconfirmedBundles.RemovableAfter(Made, Made.AddMinutes(10), 60, 2));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-3, false)]
    [InlineData(8761, false)]
    [InlineData(1, true)]
    [InlineData(24, true)]
    [InlineData(8760, true)]
    public void The_grace_setting_is_checked_and_named(int hours, bool valid)
    {
        var result = new LicensingOptionsValidator().Validate(null, new LicensingOptions { UnconfirmedBundleHours = hours });
        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("Licensing:UnconfirmedBundleHours", result.FailureMessage, StringComparison.Ordinal);
    }
}
