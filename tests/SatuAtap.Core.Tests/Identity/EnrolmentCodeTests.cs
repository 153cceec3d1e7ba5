using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Tests.Identity;

public sealed class EnrolmentCodeTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Generate_GivesFourGroupsOfFour_WithoutLookAlikes_AndNeverTheSameTwice()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => EnrolmentCode.Generate()).ToList();
        Assert.All(codes, c => Assert.Matches("^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void StoredCode_IsOnlyAHash_AndMatchesWhatWasTyped_InAnyCaseOrSpacing()
    {
        var code = EnrolmentCode.Generate();
        var stored = EnrolmentCode.Stored(code, Now.AddHours(24));
        Assert.DoesNotContain(EnrolmentCode.Normalize(code), stored);
        Assert.True(EnrolmentCode.Matches(stored, code, Now));
        Assert.True(EnrolmentCode.Matches(stored, " " + code.ToLowerInvariant().Replace("-", " ") + " ", Now));
    }

    [Fact]
    public void Matches_RefusesAnotherCode_AnExpiredOne_AndGarbage()
    {
        var code = EnrolmentCode.Generate();
        var stored = EnrolmentCode.Stored(code, Now.AddHours(24));
        Assert.False(EnrolmentCode.Matches(stored, EnrolmentCode.Generate(), Now));
        Assert.True(EnrolmentCode.Matches(stored, code, Now.AddHours(24).AddTicks(-1)));
        Assert.False(EnrolmentCode.Matches(stored, code, Now.AddHours(24)));
        Assert.False(EnrolmentCode.Matches(stored, "", Now));
        Assert.False(EnrolmentCode.Matches(null, code, Now));
        Assert.False(EnrolmentCode.Matches("not-a-stored-value", code, Now));
    }
}
