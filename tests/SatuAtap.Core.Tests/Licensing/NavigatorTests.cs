using SatuAtap.Core.Licensing;

namespace SatuAtap.Core.Tests.Licensing;

public sealed class NavigatorTests
{
    private static readonly DateOnly Date = new(2026, 11, 1);

    /// <summary>A table made for the tests: one activity per risk pattern.</summary>
    private static readonly Dictionary<string, ActivityDefinition> Table = new[]
    {
        Row("10710", [RiskLevel.Low, RiskLevel.MediumLow, RiskLevel.MediumHigh, RiskLevel.High], supporting: ["HALAL"], homeFood: ["SPP-IRT"]),
        Row("56102", [RiskLevel.Low, RiskLevel.Low, RiskLevel.MediumLow, RiskLevel.MediumLow],
            raise: new RiskRaise("seats", "Jumlah kursi", "Seats", 50, RiskLevel.MediumHigh), supporting: ["HALAL"]),
        Row("47300", [RiskLevel.High, RiskLevel.High, RiskLevel.High, RiskLevel.High]),
        Row("96200", [RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low]),
    }.ToDictionary(a => a.Kbli);

    private static ActivityDefinition Row(string kbli, RiskLevel[] risks, RiskRaise? raise = null, string[]? supporting = null, string[]? homeFood = null) =>
        new(kbli, "Kegiatan " + kbli, null, [], risks, raise, supporting ?? [], homeFood ?? [], "test", Date);

    private static Assessment Assess(long capital, bool building = false, bool homeFood = false, params ActivityAnswer[] activities)
    {
        var (a, unknown) = Navigator.Assess(new BusinessAnswers(activities, capital, building, homeFood), Table);
        Assert.Empty(unknown);
        return a!;
    }

    [Theory]
    [InlineData(0, BusinessScale.Micro)]
    [InlineData(1_000_000_000, BusinessScale.Micro)]
    [InlineData(1_000_000_001, BusinessScale.Small)]
    [InlineData(5_000_000_000, BusinessScale.Small)]
    [InlineData(5_000_000_001, BusinessScale.Medium)]
    [InlineData(10_000_000_000, BusinessScale.Medium)]
    [InlineData(10_000_000_001, BusinessScale.Large)]
    public void The_scale_comes_from_the_capital(long capital, BusinessScale scale) => Assert.Equal(scale, RiskCodes.ScaleOf(capital));

    [Theory]
    // The bakery row: low for micro, medium-low for small, medium-high for medium, high for large.
    [InlineData(500_000_000, "low", new[] { "NIB" })]
    [InlineData(2_000_000_000, "medium-low", new[] { "NIB", "SS-SELF" })]
    [InlineData(7_000_000_000, "medium-high", new[] { "NIB", "SS-VERIFIED" })]
    [InlineData(20_000_000_000, "high", new[] { "NIB", "PERMIT" })]
    public void Each_risk_level_and_scale_names_its_permits(long capital, string risk, string[] permits)
    {
        var a = Assess(capital, activities: new ActivityAnswer("10710"));
        var item = Assert.Single(a.Items);
        Assert.Equal(risk, RiskCodes.Code(item.Risk));
        Assert.Equal(permits, item.Permits);
    }

    [Fact]
    public void A_parameter_above_its_threshold_raises_the_risk()
    {
        var few = Assess(100_000_000, activities: new ActivityAnswer("56102", new Dictionary<string, decimal> { ["seats"] = 50 }));
        Assert.Equal(RiskLevel.Low, few.Items[0].Risk);
        Assert.Null(few.Items[0].RaisedBy);
        var many = Assess(100_000_000, activities: new ActivityAnswer("56102", new Dictionary<string, decimal> { ["seats"] = 51 }));
        Assert.Equal(RiskLevel.MediumHigh, many.Items[0].Risk);
        Assert.Equal("seats", many.Items[0].RaisedBy!.Parameter);
        Assert.Equal(["NIB", "SS-VERIFIED"], many.Items[0].Permits);
        // The environmental approval follows the raised risk.
        Assert.Contains(PermitKinds.EnvironmentManagement, many.BasicRequirements);
        Assert.Contains(PermitKinds.EnvironmentStatement, few.BasicRequirements);
    }

    [Fact]
    public void A_parameter_never_lowers_the_risk()
    {
        // Large: the row says medium-low; the raise goes to medium-high.
        var a = Assess(20_000_000_000, activities: new ActivityAnswer("47300", new Dictionary<string, decimal> { ["seats"] = 500 }));
        Assert.Equal(RiskLevel.High, a.Items[0].Risk);
    }

    [Fact]
    public void Nib_is_in_every_item()
    {
        var a = Assess(3_000_000_000, activities: [new("10710"), new("56102"), new("47300"), new("96200")]);
        Assert.Equal(4, a.Items.Count);
        Assert.All(a.Items, i => Assert.Contains(PermitKinds.Nib, i.Permits));
    }

    [Fact]
    public void Basic_requirements_follow_the_scale_and_the_building()
    {
        var micro = Assess(100_000_000, activities: new ActivityAnswer("96200"));
        Assert.Equal([PermitKinds.SpatialSelfDeclared, PermitKinds.EnvironmentStatement], micro.BasicRequirements);
        var medium = Assess(8_000_000_000, building: true, activities: new ActivityAnswer("96200"));
        Assert.Equal([PermitKinds.Spatial, PermitKinds.EnvironmentStatement, PermitKinds.Building, PermitKinds.BuildingFitness], medium.BasicRequirements);
        var high = Assess(100_000_000, activities: new ActivityAnswer("47300"));
        Assert.Contains(PermitKinds.EnvironmentManagement, high.BasicRequirements);
    }

    [Fact]
    public void Home_food_permits_only_when_the_food_is_made_at_home()
    {
        var shop = Assess(100_000_000, homeFood: false, activities: new ActivityAnswer("10710"));
        Assert.Equal(["HALAL"], shop.SupportingPermits);
        var home = Assess(100_000_000, homeFood: true, activities: [new("10710"), new("56102")]);
        Assert.Equal(["HALAL", "SPP-IRT"], home.SupportingPermits);
    }

    [Fact]
    public void Unknown_codes_are_named_and_nothing_is_assessed()
    {
        var (a, unknown) = Navigator.Assess(new BusinessAnswers([new("10710"), new("99999")], 1, false, false), Table);
        Assert.Null(a);
        Assert.Equal(["99999"], unknown);
    }

    [Fact]
    public void Services_of_an_assessment_group_the_permits_done_through_each()
    {
        var a = Assess(100_000_000, homeFood: true, activities: new ActivityAnswer("10710"));
        var services = BundlePlan.ServicesOf(a);
        // NIB, the spatial self-declaration and the SPPL are all done in OSS with the NIB assistance.
        Assert.Equal(["NIB", "KKPR-UMK", "SPPL"], services["PTSP-NIB"]);
        Assert.Equal(["HALAL"], services["KMG-HALAL"]);
        Assert.Equal(["SPP-IRT"], services["PTSP-SPPIRT"]);
        Assert.Equal(["PTSP-NIB", "KMG-HALAL", "PTSP-SPPIRT"], services.Keys);
    }
}
