namespace SatuAtap.Core.Insights;

/// <summary>One figure of a period beside the previous period's (docs/insights.md, "Comparisons").</summary>
public sealed record ComparedFigure(string Metric, double? Value, double? Previous, double? Change);

/// <summary>GET /api/v1/insights/compare: this period against the previous one of equal length.</summary>
public sealed record InsightComparison(string Period, string PreviousPeriod, IReadOnlyList<ComparedFigure> Figures);

/// <summary>The pure rules of the comparisons and the breakdowns: the previous period, the change, the slowest services.</summary>
public static class Comparisons
{
    /// <summary>The period of equal length that ends the day before <paramref name="from"/>.</summary>
    public static (DateOnly From, DateOnly To) PreviousPeriod(DateOnly from, DateOnly to)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        return (from.AddDays(-days), from.AddDays(-1));
    }

    /// <summary>The change of a figure: value − previous value, three decimals; null when either is missing.</summary>
    public static double? Change(double? value, double? previous) =>
        value is { } v && previous is { } p ? Math.Round(v - p, 3, MidpointRounding.AwayFromZero) : null;

    /// <summary>Every metric of the series (the same one function per figure) for both periods, with its change.</summary>
    public static IReadOnlyList<ComparedFigure> Of(Figures now, Figures before) =>
        InsightReads.Metrics.Select(m =>
        {
            var (value, previous) = (m.Value(now), m.Value(before));
            return new ComparedFigure(m.Key, value, previous, Change(value, previous));
        }).ToList();

    /// <summary>
    /// The slowest services: the services shown apart whose applications completed in the period number at least
    /// five (the small-group rule) and have a due date, worst share completed within the standard first (ties: more
    /// applications first, then by name).
    /// </summary>
    public static IReadOnlyList<GroupFigures> Slowest(IEnumerable<GroupFigures> services) =>
        services.Where(g => !g.Hidden && g.Key != InsightReads.OtherKey && g.Figures.OnTimeShare is not null
                            && InsightFigures.ShownApart(g.Figures.ApplicationsCompleted))
            .OrderBy(g => g.Figures.OnTimeShare)
            .ThenByDescending(g => g.Figures.ApplicationsCompleted)
            .ThenBy(g => g.Name, StringComparer.CurrentCulture)
            .ToList();
}

/// <summary>One group of GET /api/v1/insights/breakdown and /slowest: its key (agency or service code, site id;
/// <c>other</c> for the small groups folded together), name and figures; the figures are null when
/// <see cref="Suppressed"/>.</summary>
public sealed record BreakdownRow(
    string Key, string Name, bool Suppressed, int? Served, WaitMinutes? WaitMinutes, double? ServiceMinutes, double? OnTimeShare,
    int? ApplicationsCompleted, double? OnlineShare, int? Returns, decimal? Ikm, string? Grade)
{
    public static BreakdownRow Of(GroupFigures g) => g.Hidden
        ? new BreakdownRow(g.Key, g.Name, true, null, null, null, null, null, null, null, null, null)
        : new BreakdownRow(g.Key, g.Name, false, g.Figures.Served, new WaitMinutes(g.Figures.WaitP50, g.Figures.WaitP90), g.Figures.ServiceMinutes,
            g.Figures.OnTimeShare, g.Figures.ApplicationsCompleted, g.Figures.OnlineShare, g.Figures.Returns, g.Figures.Ikm, g.Figures.Grade);
}
