using System.Diagnostics;
using System.Globalization;
using SatuAtap.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Options options;
try
{
    options = Options.Parse(args);
}
catch (Options.HelpRequestedException)
{
    Console.WriteLine(Options.Usage);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 1;
}

var scenarios = Scenarios.All.Where(s => options.Only.Count == 0 || options.Only.Contains(s.Name)).ToList();
if (options.List || scenarios.Count == 0)
{
    if (!options.List) Console.Error.WriteLine($"No scenario named {string.Join(", ", options.Only)}. The scenarios are:");
    foreach (var s in Scenarios.All) Console.WriteLine($"{s.Name,-16} {s.Measures}  Target: {s.Target} vs {s.Baseline}.");
    return options.List ? 0 : 1;
}
if (Wrk.Locate() is null)
{
    Console.Error.WriteLine("wrk is not installed: run 'sudo apt-get install wrk' (bench/run.sh installs it when run as root).");
    return 1;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var ct = cts.Token;
void Say(string s) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {s}");

var repoRoot = RepoRoot();
var workDir = Directory.CreateTempSubdirectory("satuatap-bench-").FullName;
var settings = new LoadSettings(options.Threads, options.Connections, TimeSpan.FromSeconds(options.Seconds));
var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
try
{
    string appDll;
    if (options.App is { } given) appDll = Path.GetFullPath(given);
    else
    {
        Say("Publishing src/SatuAtap.Web in Release");
        appDll = await MallProcess.PublishAsync(repoRoot, Path.Combine(repoRoot, "artifacts", "bench", "app"), ct);
    }

    await using var db = options.Db == "postgres" ? await Database.PostgresAsync(options.Pg!, ct) : Database.Sqlite(workDir);
    Say($"Starting the mall on {db.Description}");
    var started = Stopwatch.StartNew();
    var multiNode = options.Nodes > 1;
    Dictionary<string, string>? nodeRedis = multiNode ? new() { ["Redis__Configuration"] = options.Redis! } : null;
    await using var mall = await MallProcess.StartAsync(appDll, db, workDir, ct, nodeRedis);
    Say($"Ready at {mall.BaseUri} (pid {mall.Pid}) after {started.Elapsed.TotalSeconds:0.0} s; RSS {mall.Memory().RssMb:0} MB" +
        (MallProcess.LastPrepare is { } prepared ? $" (`migrate`, the database prepared and the demo seeded in a process of its own: {prepared.Seconds:0.0} s, peak {prepared.PeakMb:0} MB)" : ""));
    // --nodes: the further nodes start after the first has migrated and seeded, on the same database and Redis.
    var nodes = new List<MallProcess> { mall };
    await using var nodesStop = new NodesStop(nodes);
    for (var n = 2; n <= options.Nodes; n++)
    {
        var node = await mall.StartSecondNodeAsync(appDll, db, Directory.CreateDirectory(Path.Combine(workDir, $"node{n}")).FullName, ct);
        nodes.Add(node);
        Say($"Node {n} ready at {node.BaseUri} (pid {node.Pid}); /health/ready: {await ReadyAsync(node.BaseUri, ct)}");
    }
    if (multiNode) Say($"Node 1 /health/ready: {await ReadyAsync(mall.BaseUri, ct)}");
    var wrk = new Wrk(workDir);
    var bench = new BenchContext(mall, wrk, settings, db, nodes);
    var ping = new LoadRequest("/api/v1/ping");
    // The mall's memory after each step: the report says in which step the peak was reached.
    var memorySteps = new List<Report.MemoryStep>();
    void MemoryAfter(string step) { var (rss, peak) = mall.Memory(); memorySteps.Add(new(step, rss, peak)); }
    MemoryAfter("the start");

    async Task<LoadResult> Measure(string what, Func<TimeSpan, Task<LoadResult>> run)
    {
        // Warm up until throughput settles: a fresh process runs unoptimised (tier-0) code until the JIT has
        // recompiled its hot methods, which on a busy machine takes tens of seconds, not a fixed few.
        if (options.WarmupSeconds > 0)
        {
            var step = TimeSpan.FromSeconds(options.WarmupSeconds);
            var warm = Stopwatch.StartNew();
            var last = (await run(step)).RequestsPerSecond;
            while (warm.Elapsed.TotalSeconds < options.SettleMaxSeconds)
            {
                var now = (await run(step)).RequestsPerSecond;
                var settled = Math.Abs(now - last) <= 0.10 * Math.Max(now, last);
                last = now;
                if (settled) break;
            }
            Say($"{what,-28} warmed up for {warm.Elapsed.TotalSeconds:0} s (last {last:0} req/s)");
        }
        var r = await run(settings.Duration);
        Say($"{what,-28} {r.RequestsPerSecond,10:0} req/s  p50 {r.P50Ms:0.00} ms  p95 {r.P95Ms:0.00} ms  p99 {r.P99Ms:0.00} ms  errors {r.Errors}");
        return r;
    }

    Task<LoadResult> Ping(TimeSpan d) => bench.LoadAsync(ping, d, ct);
    var insertNeeded = options.InsertBaseline || scenarios.Any(s => s.Baseline == BaselineKind.Insert);
    await using var insert = insertNeeded ? await InsertBaseline.StartAsync(db, ct) : null;
    Task<LoadResult> Insert(TimeSpan d) => wrk.RunAsync(insert!.BaseUri, InsertBaseline.Request, settings with { Duration = d }, ct);

    var pingBefore = await Measure("baseline ping (before)", Ping);
    var insertBefore = insert is null ? null : await Measure("baseline EF insert (before)", Insert);
    MemoryAfter("the baselines (before)");
    var results = new List<(Scenario Scenario, LoadResult Result, IReadOnlyList<Check> Checks)>();
    foreach (var scenario in scenarios)
    {
        await scenario.PrepareAsync(bench, ct);
        LoadResult result;
        if (scenario.Steady) result = await Measure(scenario.Name, d => scenario.RunAsync(bench, d, ct));
        else
        {
            // A rush or a sequence of rounds warms up inside its own run (its places are used up once).
            result = await scenario.RunAsync(bench, settings.Duration, ct);
            Say($"{scenario.Name,-28} {result.RequestsPerSecond,10:0} req/s  p50 {result.P50Ms:0.00} ms  p95 {result.P95Ms:0.00} ms  p99 {result.P99Ms:0.00} ms  errors {result.Errors}");
        }
        var checks = await scenario.VerifyAsync(bench, ct);
        foreach (var c in checks) Say($"{scenario.Name,-28} {(c.Passed ? "ok  " : "FAIL")} {c.What}: {c.Found}");
        results.Add((scenario, result, checks));
        MemoryAfter(scenario.Name);
    }
    var insertAfter = insert is null ? null : await Measure("baseline EF insert (after)", Insert);
    var pingAfter = await Measure("baseline ping (after)", Ping);
    MemoryAfter("the baselines (after)");
    var memory = mall.Memory();
    var insertedRows = insert is null ? 0 : await insert.CountAsync(ct);

    Say("Weighing public pages");
    var pages = await Pages.WeighAsync(mall.BaseUri, ct);

    // --redis: the Redis-compared scenarios again, on a second mall (fresh database of the same kind) with Redis.
    string? redisSection = null;
    if (options.Redis is { } redisConfig && !multiNode)
    {
        var compared = results.Where(r => Report.RedisCompared.Contains(r.Scenario.Name)).ToList();
        if (compared.Count == 0) Say("--redis: neither search-api nor ticket-issue is selected; nothing to compare.");
        else
        {
            // The first mall's measurements are done: stop it so the two never share the cores.
            await mall.DisposeAsync();
            var redisDir = Directory.CreateDirectory(Path.Combine(workDir, "redis")).FullName;
            await using var redisDb = options.Db == "postgres" ? await Database.PostgresAsync(options.Pg!, ct) : Database.Sqlite(redisDir);
            Say($"Starting a second mall with Redis:Configuration={redisConfig} on {redisDb.Description}");
            await using var redisMall = await MallProcess.StartAsync(appDll, redisDb, redisDir, ct,
                new Dictionary<string, string> { ["Redis__Configuration"] = redisConfig });
            var redisBench = new BenchContext(redisMall, wrk, settings, redisDb);
            Task<LoadResult> RedisPing(TimeSpan d) => wrk.RunAsync(redisMall.BaseUri, ping, settings with { Duration = d }, ct);
            var health = await ReadyAsync(redisMall.BaseUri, ct);
            Say($"Second mall ready at {redisMall.BaseUri} (pid {redisMall.Pid}); /health/ready: {health}");
            var redisPingBefore = await Measure("Redis: baseline ping (before)", RedisPing);
            var rows = new List<Report.RedisRow>();
            foreach (var (scenario, without, _) in compared)
            {
                await scenario.PrepareAsync(redisBench, ct);
                var with = await Measure($"Redis: {scenario.Name}", d => scenario.RunAsync(redisBench, d, ct));
                var checks = await scenario.VerifyAsync(redisBench, ct);
                foreach (var c in checks) Say($"Redis: {scenario.Name,-20} {(c.Passed ? "ok  " : "FAIL")} {c.What}: {c.Found}");
                rows.Add(new Report.RedisRow(scenario, without, with, checks));
            }
            var redisPingAfter = await Measure("Redis: baseline ping (after)", RedisPing);
            var healthAfter = await ReadyAsync(redisMall.BaseUri, ct);
            redisSection = Report.RedisComparison(redisConfig, health, healthAfter, pingBefore, pingAfter, redisPingBefore, redisPingAfter, rows);
        }
    }

    var report = Report.Build(new Report.Run(
        DateTimeOffset.Now, db.Description + (multiNode
            ? $"; {nodes.Count} mall processes on it and one Redis, every load spread over them (one wrk per node, connections shared out, requests/s summed, the worst node's percentiles); memory is node 1's"
            : ""), Machine(), loadBefore, File.ReadAllText("/proc/loadavg").Split(' ')[0], Commit(repoRoot), settings,
        options.WarmupSeconds, pingBefore, pingAfter, insertBefore, insertAfter, insertedRows, results, pages, memory, memorySteps));
    var markdown = redisSection is null ? report.Markdown : report.Markdown + Environment.NewLine + redisSection;
    Console.WriteLine(markdown);
    if (options.Out is { } outFile)
    {
        var path = Path.IsPathRooted(outFile) ? outFile : Path.Combine(Environment.CurrentDirectory, outFile);
        await File.AppendAllTextAsync(path, Environment.NewLine + markdown, ct);
        Say($"Appended to {path}");
    }
    return options.Strict && (!report.AllMet || redisSection?.Contains("| FAIL |", StringComparison.Ordinal) == true) ? 2 : 0;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 1;
}
finally
{
    if (options.Keep) Say($"Kept {workDir}");
    else
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(workDir, recursive: true); } catch (IOException) { }
    }
}

