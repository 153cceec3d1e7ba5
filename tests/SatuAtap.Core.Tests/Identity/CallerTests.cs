using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Tests.Identity;

public sealed class CallerTests
{
    private static readonly Guid Dukcapil = Guid.Parse("0193a000-0000-7000-8000-0000000000d1");
    private static readonly Guid Dpmptsp = Guid.Parse("0193a000-0000-7000-8000-0000000000d2");
    private static readonly Guid Me = Guid.Parse("0193a000-0000-7000-8000-000000000101");
    private static readonly Guid Someone = Guid.Parse("0193a000-0000-7000-8000-000000000102");

    private static Caller With(string role, Guid? agency = null, Guid? user = null) =>
        new(user ?? Me, "Nama", "akun@demo.satuatap.id", [role], agency);

    private static readonly Caller Manager = With(Roles.Manager);
    private static readonly Caller Administrator = With(Roles.Administrator);
    private static readonly Caller Executive = With(Roles.Executive);
    private static readonly Caller Citizen = With(Roles.Citizen);
    private static readonly Caller Officer = With(Roles.Officer, Dukcapil);
    private static readonly Caller Head = With(Roles.AgencyHead, Dukcapil);

    [Fact]
    public void IsManager_ForManagersAndAdministrators_Only()
    {
        Assert.True(Manager.IsManager);
        Assert.True(Administrator.IsManager);
        Assert.False(Executive.IsManager);
        Assert.False(Head.IsManager);
        Assert.False(Officer.IsManager);
        Assert.False(Citizen.IsManager);
        Assert.False(Caller.Anonymous.IsManager);
        Assert.False(Caller.System.IsManager);
    }

    [Fact]
    public void IsAdministrator_IsExecutive_IsCitizen_FollowTheirRole()
    {
        Assert.True(Administrator.IsAdministrator);
        Assert.False(Manager.IsAdministrator);
        Assert.True(Executive.IsExecutive);
        Assert.False(Manager.IsExecutive);
        Assert.True(Citizen.IsCitizen);
        Assert.False(Officer.IsCitizen);
        Assert.False(Caller.Anonymous.IsCitizen);
    }

    [Fact]
    public void IsStaff_ForEveryRoleButCitizen()
    {
        Assert.All(new[] { Manager, Administrator, Executive, Officer, Head }, c => Assert.True(c.IsStaff));
        Assert.False(Citizen.IsStaff);
        Assert.False(Caller.Anonymous.IsStaff);
        Assert.False(Caller.System.IsStaff);
    }

    [Fact]
    public void SeesWholeMall_ForManagersAndExecutives()
    {
        Assert.True(Manager.SeesWholeMall);
        Assert.True(Administrator.SeesWholeMall);
        Assert.True(Executive.SeesWholeMall);
        Assert.False(Head.SeesWholeMall);
        Assert.False(Officer.SeesWholeMall);
        Assert.False(Citizen.SeesWholeMall);
    }

    [Fact]
    public void IsOfficerOf_TheirOwnAgency_AsOfficerOrHead()
    {
        Assert.True(Officer.IsOfficerOf(Dukcapil));
        Assert.True(Head.IsOfficerOf(Dukcapil));
        Assert.False(Officer.IsOfficerOf(Dpmptsp));
        Assert.False(Manager.IsOfficerOf(Dukcapil));
        // An agency claim without an officer's role is not enough.
        Assert.False(With(Roles.Citizen, Dukcapil).IsOfficerOf(Dukcapil));
        Assert.False(With(Roles.Officer).IsAgencyStaff);
    }

    [Fact]
    public void IsHeadOf_OnlyTheHeadOfThatAgency()
    {
        Assert.True(Head.IsHeadOf(Dukcapil));
        Assert.False(Head.IsHeadOf(Dpmptsp));
        Assert.False(Officer.IsHeadOf(Dukcapil));
        Assert.False(Manager.IsHeadOf(Dukcapil));
        Assert.False(With(Roles.AgencyHead).IsAgencyHead);
    }

