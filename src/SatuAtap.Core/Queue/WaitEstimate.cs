namespace SatuAtap.Core.Queue;

/// <summary>Estimated wait and the figures of service times.</summary>
public static class WaitEstimate
{
    /// <summary>Minutes until a ticket with <paramref name="ahead"/> people before it is called, with the counters sharing the work.</summary>
    public static int Minutes(int ahead, int counters, double serviceMinutes)
    {
        if (ahead <= 0) return 0;
        return (int)Math.Ceiling(ahead * Math.Max(serviceMinutes, 0.5) / Math.Max(counters, 1));
    }

    /// <summary>The typical service time from the finished tickets (median), or the default when there are too few.</summary>
    public static double ServiceMinutes(IReadOnlyList<double> recent, double fallback, int atLeast = 3) =>
        recent.Count >= atLeast ? Percentile(recent, 0.5)!.Value : fallback;

    /// <summary>The nearest-rank percentile (p in 0..1), or null for no values.</summary>
    public static double? Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.OrderBy(v => v).ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
