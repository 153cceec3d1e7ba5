using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace SatuAtap.Bench;

/// <summary>
/// Ticket issuing at the kiosk: <c>POST /api/v1/sites/{building}/tickets {"serviceId": NIB}</c>, anonymous, every
/// connection on one series (all issuers serialize on one sequence row), compared with the plain EF Core insert.
/// Afterwards every (site, series, day) in the database must be numbered 1..n without a duplicate or a gap.
/// </summary>
public sealed class TicketIssueScenario : Scenario
{
    public const string ServiceCode = "PTSP-NIB";
    private LoadRequest? _request;

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public TicketIssueScenario()
    {
        Name = "ticket-issue";
        Measures = $"Kiosk ticket issuing: `POST /api/v1/sites/{{building}}/tickets` with the serviceId of {ServiceCode}, anonymous, all connections on one series.";
        Target = new(MinRatio: 0.50);
        Baseline = BaselineKind.Insert;
    }

    public override async Task PrepareAsync(BenchContext bench, CancellationToken ct)
    {
        using var http = MallApi.Client(bench.Mall.BaseUri);
        var (site, _) = await MallApi.BuildingAsync(http, ct);
        var (service, _) = await MallApi.ServiceAsync(http, ServiceCode, ct);
        _request = new LoadRequest($"/api/v1/sites/{site}/tickets", "POST", $$"""{"serviceId":"{{service}}"}""", "application/json");
    }

    public override Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct) =>
        bench.LoadAsync(_request ?? throw new InvalidOperationException("Not prepared."), duration, ct);

    public override async Task<IReadOnlyList<Check>> VerifyAsync(BenchContext bench, CancellationToken ct)
    {
        // Every ticket as issued (hop 0), warm-ups included, grouped by what numbers must be unique and gap-free in.
        // The Insights demo history (series HD) and the generated three years of the Insights scenarios (series HB) are
        // written straight into the table, not issued through the queue, so they are left out.
        var rows = await bench.Database.QueryMallAsync("""
            SELECT "Series", COUNT(*), COUNT(DISTINCT "Number"), MIN("Number"), MAX("Number")
            FROM "QueueTickets" WHERE "Hop" = 0 AND "Series" NOT IN ('HD', 'HB') GROUP BY "SiteId", "Series", "Day" ORDER BY "Series"
            """, ct);
        var checks = new List<Check>();
        foreach (var r in rows)
        {
            long count = long.Parse(r[1]!), distinct = long.Parse(r[2]!), min = long.Parse(r[3]!), max = long.Parse(r[4]!);
            checks.Add(new Check($"series {r[0]}: distinct (series, number) = tickets, numbered 1..n",
                distinct == count && min == 1 && max == count,
                $"{count:N0} tickets, {distinct:N0} distinct numbers, {min}..{max}"));
        }
        if (checks.Count == 0) checks.Add(new Check("tickets were issued", false, "none in the database"));
        return checks;
    }
}

/// <summary>
/// The booking rush: the manager creates a slot of 100 places through the API, then 2,000 clients with distinct
/// phones race for it with <see cref="InFlight"/> requests in flight. Exactly 100 must get 201, the rest 409, none a
/// 500, p99 under 1 s. Latency is taken on the client, per request. A smaller rush (300 for 10 places) on a slot of
/// its own warms the booking path first.
/// </summary>
public sealed class BookingRushScenario : Scenario
{
    public const int Clients = 2_000;
    public const int Places = 100;
    public const int InFlight = 400;
    public const string ServiceCode = "DKP-KK";

    private Guid _site, _service, _slot;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private string _managerToken = "";
    private int _won, _refused, _serverErrors, _other;
    private double _lastWinMs, _wallMs;
    private readonly Dictionary<int, int> _statuses = [];

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public BookingRushScenario()
    {
        Name = "booking-rush";
        Measures = $"{Clients:N0} clients race for {Places} places: `POST /api/v1/bookings` with distinct phones, {InFlight} in flight (HttpClient).";
        Target = new(MaxP99Ms: 1000);
        Baseline = BaselineKind.None;
    }

