using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
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
    [Fact]
    public void Check_NikField_UsesTheNikRule()
    {
        Assert.Equal(Nik.Message(Nik.Problem.NotSixteenDigits), FieldRules.Check(FieldType.Nik, "12345").Error);
        Assert.Null(FieldRules.Check(FieldType.Nik, "3202011505900001").Error);
    }

    [Fact]
    public void Check_Phone_IsStoredInNationalForm() => Assert.Equal("081234567890", FieldRules.Check(FieldType.Phone, "+62 812-3456-7890").Value);

    [Fact]
    public void Check_Date_MustBeIso() => Assert.NotNull(FieldRules.Check(FieldType.Date, "15/05/1990").Error);

    [Theory]
    [InlineData("01.234.567.8-901.000", "012345678901000")]
    [InlineData("3202011505900001", "3202011505900001")]
    [InlineData("0123 4567 8901 000", "012345678901000")]
    public void Check_Npwp_Takes15Or16Digits_AndStoresTheDigits(string raw, string stored) =>
        Assert.Equal(stored, FieldRules.Check(FieldType.Npwp, raw).Value);

    [Theory]
    [InlineData(FieldType.Npwp, "12.345.678")]
    [InlineData(FieldType.Npwp, "01.234.567.8-901.00A")]
    [InlineData(FieldType.Email, "warga@")]
    [InlineData(FieldType.Email, "warga demo@contoh.id")]
    [InlineData(FieldType.Email, "warga@localhost")]
    [InlineData(FieldType.Number, "dua puluh")]
    [InlineData(FieldType.Number, "12,5,3")]
    [InlineData(FieldType.Address, "Cisaat")]
    [InlineData(FieldType.Address, "1234567890")]
    [InlineData(FieldType.Phone, "12345")]
    [InlineData(FieldType.Nik, "3202019905900001")] // day 99: neither a day nor a day + 40
    public void Check_RefusesValuesBreakingTheirType(FieldType type, string raw)
    {
        var (value, error) = FieldRules.Check(type, raw);
        Assert.Null(value);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData(FieldType.Email, "warga@demo.satuatap.id")]
    [InlineData(FieldType.Number, "25")]
    [InlineData(FieldType.Number, "1.500.000")]
    [InlineData(FieldType.Number, "2,5")]
    [InlineData(FieldType.Address, "Kp. Citepus RT 02/05, Palabuhanratu")]
    [InlineData(FieldType.Text, "NIK dan NPWP: apa saja")]
    public void Check_AcceptsValuesOfTheirType(FieldType type, string raw) => Assert.Equal(raw, FieldRules.Check(type, raw).Value);

    [Fact]
    public void Identity_ComesFromTheTypes_NotFromTheNames()
    {
        var nik = new RequirementView(Guid.NewGuid(), "Nomor identitas pemohon", null, RequirementKind.Field, true, FieldType.Nik);
        var npwp = new RequirementView(Guid.NewGuid(), "NPWP", null, RequirementKind.Field, true, FieldType.Npwp);
        var named = new RequirementView(Guid.NewGuid(), "NIK", null, RequirementKind.Field, true, FieldType.Text);
        var mail = new RequirementView(Guid.NewGuid(), "Alamat surel", null, RequirementKind.Field, true, FieldType.Email);
        var phone = new RequirementView(Guid.NewGuid(), "Kontak", null, RequirementKind.Field, true, FieldType.Phone);
        var agency = new AgencyView(Guid.NewGuid(), "A", "A", null, AgencyKind.Regional, "", null, false, Guid.NewGuid());
        var service = new ServiceView(Guid.NewGuid(), "X", agency, "X", null, "", null, ServiceChannels.Online, false, new ServiceStandard(),
            [named, npwp, nik, mail, phone], [], [], Guid.NewGuid());
        var values = new Dictionary<Guid, string>
        {
            [named.Id] = "bukan NIK", [npwp.Id] = "012345678901000", [nik.Id] = "3202011505900001",
            [mail.Id] = "warga@demo.satuatap.id", [phone.Id] = "081234567890",
        };
        Assert.Equal(("3202011505900001", "081234567890", "warga@demo.satuatap.id"), FieldRules.Identity(service, values));
    }

    [Theory]
    [InlineData(FieldType.Date, "2008-05-14", "14 Mei 2008")]
    [InlineData(FieldType.Date, "bukan tanggal", "bukan tanggal")]
    [InlineData(FieldType.Text, "2008-05-14", "2008-05-14")]
    [InlineData(FieldType.Date, "", "")]
    public void Display_WritesDatesAsPeopleReadThem(FieldType field, string stored, string shown)
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
