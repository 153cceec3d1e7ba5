using System.Net.Http.Json;
using System.Text.Json;

namespace SatuAtap.Bench;

/// <summary>
/// An Insights read on the generated ~3 years (<see cref="InsightsData"/>: 1,000,000 tickets, 500,000 applications,
/// the day rows kept by the mall's own rebuild): the summary or the monthly series of the last 365 days as the mall
/// manager (bearer token), or the public page. Afterwards the served figure read through the API must equal the
/// services delivered counted from the records (tickets done + applications decided in the period), and the
/// generated tickets counted there must be those the generator wrote.
/// </summary>
public sealed class InsightsScenario : Scenario
{
    private readonly Func<DateOnly, DateOnly, string> _path;
    private readonly bool _manager;
    private LoadRequest? _request;

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public InsightsScenario(string name, string measures, Target target, Func<DateOnly, DateOnly, string> path, bool manager)
    {
        Name = name;
        Measures = measures;
        Target = target;
        _path = path;
        _manager = manager;
    }

    public static InsightsScenario Summary() => new("insights-summary-api",
        "The performance summary of the last 365 days as the mall manager: `GET /api/v1/insights/summary?from=&to=` on the generated 3 years (1,000,000 tickets, 500,000 applications; kept day rows, figures, JSON).",
        new Target(MaxP95Ms: 300), (from, to) => $"/api/v1/insights/summary?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", manager: true);

    public static InsightsScenario Series() => new("insights-series",
        "A year's monthly series of services delivered as the mall manager: `GET /api/v1/insights/series?metric=served&by=month&from=&to=` on the generated 3 years.",
        new Target(MaxP95Ms: 300), (from, to) => $"/api/v1/insights/series?metric=served&by=month&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", manager: true);

    public static InsightsScenario Page() => new("insights-page",
        "The public performance page: `GET /kinerja` (this year's figures of the whole mall, per month and per agency, from the kept day rows of the generated 3 years; Razor page).",
        new Target(MinRatio: 0.10), (_, _) => "/kinerja", manager: false);

    /// <summary>The last 365 days, today included, in the mall's time zone.</summary>
    private static (DateOnly From, DateOnly To) Year(TimeZoneInfo zone)
    {
        var to = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        return (to.AddDays(-364), to);
    }

    public override async Task PrepareAsync(BenchContext bench, CancellationToken ct)
    {
        await InsightsData.EnsureAsync(bench, ct);
        using var http = MallApi.Client(bench.Mall.BaseUri);
        var (_, zone) = await MallApi.BuildingAsync(http, ct);
        var (from, to) = Year(zone);
        _request = _manager
            ? new LoadRequest(_path(from, to), Headers: new Dictionary<string, string> { ["Authorization"] = "Bearer " + await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.Manager, ct) })
            : new LoadRequest(_path(from, to));
    }

    public override Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct) =>
        bench.LoadAsync(_request ?? throw new InvalidOperationException("Not prepared."), duration, ct);

    public override async Task<IReadOnlyList<Check>> VerifyAsync(BenchContext bench, CancellationToken ct)
    {
        var history = await InsightsData.EnsureAsync(bench, ct);
        using var http = MallApi.Client(bench.Mall.BaseUri);
        var (_, zone) = await MallApi.BuildingAsync(http, ct);
        http.DefaultRequestHeaders.Authorization = MallApi.Bearer(await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.Manager, ct));
        var (from, to) = Year(zone);
        // The API's figure, read after the run (the series: the sum of its months).
        var served = Name == "insights-series"
            ? (await http.GetFromJsonAsync<JsonElement>(_path(from, to), ct)).EnumerateArray().Sum(p => p.GetProperty("value").ValueKind == JsonValueKind.Number ? p.GetProperty("value").GetInt32() : 0)
            : (await http.GetFromJsonAsync<JsonElement>($"/api/v1/insights/summary?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", ct)).GetProperty("served").GetInt32();
        var records = await InsightsData.ServedInRecordsAsync(bench.Database, zone, from, to, ct);
        var generated = history.FinishedBetween(from, to);
        return
        [
            new Check($"served of the last 365 days ({(Name == "insights-series" ? "the months of the series added up" : "the summary")}) = tickets done + applications decided, counted in the records",
                served == records.All, $"API {served:N0}, records {records.All:N0} (of which generated: {records.GeneratedTickets:N0} tickets, {records.GeneratedApplications:N0} applications)"),
            new Check("the generated tickets done in the period are all counted", records.GeneratedTickets == generated,
                $"generated {generated:N0}, in the records {records.GeneratedTickets:N0}"),
            new Check("the mall's rebuild of the 3 years answered", history.RebuiltDays > 0, history.ToString()),
        ];
    }
}