    public override bool Steady => false;

    public override async Task PrepareAsync(BenchContext bench, CancellationToken ct)
    {
        using var http = MallApi.Client(bench.Mall.BaseUri);
        (_site, _zone) = await MallApi.BuildingAsync(http, ct);
        (_service, _) = await MallApi.ServiceAsync(http, ServiceCode, ct);
        _managerToken = await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.Manager, ct);
    }

    /// <summary>A slot tomorrow (site time, so already open for booking) created as the manager through the API.</summary>
    private async Task<Guid> CreateSlotAsync(Uri baseUri, int capacity, int hour, CancellationToken ct)
    {
        using var http = MallApi.Client(baseUri);
        http.DefaultRequestHeaders.Authorization = MallApi.Bearer(_managerToken);
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, _zone).DateTime).AddDays(1);
        var start = new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(hour, 0)), _zone.GetUtcOffset(tomorrow.ToDateTime(new TimeOnly(hour, 0))));
        using var r = await http.PostAsJsonAsync($"/api/v1/sites/{_site}/slots",
            new { serviceId = _service, start = start.ToString("yyyy-MM-ddTHH:mm:sszzz"), end = start.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:sszzz"), capacity }, ct);
        await MallApi.EnsureAsync(r, "create the rush's slot", ct);
        return (await r.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    public override async Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct)
    {
        var warmSlot = await CreateSlotAsync(bench.Mall.BaseUri, 10, 14, ct);
        var warm = await RushAsync(bench.Nodes, warmSlot, 300, phonePrefix: "081290", ct);
        Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] booking-rush warm-up: 300 clients for 10 places, {warm.Statuses.GetValueOrDefault(201)} won");

        _slot = await CreateSlotAsync(bench.Mall.BaseUri, Places, 15, ct);
        var rush = await RushAsync(bench.Nodes, _slot, Clients, phonePrefix: "081291", ct);
        foreach (var (k, v) in rush.Statuses) _statuses[k] = v;
        _won = rush.Statuses.GetValueOrDefault(201);
        _refused = rush.Statuses.GetValueOrDefault(409);
        _serverErrors = rush.Statuses.Where(kv => kv.Key >= 500).Sum(kv => kv.Value);
        _other = Clients - _won - _refused;
        _lastWinMs = rush.LastWinMs;
        _wallMs = rush.Seconds * 1000;
        var sorted = rush.LatenciesMs.Order().ToList();
        // Errors: anything but the two expected answers (a 201 or a 409); the exact count of winners is a check.
        return new LoadResult(Clients, rush.Seconds, MallApi.Percentile(sorted, 50), MallApi.Percentile(sorted, 95), MallApi.Percentile(sorted, 99),
            sorted.LastOrDefault(), _other, rush.Statuses.GetValueOrDefault(0));
    }

    internal sealed record Rush(Dictionary<int, int> Statuses, List<double> LatenciesMs, double Seconds, double LastWinMs);

    /// <summary>
    /// Sends <paramref name="clients"/> bookings of one slot, distinct phones, <see cref="InFlight"/> at a time; with
    /// several nodes, client i goes to node i mod n.
    /// </summary>
    internal static async Task<Rush> RushAsync(IReadOnlyList<Uri> nodes, Guid slot, int clients, string phonePrefix, CancellationToken ct)
    {
        var https = nodes.Select(n => MallApi.Client(n, InFlight)).ToList();
        try { return await RushAsync(https, slot, clients, phonePrefix, ct); }
        finally { foreach (var h in https) h.Dispose(); }
    }

    private static async Task<Rush> RushAsync(List<HttpClient> https, Guid slot, int clients, string phonePrefix, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(InFlight);
        var statuses = new ConcurrentDictionary<int, int>();
        var latencies = new ConcurrentBag<double>();
        var wall = Stopwatch.StartNew();
        long lastWin = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var body = JsonContent.Create(new { slotId = slot, name = $"Warga {i}", phone = $"{phonePrefix}{i:D6}" });
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using var r = await https[i % https.Count].PostAsync("/api/v1/bookings", body, ct);
                    await r.Content.ReadAsByteArrayAsync(ct);
                    status = (int)r.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    status = 0; // no answer: a socket error or a timeout
                }
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (status == 201) InterlockedMax(ref lastWin, wall.ElapsedTicks);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            }
            finally
            {
                gate.Release();
            }
        }));
        return new Rush(new Dictionary<int, int>(statuses), [.. latencies], wall.Elapsed.TotalSeconds, lastWin * 1000.0 / Stopwatch.Frequency);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var seen = Interlocked.Read(ref target); value > seen; seen = Interlocked.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    public override async Task<IReadOnlyList<Check>> VerifyAsync(BenchContext bench, CancellationToken ct)
    {
        var answers = string.Join(", ", _statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Value:N0} × {(kv.Key == 0 ? "no answer" : kv.Key.ToString())}"));
        var rows = await bench.Database.QueryMallAsync(
            $"""SELECT COUNT(*) FROM "QueueBookings" WHERE "SlotId" = {bench.Database.GuidLiteral(_slot)}""", ct);
        using var http = MallApi.Client(bench.Mall.BaseUri);
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, _zone).DateTime).AddDays(1);
        var slots = await http.GetFromJsonAsync<JsonElement>($"/api/v1/sites/{_site}/slots?serviceId={_service}&date={tomorrow:yyyy-MM-dd}", ct);
        var remaining = slots.EnumerateArray().Where(s => s.GetProperty("id").GetGuid() == _slot).Select(s => s.GetProperty("remaining").GetInt32()).FirstOrDefault(-1);
        return
        [
            new Check($"exactly {Places} × 201, the rest 409", _won == Places && _refused == Clients - Places,
                $"{answers}; the last place went {_lastWinMs:N0} ms after the start, the last answer at {_wallMs:N0} ms"),
            new Check("no 500s", _serverErrors == 0, $"{_serverErrors} answers of 500 or above"),
            new Check($"{Places} bookings in the database, 0 places left through the API", rows[0][0] == Places.ToString() && remaining == 0,
                $"{rows[0][0]} bookings of the slot; remaining {remaining}"),
        ];
    }
}

