using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Tests.Identity;

public sealed class NikTests
{
    [Fact]
    public void ValidNik_OfAWoman_HasDayPlus40()
    {
        Assert.Equal(Nik.Problem.None, Nik.TryParse("3202054508900003", out var nik));
        Assert.True(nik!.Female);
        Assert.Equal(5, nik.Day);
        Assert.Equal(8, nik.Month);
        Assert.Equal("32", nik.Province);
        Assert.Equal("02", nik.Regency);
        Assert.True(Nik.BirthDateMatches(nik, new DateOnly(1990, 8, 5)));
        Assert.False(Nik.BirthDateMatches(nik, new DateOnly(1990, 8, 6)));
    }

    [Theory]
    [InlineData("", Nik.Problem.Empty)]
    [InlineData("320205450890000", Nik.Problem.NotSixteenDigits)]
    [InlineData("32020545089000031", Nik.Problem.NotSixteenDigits)]
    [InlineData("32020545089O0003", Nik.Problem.NotSixteenDigits)]
    [InlineData("0902054508900003", Nik.Problem.BadRegion)]
    [InlineData("3200054508900003", Nik.Problem.BadRegion)]
    [InlineData("3202053213900003", Nik.Problem.BadBirthDate)]
    [InlineData("3202057202900003", Nik.Problem.BadBirthDate)]
    [InlineData("3202051502900000", Nik.Problem.BadSerial)]
    [InlineData("3202052902000001", Nik.Problem.None)]
    [InlineData("3202052902010001", Nik.Problem.BadBirthDate)]
    public void Validate_NamesTheProblem(string nik, Nik.Problem expected) => Assert.Equal(expected, Nik.Validate(nik));

    [Theory]
    [InlineData("081234567890", "081234567890")]
    [InlineData("+62 812-3456-7890", "081234567890")]
    [InlineData("6281234567890", "081234567890")]
    [InlineData("0212345678", null)]
    [InlineData("08123", null)]
    [InlineData("08123456789012345", null)]
    [InlineData("08abc4567890", null)]
    public void PhoneNumber_NormalizesIndonesianMobiles(string input, string? expected) => Assert.Equal(expected, PhoneNumber.Normalize(input));
}
