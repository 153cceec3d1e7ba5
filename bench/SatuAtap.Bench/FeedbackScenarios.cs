using System.Net.Http.Json;
using System.Text.Json;
using NpgsqlTypes;

namespace SatuAtap.Bench;

/// <summary>
/// The satisfaction index over a year of <see cref="Responses"/> survey responses: the manager's
/// <c>GET /api/v1/surveys/index?from=…&amp;to=…</c> for the whole mall (the widest unit: every response of the year is
/// summed). The responses are generated straight into the database (six services, the building and online, every day
/// of the year before the run) before the measured run; afterwards the API must count all of them.
/// </summary>
public sealed class SurveyIndexScenario : Scenario
{
    public const int Responses = 1_000_000;
    private static readonly string[] ServiceCodes = ["DKP-KTP", "DKP-KK", "DKP-AKTA-LAHIR", "PTSP-NIB", "POL-SKCK", "SAM-PKB"];
    private LoadRequest? _request;
    private string _query = "";
    private bool _generated;
    private InsightsData.History? _history;
    private DateOnly _from, _to;

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public SurveyIndexScenario()
    {
        Name = "survey-index";
        Measures = $"The satisfaction index of the whole mall over a year, `GET /api/v1/surveys/index?from=…&to=…` as the manager (bearer token), on {Responses:N0} generated responses.";
        Target = new(MaxP95Ms: 200);
    }