/// <summary>
/// The live board: a SignalR client joins <c>/hubs/antrian?site={building}</c> as the board page does; each round
/// issues a KTP ticket at the kiosk, the Disdukcapil officer calls next, and the time from <c>call-next</c>
/// returning to the board receiving <c>called</c> with that number is taken (0 when the push arrived first). The
/// ticket is then marked no-show so the counter is free. 20 unrecorded rounds first.
/// </summary>
public sealed class BoardUpdateScenario : Scenario
{
    public const int Rounds = 200;
    public const int WarmupRounds = 20;
    public const string ServiceCode = "DKP-KTP";

    private Guid _site, _service, _counter;
    private string _officerToken = "";
    private int _pushFirst, _missed;
    private double _callP50, _callP99;

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public BoardUpdateScenario()
    {
        Name = "board-update";
        Measures = $"From `call-next` returning (officer) to a SignalR board client receiving `called` with the number; {Rounds} rounds of issue → call next → no-show.";
        Target = new(MaxP99Ms: 250);
        Baseline = BaselineKind.None;
    }

    public override bool Steady => false;

    public override async Task PrepareAsync(BenchContext bench, CancellationToken ct)
    {
        using var http = MallApi.Client(bench.Mall.BaseUri);
        (_site, _) = await MallApi.BuildingAsync(http, ct);
        (_service, var agency) = await MallApi.ServiceAsync(http, ServiceCode, ct);
        _counter = await MallApi.CounterAsync(http, _site, agency, _service, ct);
        _officerToken = await MallApi.TokenAsync(bench.Mall.BaseUri, MallApi.DukcapilOfficer, ct);
    }