static async Task<string> ReadyAsync(Uri baseUri, CancellationToken ct)
{
    using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
    using var r = await http.GetAsync("/health/ready", ct);
    var body = (await r.Content.ReadAsStringAsync(ct)).Trim();
    return $"{(int)r.StatusCode} {(body.Length > 200 ? body[..200] : body)}";
}

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "SatuAtap.slnx"))) return dir.FullName;
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "SatuAtap.slnx"))) return dir.FullName;
    throw new InvalidOperationException("SatuAtap.slnx not found above the harness or the current folder.");
}

static string Machine()
{
    var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    return $"{Environment.ProcessorCount} cores ({model}), {double.Parse(memKb) / 1024 / 1024:0} GB RAM, .NET {Environment.Version}";
}

static string Commit(string repoRoot)
{
    try
    {
        string Git(params string[] a)
        {
            var psi = new ProcessStartInfo("git") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var x in a) psi.ArgumentList.Add(x);
            using var p = Process.Start(psi)!;
            var s = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return s;
        }
        var head = Git("rev-parse", "--short", "HEAD");
        return Git("status", "--porcelain", "--untracked-files=no").Length > 0 ? head + " (with local changes)" : head;
    }
    catch (System.ComponentModel.Win32Exception) { return "unknown"; }
}

/// <summary>Stops the nodes after the first (the first is disposed on its own).</summary>
sealed class NodesStop(List<MallProcess> nodes) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes.Skip(1)) await node.DisposeAsync();
    }
}
