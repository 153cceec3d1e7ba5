using SatuAtap.Core.Identity;
using SatuAtap.Core.Outreach;

namespace SatuAtap.Core.Tests.Outreach;

public sealed class CrewRulesTests
{
    private static readonly Guid Dukcapil = Guid.CreateVersion7(), Polres = Guid.CreateVersion7(), Bapenda = Guid.CreateVersion7();
    private static readonly Guid Ani = Guid.CreateVersion7(), Budi = Guid.CreateVersion7();

    private static Caller Officer(Guid user, Guid agency) => new(user, "Petugas", "petugas@contoh.id", [Roles.Officer], agency);

    private static CrewVisit Visit(IReadOnlyCollection<Guid> officers, params Guid[] agencies) => new(Guid.CreateVersion7(), agencies, officers);

    [Fact]
    public void AnOfficerOfAnAgencyTheVisitCarries_MayBeChosen()
    {
        Assert.Null(CrewRules.ChoiceRefusal("Ani", Dukcapil, [Dukcapil, Polres]));
    }

    [Fact]
    public void AnOfficerOfAnotherAgency_OrAnAccountOfNoAgency_IsRefusedNamingWhy()
    {
        Assert.Contains("Ani", CrewRules.ChoiceRefusal("Ani", Bapenda, [Dukcapil, Polres]));
        Assert.Contains("tidak membawa layanan", CrewRules.ChoiceRefusal("Ani", Bapenda, [Dukcapil, Polres]));
        Assert.Contains("bukan petugas instansi", CrewRules.ChoiceRefusal("Pengelola", null, [Dukcapil]));
    }

    [Fact]
    public void OnAVisitsDay_AChosenOfficerWorks_AndAnotherOfTheSameAgencyDoesNot()
    {
        var today = new[] { Visit([Ani], Dukcapil, Polres) };

        Assert.Null(CrewRules.WorkRefusal(Officer(Ani, Dukcapil), today));
        Assert.Contains("tidak termasuk petugas yang dipilih", CrewRules.WorkRefusal(Officer(Budi, Dukcapil), today));
    }

    [Fact]
    public void BeforeAnyOfficerIsChosen_TheAgencysOfficersWorkAsAtTheBuilding()
    {
        Assert.Null(CrewRules.WorkRefusal(Officer(Budi, Polres), [Visit([], Dukcapil, Polres)]));
    }

    [Fact]
    public void AnAgencyTheVisitDoesNotCarry_OrADayWithoutAVisit_IsRefused_ButAManagerMayAlways()
    {
        Assert.Contains("tidak membawa layanan instansi Anda", CrewRules.WorkRefusal(Officer(Ani, Bapenda), [Visit([], Dukcapil)]));
        Assert.Contains("tidak ada kunjungan", CrewRules.WorkRefusal(Officer(Ani, Dukcapil), []));
        var manager = new Caller(Guid.CreateVersion7(), "Pengelola", "pengelola@contoh.id", [Roles.Manager], null);
        Assert.Null(CrewRules.WorkRefusal(manager, []));
        Assert.Null(CrewRules.WorkRefusal(manager, [Visit([Ani], Dukcapil)]));
    }
}