    [Fact]
    public void MayEditAgencyContent_ManagerAnywhere_HeadOnlyTheirAgency()
    {
        Assert.True(Manager.MayEditAgencyContent(Dpmptsp));
        Assert.True(Administrator.MayEditAgencyContent(Dpmptsp));
        Assert.True(Head.MayEditAgencyContent(Dukcapil));
        Assert.False(Head.MayEditAgencyContent(Dpmptsp));
        Assert.False(Officer.MayEditAgencyContent(Dukcapil));
        Assert.False(Executive.MayEditAgencyContent(Dukcapil));
    }

    [Fact]
    public void MayEditCatalog_ManagersAndAgencyHeads()
    {
        Assert.True(Manager.MayEditCatalog);
        Assert.True(Head.MayEditCatalog);
        Assert.False(Officer.MayEditCatalog);
        Assert.False(Executive.MayEditCatalog);
        Assert.False(Citizen.MayEditCatalog);
    }

    [Fact]
    public void MayActFor_ManagerAnyAgency_StaffTheirOwn()
    {
        Assert.True(Manager.MayActFor(Dpmptsp));
        Assert.True(Officer.MayActFor(Dukcapil));
        Assert.True(Head.MayActFor(Dukcapil));
        Assert.False(Officer.MayActFor(Dpmptsp));
        Assert.False(Executive.MayActFor(Dukcapil));
        Assert.False(Caller.Anonymous.MayActFor(Dukcapil));
    }

    [Fact]
    public void Owns_TheirRecord_OrOneTheyCapturedForSomeoneWithoutAnAccount()
    {
        Assert.True(Citizen.Owns(Me, null));
        Assert.True(Officer.Owns(null, Me));
        Assert.False(Officer.Owns(Someone, Me));
        Assert.False(Citizen.Owns(Someone, null));
        Assert.False(Caller.Anonymous.Owns(null, null));
    }

    [Fact]
    public void MaySeeRecord_OwnerCapturerOrStaffOfOwningOrActingAgency()
    {
        Assert.True(Citizen.MaySeeRecord(Me, null, Dpmptsp, Dpmptsp));
        Assert.True(With(Roles.Officer, Dpmptsp).MaySeeRecord(Someone, Me, Dukcapil, Dukcapil));
        Assert.True(Officer.MaySeeRecord(Someone, null, Dukcapil, Dukcapil));
        Assert.True(Officer.MaySeeRecord(Someone, null, Dpmptsp, Dukcapil));
        Assert.False(Officer.MaySeeRecord(Someone, null, Dpmptsp, Dpmptsp));
        Assert.False(Citizen.MaySeeRecord(Someone, null, Dukcapil, Dukcapil));
        // Managers see records through their own checks, not as owners or agency staff.
        Assert.False(Manager.MaySeeRecord(Someone, null, Dukcapil, Dukcapil));
        Assert.False(Caller.Anonymous.MaySeeRecord(null, null, Dukcapil, Dukcapil));
    }

    [Fact]
    public void MayActAtStep_StaffOfTheStepsAgencyInItsRole_HeadAtAnyOfItsSteps()
    {
        Assert.True(Officer.MayActAtStep(Dukcapil, Roles.Officer));
        Assert.False(Officer.MayActAtStep(Dukcapil, Roles.AgencyHead));
        Assert.False(Officer.MayActAtStep(Dpmptsp, Roles.Officer));
        Assert.True(Head.MayActAtStep(Dukcapil, Roles.Officer));
        Assert.True(Head.MayActAtStep(Dukcapil, Roles.AgencyHead));
        Assert.False(Head.MayActAtStep(Dpmptsp, Roles.AgencyHead));
        Assert.False(Manager.MayActAtStep(Dukcapil, Roles.Officer));
    }

    [Fact]
    public void System_And_Anonymous_AreNamedForTheAuditTrail()
    {
        Assert.Null(Caller.System.UserId);
        Assert.Equal("system", Caller.System.Account);
        Assert.Equal("Sistem", Caller.System.Name);
        Assert.Equal("anonymous", Caller.Anonymous.Account);
    }
}