    public override async Task<LoadResult> RunAsync(BenchContext bench, TimeSpan duration, CancellationToken ct)
    {
        var baseUri = bench.Mall.BaseUri;
        var calls = Channel.CreateUnbounded<(string Number, long At)>();
        // With several nodes the board listens on the last one while the kiosk and the officer use the first.
        await using var board = new HubConnectionBuilder().WithUrl(new Uri(bench.Nodes[^1], $"hubs/antrian?site={_site}")).Build();
        board.On<JsonElement>("called", m => calls.Writer.TryWrite((m.GetProperty("number").GetString()!, Stopwatch.GetTimestamp())));
        await board.StartAsync(ct);

        using var kiosk = MallApi.Client(baseUri);
        using var officer = MallApi.Client(baseUri);
        officer.DefaultRequestHeaders.Authorization = MallApi.Bearer(_officerToken);
        var latencies = new List<double>();
        var callTimes = new List<double>();
        var wall = Stopwatch.StartNew();
        for (var round = 0; round < WarmupRounds + Rounds; round++)
        {
            if (round == WarmupRounds) wall.Restart();
            using (var issued = await kiosk.PostAsJsonAsync($"/api/v1/sites/{_site}/tickets", new { serviceId = _service }, ct))
                await MallApi.EnsureAsync(issued, "issue a ticket", ct);
            var sent = Stopwatch.GetTimestamp();
            using var call = await officer.PostAsync($"/api/v1/counters/{_counter}/call-next", null, ct);
            await MallApi.EnsureAsync(call, "call next", ct);
            var called = await call.Content.ReadFromJsonAsync<JsonElement>(ct);
            var returned = Stopwatch.GetTimestamp();
            var number = called.GetProperty("number").GetString()!;
            double? latency = null;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                wait.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    while (latency is null)
                    {
                        var (n, at) = await calls.Reader.ReadAsync(wait.Token);
                        if (n == number) latency = Stopwatch.GetElapsedTime(returned, at).TotalMilliseconds;
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            }
            using (var done = await officer.PostAsJsonAsync($"/api/v1/tickets/{called.GetProperty("id").GetGuid()}/actions", new { action = "no-show" }, ct))
                await MallApi.EnsureAsync(done, "mark the ticket no-show", ct);
            if (round < WarmupRounds) continue;
            callTimes.Add(Stopwatch.GetElapsedTime(sent, returned).TotalMilliseconds);
            if (latency is not { } ms) { _missed++; continue; }
            if (ms <= 0) _pushFirst++;
            latencies.Add(Math.Max(0, ms));
        }
        var sorted = latencies.Order().ToList();
        var calls2 = callTimes.Order().ToList();
        (_callP50, _callP99) = (MallApi.Percentile(calls2, 50), MallApi.Percentile(calls2, 99));
        return new LoadResult(Rounds, wall.Elapsed.TotalSeconds, MallApi.Percentile(sorted, 50), MallApi.Percentile(sorted, 95),
            MallApi.Percentile(sorted, 99), sorted.LastOrDefault(), _missed, 0);
    }

    public override Task<IReadOnlyList<Check>> VerifyAsync(BenchContext bench, CancellationToken ct) => Task.FromResult<IReadOnlyList<Check>>(
    [
        new Check($"the board received every one of the {Rounds} calls within 5 s", _missed == 0,
            $"{Rounds - _missed} received, {_missed} missed; {_pushFirst} pushes arrived before call-next's response was read (counted as 0 ms); " +
            $"call-next itself took p50 {_callP50:0.0} ms, p99 {_callP99:0.0} ms"),
    ]);
}
