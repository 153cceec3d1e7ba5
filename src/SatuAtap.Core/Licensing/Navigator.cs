namespace SatuAtap.Core.Licensing;

/// <summary>One activity as the business owner describes it: its code and the values of the parameters asked.</summary>
public sealed record ActivityAnswer(string Kbli, IReadOnlyDictionary<string, decimal>? Parameters = null);

/// <summary>What the navigator needs to know about the business.</summary>
public sealed record BusinessAnswers(IReadOnlyList<ActivityAnswer> Activities, long CapitalRupiah, bool UsesBuilding, bool HomeFood);

/// <summary>An activity's answer: its risk level (and the parameter that raised it) and the permits of that level.</summary>
public sealed record AssessedActivity(ActivityDefinition Activity, RiskLevel Risk, RiskRaise? RaisedBy, IReadOnlyList<string> Permits);

public sealed record Assessment(BusinessScale Scale, IReadOnlyList<AssessedActivity> Items, IReadOnlyList<string> BasicRequirements,
    IReadOnlyList<string> SupportingPermits)
{
    /// <summary>Every permit code the answer names, business permits first, once each.</summary>
    public IEnumerable<string> AllPermits => Items.SelectMany(i => i.Permits).Concat(BasicRequirements).Concat(SupportingPermits).Distinct();
}

/// <summary>
/// The Link-Satu navigator: which permits a business needs, from its answers and the activity table alone.
/// <list type="bullet">
/// <item>The scale comes from the capital excluding land and buildings (<see cref="RiskCodes.ScaleOf"/>).</item>
/// <item>Each activity's risk is the table's risk for that scale, raised to the row's level when its parameter is
/// above the row's threshold.</item>
/// <item>Low: NIB only; medium-low: NIB and a self-declared standard certificate; medium-high: NIB and a verified
/// standard certificate; high: NIB and a permit.</item>
/// <item>Basic requirements: spatial suitability (self-declared in OSS for micro and small businesses, a KKPR
/// confirmation above); environmental approval (an SPPL statement while every activity is low or medium-low risk,
/// UKL-UPL above); building approval PBG and its certificate SLF when the business builds or uses a building.</item>
/// <item>Supporting permits: those of the activities' rows, and their home-food permits when food is made at home.</item>
/// </list>
/// </summary>
public static class Navigator
{
    /// <summary>The assessment, or the codes the table does not hold.</summary>
    public static (Assessment? Assessment, IReadOnlyList<string> Unknown) Assess(BusinessAnswers answers, IReadOnlyDictionary<string, ActivityDefinition> table)
    {
        var unknown = answers.Activities.Select(a => a.Kbli).Where(k => !table.ContainsKey(k)).Distinct().ToList();
        if (unknown.Count > 0) return (null, unknown);
        var scale = RiskCodes.ScaleOf(answers.CapitalRupiah);
        var items = new List<AssessedActivity>();
        foreach (var answer in answers.Activities.DistinctBy(a => a.Kbli))
        {
            var activity = table[answer.Kbli];
            var risk = activity.RiskAt(scale);
            RiskRaise? raisedBy = null;
            if (activity.Raise is { } raise && answer.Parameters is { } p && p.TryGetValue(raise.Parameter, out var value)
                && value > raise.Above && raise.To > risk)
            {
                risk = raise.To;
                raisedBy = raise;
            }
            items.Add(new AssessedActivity(activity, risk, raisedBy, PermitsFor(risk)));
        }

        var basic = new List<string>
        {
            scale is BusinessScale.Micro or BusinessScale.Small ? PermitKinds.SpatialSelfDeclared : PermitKinds.Spatial,
            items.All(i => i.Risk <= RiskLevel.MediumLow) ? PermitKinds.EnvironmentStatement : PermitKinds.EnvironmentManagement,
        };
        if (answers.UsesBuilding) basic.AddRange([PermitKinds.Building, PermitKinds.BuildingFitness]);

        var supporting = items.SelectMany(i => answers.HomeFood ? i.Activity.Supporting.Concat(i.Activity.SupportingHomeFood) : i.Activity.Supporting)
            .Distinct(StringComparer.Ordinal).ToList();
        return (new Assessment(scale, items, basic, supporting), []);
    }

    public static IReadOnlyList<string> PermitsFor(RiskLevel risk) => risk switch
    {
        RiskLevel.Low => [PermitKinds.Nib],
        RiskLevel.MediumLow => [PermitKinds.Nib, PermitKinds.StandardSelfDeclared],
        RiskLevel.MediumHigh => [PermitKinds.Nib, PermitKinds.StandardVerified],
        _ => [PermitKinds.Nib, PermitKinds.Permit],
    };
}
