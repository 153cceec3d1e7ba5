namespace SatuAtap.Bench;

/// <summary>Which same-run baseline a scenario is compared with.</summary>
public enum BaselineKind
{
    /// <summary>The mall's bare <c>GET /api/v1/ping</c>, same process and pipeline.</summary>
    Ping,
    /// <summary>A one-row EF Core insert behind a bare endpoint on the same database engine (<see cref="InsertBaseline"/>).</summary>
    Insert,
    /// <summary>No baseline: the target is absolute (latencies, counts), as for the booking rush and the board update.</summary>
    None,
}

/// <summary>A fact checked after a scenario's run (no duplicate numbers, exactly 100 winners, ...), with what was found.</summary>
public sealed record Check(string What, bool Passed, string Found);

/// <summary>The bar a scenario must clear. Null parts are not checked.</summary>
public sealed record Target(double? MinRatio = null, double? MaxP95Ms = null, double? MaxP99Ms = null)
{
    public override string ToString() => string.Join(", ", new[]
    {
        MinRatio is { } r ? $"≥ {r:P0} of baseline" : null,
        MaxP95Ms is { } p95 ? $"p95 < {p95:0} ms" : null,
        MaxP99Ms is { } p99 ? $"p99 < {p99:0} ms" : null,
    }.Where(s => s is not null));

    /// <summary>Met only when at least one request completed: percentiles of no requests are zeros, not speed.</summary>
    public bool Met(LoadResult r, double ratio) =>
        r.Requests > 0
        && (MinRatio is not { } min || ratio >= min)
        && (MaxP95Ms is not { } p95 || r.P95Ms < p95)
        && (MaxP99Ms is not { } p99 || r.P99Ms < p99)
        && r.Errors == 0;
}

/// <summary>
/// A named load scenario. The common kind repeats one request under steady load (<see cref="SteadyScenario"/>);
/// one that needs a different shape (a rush of many clients racing once for few places, a signed-in inbox) derives
/// from this class and produces a <see cref="LoadResult"/> its own way.
/// </summary>
public abstract class Scenario
{
    public required string Name { get; init; }
    public required string Measures { get; init; }
    public required Target Target { get; init; }
    public BaselineKind Baseline { get; init; } = BaselineKind.Ping;

    /// <summary>
    /// True for a steady load that the harness warms up by repeating it until throughput settles. A scenario of
    /// another shape (a rush that uses up its places) returns false and warms up inside <see cref="RunAsync"/>.
    /// </summary>
    public virtual bool Steady => true;

    /// <summary>Any preparation against the running mall (accounts, fixtures) before the measured run.</summary>
    public virtual Task PrepareAsync(BenchContext bench, CancellationToken ct) => Task.CompletedTask;

    public abstract Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct);

    /// <summary>Facts checked after the measured run (read back through the API or the database); all must pass.</summary>
    public virtual Task<IReadOnlyList<Check>> VerifyAsync(BenchContext bench, CancellationToken ct) => Task.FromResult<IReadOnlyList<Check>>([]);
}

/// <summary>One request repeated by wrk under the run's threads and connections.</summary>
public sealed class SteadyScenario : Scenario
{
    public required LoadRequest Request { get; init; }

    public override Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct) =>
        bench.LoadAsync(Request, duration, ct);
}

/// <summary>The scenarios the harness knows. Add one here; <c>--scenario NAME</c> picks a subset.</summary>
public static class Scenarios
{
    public static readonly IReadOnlyList<Scenario> All =
    [
        new SteadyScenario
        {
            Name = "search-api",
            Measures = "Catalog search through the JSON API: `GET /api/v1/services?q=ktp` (cached catalog, search, serialization).",
            Request = new("/api/v1/services?q=ktp"),
            Target = new(MinRatio: 0.25, MaxP99Ms: 20),
        },
        new SteadyScenario
        {
            Name = "service-page",
            Measures = "A service's public HTML page: `GET /layanan/DKP-KTP` (Razor page, layout, localisation).",
            Request = new("/layanan/DKP-KTP"),
            Target = new(MinRatio: 0.10),
        },
        new SteadyScenario
        {
            Name = "outreach-schedule-api",
            Measures = "The mobile unit's schedule through the JSON API: `GET /api/v1/outreach/visits` (the coming 90 days of the demo circuit, with each service's places left).",
            Request = new("/api/v1/outreach/visits"),
            Target = new(MinRatio: 0.10),
        },
        new SteadyScenario
        {
            Name = "outreach-stop-page",
            Measures = "A mobile-unit stop's public HTML page: `GET /keliling/surade` (next visit, coming visits with places left).",
            Request = new("/keliling/surade"),
            Target = new(MinRatio: 0.10),
        },
        InsightsScenario.Summary(),
        InsightsScenario.Series(),
        InsightsScenario.Page(),
        new TicketIssueScenario(),
        new BookingRushScenario(),
        new VisitRushScenario(),
        new BoardUpdateScenario(),
        new InboxScenario(page: false),
        new InboxScenario(page: true),
        new ApplicationSubmitScenario(),
        new SurveyIndexScenario(),
        new LicensingScenario
        {
            Name = "licensing-search",
            Measures = "Link-Satu activity search on a generated table of 1,800 activities: `GET /api/v1/licensing/activities?q=warung makan` (cached table, word match, JSON).",
            Request = new("/api/v1/licensing/activities?q=warung+makan"),
            Target = new(MaxP99Ms: 20),
        },
        new LicensingScenario
        {
            Name = "licensing-assessment",
            Measures = "The Link-Satu navigator: `POST /api/v1/licensing/assessments` with three activities of the generated table (one raised by a parameter), a building and food at home.",
            Request = new("/api/v1/licensing/assessments", "POST", LicensingTable.AssessmentBody(), "application/json"),
            Target = new(MinRatio: 0.25),
        },
    ];
}
