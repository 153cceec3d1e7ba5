using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Tests.Applications;

public sealed class TrackingNumberTests
{
    [Theory]
    [InlineData("DKP-KTP", "DKP")]
    [InlineData("PTSP-NIB", "PTSP")]
    [InlineData("bpd-pbb-sppt", "BPD")]
    [InlineData("X", "MPP")]
    [InlineData("ABCDEFGH-1", "ABCDE")]
    public void Prefix_IsTheAgencyPartOfTheServiceCode(string code, string prefix) => Assert.Equal(prefix, TrackingNumber.Prefix(code));

    [Fact]
    public void New_HasTheShape_PrefixYearFiveUnambiguousCharacters()
    {
        var n = TrackingNumber.New("DKP-KTP", 2026);
        Assert.Matches("^DKP-26-[2-9A-HJKMNP-Z]{5}$", n);
        Assert.True(TrackingNumber.IsWellFormed(n));
        Assert.DoesNotContain(n[7..], c => c is '0' or 'O' or '1' or 'I' or 'L');
    }

    [Fact]
    public void New_WithAFixedSource_IsReproducible()
    {
        var i = 0;
        int Next(int max) => i++ % max;
        Assert.Equal("DKP-26-23456", TrackingNumber.New("DKP-KTP", 2026, Next));
    }

    [Fact]
    public void New_ManyDraws_AreSpreadOut()
    {
        var set = Enumerable.Range(0, 20_000).Select(_ => TrackingNumber.New("DKP-KTP", 2026)).ToHashSet();
        Assert.True(set.Count > 19_980, $"only {set.Count} distinct of 20000");
    }

    [Theory]
    [InlineData("DKP-26-7K3QX", true)]
    [InlineData("dkp-26-7k3qx", false)]
    [InlineData("DKP-26-7K3Q0", false)]
    [InlineData("DKP-26-7K3QXX", false)]
    [InlineData("DKP-2026-7K3QX", false)]
    [InlineData("", false)]
    public void IsWellFormed_ChecksTheShape(string value, bool ok) => Assert.Equal(ok, TrackingNumber.IsWellFormed(value));

    [Fact]
    public void Normalize_AcceptsWhatPeopleType() => Assert.Equal("DKP-26-7K3QX", TrackingNumber.Normalize("  dkp-26-7k3qx "));

    [Fact]
    public void VerificationCode_IsTenCharacters() => Assert.True(VerificationCode.IsWellFormed(VerificationCode.New()));

    [Theory]
    [InlineData("Budi Santoso", "B*** S******")]
    [InlineData("Siti", "S***")]
    [InlineData("  A  Bc ", "A B*")]
    public void NameMask_KeepsOnlyInitials(string name, string masked) => Assert.Equal(masked, NameMask.Mask(name));
}

public sealed class FieldRulesTests
{
    [Theory]
    [InlineData("NIK", FieldRules.Kind.Nik)]
    [InlineData("NIK pemohon", FieldRules.Kind.Nik)]
    [InlineData("NIK suami dan istri", FieldRules.Kind.Text)]
    [InlineData("NIK atau NPWP", FieldRules.Kind.Text)]
    [InlineData("Nomor ponsel aktif", FieldRules.Kind.Phone)]
    [InlineData("Tanggal lahir", FieldRules.Kind.Date)]
    [InlineData("Alamat tujuan pindah", FieldRules.Kind.Text)]
    public void KindOf_RecognisesTheRuleFromTheName(string name, FieldRules.Kind kind) => Assert.Equal(kind, FieldRules.KindOf(name));

    [Fact]
    public void Check_NikField_UsesTheNikRule()
    {
        Assert.Equal(Nik.Message(Nik.Problem.NotSixteenDigits), FieldRules.Check("NIK", "12345").Error);
        Assert.Null(FieldRules.Check("NIK", "3202011505900001").Error);
    }

    [Fact]
    public void Check_Phone_IsStoredInNationalForm() => Assert.Equal("081234567890", FieldRules.Check("Nomor ponsel aktif", "+62 812-3456-7890").Value);

    [Fact]
    public void Check_Date_MustBeIso() => Assert.NotNull(FieldRules.Check("Tanggal lahir", "15/05/1990").Error);

    [Theory]
    [InlineData("Tanggal lahir", "2008-05-14", "14 Mei 2008")]
    [InlineData("Tanggal lahir", "bukan tanggal", "bukan tanggal")]
    [InlineData("Alamat", "2008-05-14", "2008-05-14")]
    [InlineData("Tanggal lahir", "", "")]
    public void Display_WritesDatesAsPeopleReadThem(string field, string stored, string shown)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("id-ID");
        try
        {
            Assert.Equal(shown, FieldRules.Display(field, stored));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("3202011505900003", "3202********0003")]
    [InlineData(null, null)]
    [InlineData("1234", "****")]
    public void NameMask_Nik_KeepsFirstAndLastFour(string? nik, string? masked) => Assert.Equal(masked, NameMask.Nik(nik));

    [Theory]
    [InlineData("081234567890", "0812****7890")]
    [InlineData("0812345678901", "0812****8901")]
    [InlineData("0812", "****")]
    public void NameMask_Phone_KeepsFirstAndLastFour(string phone, string masked) => Assert.Equal(masked, NameMask.Phone(phone));
}