    public override async Task PrepareAsync(BenchContext bench, CancellationToken ct)
    {
        using var http = MallApi.Client(bench.Mall.BaseUri);
        var (building, zone) = await MallApi.BuildingAsync(http, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        var from = today.AddDays(-364);
        _query = $"/api/v1/surveys/index?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        // The index's population counts the people served in the year: the Insights scenarios' generated tickets and
        // applications (written once per run, then the mall's rebuild, which also writes the survey's served counts).
        _history = await InsightsData.EnsureAsync(bench, ct);
        _from = from;
        _to = today;
        if (!_generated)
        {
            var services = new List<(Guid Id, Guid AgencyId)>();
            foreach (var code in ServiceCodes) services.Add(await MallApi.ServiceAsync(http, code, ct));
            Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] generating {Responses:N0} survey responses");
            var totals = new Dictionary<(DateOnly Day, Guid Service, Guid Agency, Guid Site), long[]>();
            await bench.Database.BulkInsertAsync("SurveyResponses", Columns, Rows(services, building, from, totals), ct);
            // The mall keeps a row of per-day and per-month totals for each day (month), service, agency and site as each
            // response is saved (the index reads those); responses written straight into the database need theirs written too. The demo
            // history's responses already have rows for some of the same keys: those are added in and written anew.
            foreach (var kept in await bench.Database.QueryMallAsync(
                "SELECT \"Day\", \"ServiceId\", \"AgencyId\", \"SiteKey\", \"Respondents\", \"S1\", \"S2\", \"S3\", \"S4\", \"S5\", \"S6\", \"S7\", \"S8\", \"S9\" FROM \"SurveyDayTotals\"", ct))
            {
                var key = (DateOnly.FromDateTime(DateTime.Parse(kept[0]!, System.Globalization.CultureInfo.InvariantCulture)), Guid.Parse(kept[1]!), Guid.Parse(kept[2]!), Guid.Parse(kept[3]!));
                if (!totals.TryGetValue(key, out var total)) totals[key] = total = new long[10];
                for (var i = 0; i < 10; i++) total[i] += long.Parse(kept[4 + i]!, System.Globalization.CultureInfo.InvariantCulture);
            }
            await bench.Database.QueryMallAsync("DELETE FROM \"SurveyDayTotals\"", ct);
            await bench.Database.BulkInsertAsync("SurveyDayTotals", TotalColumns, totals.Select(t => new object?[]
            {
                t.Key.Day, t.Key.Service, t.Key.Agency, t.Key.Site, t.Value[0], t.Value[1], t.Value[2], t.Value[3], t.Value[4],
                t.Value[5], t.Value[6], t.Value[7], t.Value[8], t.Value[9],
            }), ct);
            // And the per-month totals, the sums of the day rows of each month and key.
            var months = new Dictionary<(DateOnly Month, Guid Service, Guid Agency, Guid Site), long[]>();
            foreach (var t in totals)
            {
                var key = (new DateOnly(t.Key.Day.Year, t.Key.Day.Month, 1), t.Key.Service, t.Key.Agency, t.Key.Site);
                if (!months.TryGetValue(key, out var month)) months[key] = month = new long[10];
                for (var i = 0; i < 10; i++) month[i] += t.Value[i];
            }
            await bench.Database.QueryMallAsync("DELETE FROM \"SurveyMonthTotals\"", ct);
            await bench.Database.BulkInsertAsync("SurveyMonthTotals", MonthColumns, months.Select(t => new object?[]
            {
                t.Key.Month, t.Key.Service, t.Key.Agency, t.Key.Site, t.Value[0], t.Value[1], t.Value[2], t.Value[3], t.Value[4],
                t.Value[5], t.Value[6], t.Value[7], t.Value[8], t.Value[9],
            }), ct);
            _generated = true;
        }
        _request = new LoadRequest(_query, Headers: new Dictionary<string, string> { ["Authorization"] = "Bearer " + await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.Manager, ct) });
    }

    private static readonly Database.Column[] Columns =
    [
        new("Id", NpgsqlDbType.Uuid), new("ServiceId", NpgsqlDbType.Uuid), new("AgencyId", NpgsqlDbType.Uuid), new("SiteId", NpgsqlDbType.Uuid),
        new("Day", NpgsqlDbType.Date), new("SubmittedAtUtc", NpgsqlDbType.TimestampTz), new("Channel", NpgsqlDbType.Varchar),
        new("U1", NpgsqlDbType.Smallint), new("U2", NpgsqlDbType.Smallint), new("U3", NpgsqlDbType.Smallint), new("U4", NpgsqlDbType.Smallint),
        new("U5", NpgsqlDbType.Smallint), new("U6", NpgsqlDbType.Smallint), new("U7", NpgsqlDbType.Smallint), new("U8", NpgsqlDbType.Smallint),
        new("U9", NpgsqlDbType.Smallint), new("Language", NpgsqlDbType.Varchar), new("IsDemo", NpgsqlDbType.Boolean),
    ];

    private static readonly Database.Column[] TotalColumns =
    [
        new("Day", NpgsqlDbType.Date), new("ServiceId", NpgsqlDbType.Uuid), new("AgencyId", NpgsqlDbType.Uuid), new("SiteKey", NpgsqlDbType.Uuid),
        new("Respondents", NpgsqlDbType.Bigint), new("S1", NpgsqlDbType.Bigint), new("S2", NpgsqlDbType.Bigint), new("S3", NpgsqlDbType.Bigint),
        new("S4", NpgsqlDbType.Bigint), new("S5", NpgsqlDbType.Bigint), new("S6", NpgsqlDbType.Bigint), new("S7", NpgsqlDbType.Bigint),
        new("S8", NpgsqlDbType.Bigint), new("S9", NpgsqlDbType.Bigint),
    ];

    private static readonly Database.Column[] MonthColumns = [new("Month", NpgsqlDbType.Date), .. TotalColumns[1..]];

    private static IEnumerable<object?[]> Rows(List<(Guid Id, Guid AgencyId)> services, Guid building, DateOnly from,
        Dictionary<(DateOnly Day, Guid Service, Guid Agency, Guid Site), long[]> totals)
    {
        var random = new Random(14_2017);
        for (var i = 0; i < Responses; i++)
        {
            var (service, agency) = services[i % services.Count];
            var day = from.AddDays(i % 365);
            var row = new object?[Columns.Length];
            row[0] = Guid.CreateVersion7();
            row[1] = service;
            row[2] = agency;
            row[3] = i % 4 == 0 ? null : building;
            row[4] = day;
            row[5] = day.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
            row[6] = "Paper";
            var key = (day, service, agency, i % 4 == 0 ? Guid.Empty : building);
            if (!totals.TryGetValue(key, out var total)) totals[key] = total = new long[10];
            total[0]++;
            for (var e = 0; e < 9; e++)
            {
                var score = (short)(2 + random.Next(3));
                row[7 + e] = score;
                total[1 + e] += score;
            }
            row[16] = "id";
            row[17] = true;
            yield return row;
        }
    }

    public override Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct) =>
        bench.LoadAsync(_request ?? throw new InvalidOperationException("Not prepared."), duration, ct);

    public override async Task<IReadOnlyList<Check>> VerifyAsync(BenchContext bench, CancellationToken ct)
    {
        using var http = MallApi.Client(bench.Mall.BaseUri);
        http.DefaultRequestHeaders.Authorization = MallApi.Bearer(await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.Manager, ct));
        var index = await http.GetFromJsonAsync<JsonElement>(_query, ct);
        var respondents = index.GetProperty("respondents").GetInt64();
        var grade = index.TryGetProperty("grade", out var g) ? g.GetString() : null;
        var population = index.GetProperty("population").GetInt64();
        var finished = _history?.FinishedBetween(_from, _to) ?? 0;
        return
        [
            new Check($"the index counts every generated response ({Responses:N0}) and has a grade", respondents >= Responses && grade is not null,
                $"{respondents:N0} respondents, IKM {(index.TryGetProperty("ikm", out var ikm) ? ikm.ToString() : "–")}, grade {grade}"),
            new Check($"the population counts at least the year's generated finished tickets ({finished:N0})", population >= finished, $"population {population:N0}"),
        ];
    }
}
