using System.Net.Http.Json;
using System.Text.Json;

namespace SatuAtap.Bench;

/// <summary>
/// The dashboard's summary through the API as the mall manager (bearer token): a year's figures,
/// <c>GET /api/v1/insights/summary?from=…&amp;to=…</c> over the demo history (<c>Demo:HistoryDays</c>, 180 days by
/// default), read from the kept day rows. Not yet the 1,000,000 tickets and 500,000 applications.
/// </summary>
public sealed class InsightsSummaryScenario : Scenario
{
    private LoadRequest? _request;

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public InsightsSummaryScenario()
    {
        Name = "insights-summary-api";
        Measures = "The performance summary of the last 365 days as the mall manager: `GET /api/v1/insights/summary?from=&to=` (kept day rows of the demo history, figures, JSON).";
        Target = new(MaxP95Ms: 300);
    }

    private static string Query()
    {
        var to = DateOnly.FromDateTime(DateTime.UtcNow);
        return $"/api/v1/insights/summary?from={to.AddDays(-364):yyyy-MM-dd}&to={to:yyyy-MM-dd}";
    }

    public override async Task PrepareAsync(BenchContext bench, CancellationToken ct)
    {
        var token = await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.Manager, ct);
        _request = new LoadRequest(Query(), Headers: new Dictionary<string, string> { ["Authorization"] = "Bearer " + token });
    }

    public override Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct) =>
        bench.LoadAsync(_request ?? throw new InvalidOperationException("Not prepared."), duration, ct);

    public override async Task<IReadOnlyList<Check>> VerifyAsync(BenchContext bench, CancellationToken ct)
    {
        using var http = MallApi.Client(bench.Mall.BaseUri);
        http.DefaultRequestHeaders.Authorization = MallApi.Bearer(await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.Manager, ct));
        var summary = await http.GetFromJsonAsync<JsonElement>(Query(), ct);
        var served = summary.GetProperty("served").GetInt32();
        return [new Check("the summary counts the demo history's services (served > 0)", served > 0, $"served {served}")];
    }
}
