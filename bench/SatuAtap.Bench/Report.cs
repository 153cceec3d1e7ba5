using System.Text;

namespace SatuAtap.Bench;

/// <summary>The run as a markdown section: load table, page weights, memory.</summary>
public static class Report
{
    public const double MaxResidentMb = 300;

    public sealed record Run(
        DateTimeOffset At, string Database, string Machine, string LoadBefore, string LoadAfter, string Commit, LoadSettings Settings,
        int WarmupSeconds, LoadResult PingBefore, LoadResult PingAfter, LoadResult? InsertBefore, LoadResult? InsertAfter, long InsertedRows,
        IReadOnlyList<(Scenario Scenario, LoadResult Result, IReadOnlyList<Check> Checks)> Scenarios, IReadOnlyList<Pages.Weight> Pages, (double RssMb, double PeakMb) Memory,
        IReadOnlyList<MemoryStep> MemorySteps);

    /// <summary>The mall's resident memory (VmRSS) and its peak so far (VmHWM), in MB, read when a step of the run ended.</summary>
    public sealed record MemoryStep(string After, double RssMb, double PeakMb);

    public sealed record Output(string Markdown, bool AllMet);

    public static Output Build(Run run)
    {
        var pingMean = (run.PingBefore.RequestsPerSecond + run.PingAfter.RequestsPerSecond) / 2;
        double? insertMean = run.InsertBefore is { } ib && run.InsertAfter is { } ia ? (ib.RequestsPerSecond + ia.RequestsPerSecond) / 2 : null;
        var allMet = true;
        var md = new StringBuilder();
        md.AppendLine($"### {run.At:yyyy-MM-dd HH:mm zzz} · {run.Database}");
        md.AppendLine();
        md.AppendLine($"Machine: {run.Machine}; load average {run.LoadBefore} before, {run.LoadAfter} after. Commit {run.Commit}. " +
                      $"wrk -t{run.Settings.Threads} -c{run.Settings.Connections} -d{run.Settings.Duration.TotalSeconds:0}s, " +
                      $"each run after unrecorded {run.WarmupSeconds} s warm-ups until two in a row agree within 10 %.");
        md.AppendLine();
        md.AppendLine("| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | baseline (mean req/s) | ratio | target | result |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |");
        md.AppendLine(Row("baseline: ping (before)", run.PingBefore, "", "", "", ""));
        md.AppendLine(Row("baseline: ping (after)", run.PingAfter, "", "", "", ""));
        if (run.InsertBefore is { } before && run.InsertAfter is { } after)
        {
            md.AppendLine(Row("baseline: EF Core insert (before)", before, "", "", "", ""));
            md.AppendLine(Row("baseline: EF Core insert (after)", after, "", "", "", ""));
        }
        foreach (var (scenario, r, checks) in run.Scenarios)
        {
            var checked_ = checks.All(c => c.Passed);
            var targetText = scenario.Target.ToString() + ", no errors" + (checks.Count > 0 ? ", checks below" : "");
            if (scenario.Baseline == BaselineKind.None)
            {
                var ok = scenario.Target.Met(r, 0) && checked_;
                allMet &= ok;
                md.AppendLine(Row(scenario.Name, r, "—", "", targetText, ok ? "PASS" : "FAIL"));
                continue;
            }
            var (name, mean) = scenario.Baseline == BaselineKind.Ping ? ("ping", (double?)pingMean) : ("EF insert", insertMean);
            if (mean is not { } m || m <= 0)
            {
                allMet = false;
                md.AppendLine(Row(scenario.Name, r, $"{name}: not measured", "", targetText, "FAIL"));
                continue;
            }
            var ratio = r.RequestsPerSecond / m;
            var met = scenario.Target.Met(r, ratio) && checked_;
            allMet &= met;
            md.AppendLine(Row(scenario.Name, r, $"{name} ({m:0})", $"{ratio:P1}", targetText, met ? "PASS" : "FAIL"));
        }
        md.AppendLine();
        if (run.Scenarios.Any(s => s.Checks.Count > 0))
        {
            md.AppendLine("| scenario | check (after the run, read back from the database or the API) | found | result |");
            md.AppendLine("| --- | --- | --- | --- |");
            foreach (var (scenario, _, checks) in run.Scenarios)
                foreach (var c in checks)
                    md.AppendLine($"| {scenario.Name} | {c.What} | {c.Found} | {(c.Passed ? "PASS" : "FAIL")} |");
            md.AppendLine();
        }
        md.AppendLine($"Errors are responses of 400 and above plus socket errors, as wrk counts them; a scenario with no completed request fails. " +
                      $"The EF Core insert baseline wrote {run.InsertedRows:N0} rows." +
                      (run.Scenarios.Any(s => !s.Scenario.Steady)
                          ? " Rows without a baseline are driven by the harness's own HttpClient and timed on the client: for booking-rush, req/s is " +
                            "the rush's requests over its wall time and errors are answers other than 201 and 409; for board-update, the latencies are " +
                            "from call-next returning to the board receiving the call, req/s is rounds per second, and errors are calls the board missed."
                          : ""));
        foreach (var (baseline, first, last) in new[] { ("ping", run.PingBefore, run.PingAfter), ("EF Core insert", run.InsertBefore, run.InsertAfter) })
        {
            if (first is null || last is null) continue;
            var spread = Spread(first.RequestsPerSecond, last.RequestsPerSecond);
            if (spread <= 0.25) continue;
            md.AppendLine();
            md.AppendLine($"Noisy run: the {baseline} baseline moved {spread:P0} between before and after (other work on the machine); " +
                          "ratios against its mean are less certain, absolute figures are not comparable between runs.");
        }
        md.AppendLine();
        md.AppendLine("| public page | status | HTML bytes | `<script` | target | result |");
        md.AppendLine("| --- | ---: | ---: | --- | --- | --- |");
        foreach (var p in run.Pages)
        {
            allMet &= p.Met;
            md.AppendLine($"| `{p.Path}` | {p.Status} | {p.Bytes:N0} | {(p.HasScript ? "yes" : "no")} | 200, < {Pages.MaxBytes:N0} bytes, no script | {(p.Met ? "PASS" : "FAIL")} |");
        }
        md.AppendLine();
        var memMet = run.Memory.PeakMb < MaxResidentMb;
        allMet &= memMet;
        md.AppendLine("| mall process memory | MB | target | result |");
        md.AppendLine("| --- | ---: | --- | --- |");
        md.AppendLine($"| resident after the load (VmRSS) | {run.Memory.RssMb:0} | | |");
        md.AppendLine($"| peak resident (VmHWM) | {run.Memory.PeakMb:0} | < {MaxResidentMb:0} MB | {(memMet ? "PASS" : "FAIL")} |");
        if (MallProcess.LastPrepare is { } prepared)
            md.AppendLine($"| `migrate` before the start, in a process of its own (migrations, roles, the demo's data), peak | {prepared.PeakMb:0} | | {prepared.Seconds:0.0} s |");
        if (run.MemorySteps.Count > 0)
        {
            // A step that raised the peak reached it somewhere inside itself: its preparation, warm-ups, run or checks.
            var reached = run.MemorySteps.First(s => s.PeakMb >= run.MemorySteps[^1].PeakMb);
            md.AppendLine();
            md.AppendLine($"The peak was reached during {reached.After}. The mall's memory after each step:");
            md.AppendLine();
            md.AppendLine("| after | resident MB | peak so far MB | peak raised by MB |");
            md.AppendLine("| --- | ---: | ---: | ---: |");
            for (var i = 0; i < run.MemorySteps.Count; i++)
            {
                var step = run.MemorySteps[i];
                var raised = i == 0 ? 0 : step.PeakMb - run.MemorySteps[i - 1].PeakMb;
                md.AppendLine($"| {step.After} | {step.RssMb:0} | {step.PeakMb:0} | {(raised >= 0.5 ? raised.ToString("0") : "")} |");
            }
        }
        return new Output(md.ToString(), allMet);
    }

    /// <summary>The scenarios <c>--redis</c> measures again on a mall with Redis, and the share of the figure without it they must keep.</summary>
    public static readonly IReadOnlySet<string> RedisCompared = new HashSet<string> { "search-api", "ticket-issue" };
    public const double MinRedisShare = 0.90;

    public sealed record RedisRow(Scenario Scenario, LoadResult Without, LoadResult With, IReadOnlyList<Check> Checks);

    /// <summary>
    /// The same scenarios on a mall without Redis and then on one with it. The two processes ran one after the other,
    /// so each figure is first divided by its own process's ping (mean of before and after) and the share compares
    /// those ratios; the raw share is shown beside it.
    /// </summary>
    public static string RedisComparison(string configuration, string healthBefore, string healthAfter,
        LoadResult pingBefore, LoadResult pingAfter, LoadResult redisPingBefore, LoadResult redisPingAfter, IReadOnlyList<RedisRow> rows)
    {
        var pingWithout = (pingBefore.RequestsPerSecond + pingAfter.RequestsPerSecond) / 2;
        var pingWith = (redisPingBefore.RequestsPerSecond + redisPingAfter.RequestsPerSecond) / 2;
        var md = new StringBuilder();
        md.AppendLine($"#### With Redis on one node (`Redis:Configuration={configuration}`)");
        md.AppendLine();
        md.AppendLine("A second mall process, started after the first had stopped, on a fresh database of the same kind with Redis " +
                      $"configured (`/health/ready` answered `{healthBefore}` before its load and `{healthAfter}` after). Each req/s is " +
                      "divided by the ping baseline of its own process; **share** is the ratio with Redis over the ratio without " +
                      "(raw share: req/s over req/s, conditions permitting).");
        md.AppendLine();
        md.AppendLine("| scenario | without Redis: req/s (÷ ping) | p99 ms | with Redis: req/s (÷ ping) | p99 ms | errors with Redis | share (raw) | target | result |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        md.AppendLine($"| baseline: ping (mean) | {pingWithout:N0} | {pingBefore.P99Ms:0.00} / {pingAfter.P99Ms:0.00} | {pingWith:N0} | {redisPingBefore.P99Ms:0.00} / {redisPingAfter.P99Ms:0.00} | {redisPingBefore.Errors + redisPingAfter.Errors:N0} | {Share(pingWith, pingWithout)} | | |");
        foreach (var row in rows)
        {
            double? without = pingWithout > 0 ? row.Without.RequestsPerSecond / pingWithout : null;
            double? with = pingWith > 0 ? row.With.RequestsPerSecond / pingWith : null;
            double? share = without is > 0 && with is { } w ? w / without.Value : null;
            var met = share >= MinRedisShare && row.With.Errors == 0 && row.With.Requests > 0 && row.Checks.All(c => c.Passed);
            md.AppendLine($"| {row.Scenario.Name} | {row.Without.RequestsPerSecond:N0} ({without:P1}) | {row.Without.P99Ms:0.00} | " +
                          $"{row.With.RequestsPerSecond:N0} ({with:P1}) | {row.With.P99Ms:0.00} | {row.With.Errors:N0} of {row.With.Requests:N0} | " +
                          $"{(share is { } s ? s.ToString("P1") : "—")} ({Share(row.With.RequestsPerSecond, row.Without.RequestsPerSecond)}) | " +
                          $"≥ {MinRedisShare:P0} of without, no errors{(row.Checks.Count > 0 ? ", checks" : "")} | {(met ? "PASS" : "FAIL")} |");
        }
        if (rows.Any(r => r.Checks.Count > 0))
        {
            md.AppendLine();
            md.AppendLine("| scenario (with Redis) | check | found | result |");
            md.AppendLine("| --- | --- | --- | --- |");
            foreach (var row in rows)
                foreach (var c in row.Checks)
                    md.AppendLine($"| {row.Scenario.Name} | {c.What} | {c.Found} | {(c.Passed ? "PASS" : "FAIL")} |");
        }
        return md.ToString();
    }

    private static string Share(double a, double b) => b > 0 ? (a / b).ToString("P1") : "—";

    private static double Spread(double a, double b) => Math.Max(a, b) is var max and > 0 ? Math.Abs(a - b) / max : 0;

    private static string Row(string name, LoadResult r, string baseline, string ratio, string target, string result) =>
        $"| {name}{(r.Requests == 0 ? " (no request completed)" : "")} | {r.RequestsPerSecond:N0} | {r.P50Ms:0.00} | {r.P95Ms:0.00} | {r.P99Ms:0.00} | {r.Errors:N0} of {r.Requests:N0} | {baseline} | {ratio} | {target} | {result} |";
}
