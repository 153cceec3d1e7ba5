using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SatuAtap.Bench;

/// <summary>What one load run measured.</summary>
public sealed record LoadResult(long Requests, double Seconds, double P50Ms, double P95Ms, double P99Ms, double MaxMs, long Errors, long SocketErrors)
{
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;
}

/// <summary>The request a load run repeats. <see cref="Lua"/> may replace the request function (unique bodies, for example).</summary>
public sealed record LoadRequest(string Path, string Method = "GET", string? Body = null, string? ContentType = null,
    IReadOnlyDictionary<string, string>? Headers = null, string? Lua = null);

public sealed record LoadSettings(int Threads, int Connections, TimeSpan Duration);

/// <summary>
/// Drives a loopback URL with wrk and reads the result from a Lua <c>done</c> hook, which gives exact p50/p95/p99
/// (wrk's own <c>--latency</c> table has no p95). wrk counts a response of 400 or above as an error
/// ("Non-2xx or 3xx"); connect, read, write errors and timeouts are counted separately.
/// </summary>
public sealed class Wrk(string workDir)
{
    public static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);

    /// <summary>
    /// One wrk per node at the same moment, the connections and threads shared out between them; the result sums the
    /// requests (requests/s add up), counts every error and keeps the worst node's percentiles.
    /// </summary>
    public async Task<LoadResult> RunSpreadAsync(IReadOnlyList<Uri> nodes, Func<int, int, LoadRequest> requestForNode, LoadSettings settings, CancellationToken ct)
    {
        if (nodes.Count == 1) return await RunAsync(nodes[0], requestForNode(0, settings.Threads), settings, ct);
        var each = settings with
        {
            Threads = Math.Max(1, settings.Threads / nodes.Count),
            Connections = Math.Max(Math.Max(1, settings.Threads / nodes.Count), settings.Connections / nodes.Count),
        };
        var results = await Task.WhenAll(nodes.Select((node, i) => RunAsync(node, requestForNode(i, each.Threads), each, ct)));
        var seconds = results.Average(r => r.Seconds);
        return new LoadResult((long)Math.Round(results.Sum(r => r.RequestsPerSecond) * seconds), seconds,
            results.Max(r => r.P50Ms), results.Max(r => r.P95Ms), results.Max(r => r.P99Ms), results.Max(r => r.MaxMs),
            results.Sum(r => r.Errors), results.Sum(r => r.SocketErrors));
    }

    public async Task<LoadResult> RunAsync(Uri baseUri, LoadRequest request, LoadSettings settings, CancellationToken ct)
    {
        if (!baseUri.IsLoopback) throw new InvalidOperationException($"Only loopback targets are driven, not {baseUri}.");
        var script = Path.Combine(workDir, $"wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(request), ct);
        var psi = new ProcessStartInfo(Locate() ?? "wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "-t" + settings.Threads, "-c" + settings.Connections,
                     "-d" + Math.Max(1, (int)settings.Duration.TotalSeconds) + "s", "--timeout", "10s", "--latency",
                     "-s", script, new Uri(baseUri, request.Path).ToString(),
                 })
            psi.ArgumentList.Add(a);
        using var wrk = Process.Start(psi) ?? throw new InvalidOperationException("wrk did not start.");
        var stdout = wrk.StandardOutput.ReadToEndAsync(ct);
        var stderr = wrk.StandardError.ReadToEndAsync(ct);
        await wrk.WaitForExitAsync(ct);
        File.Delete(script);
        var text = await stdout;
        var m = Regex.Match(text, @"BENCH-RESULT (.*)");
        if (wrk.ExitCode != 0 || !m.Success)
            throw new InvalidOperationException($"wrk failed (exit {wrk.ExitCode}):\n{text}\n{await stderr}");
        var f = m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('='))
            .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        var socket = (long)(f["connect"] + f["read"] + f["write"] + f["timeout"]);
        return new LoadResult((long)f["requests"], f["duration_us"] / 1e6, f["p50_us"] / 1000, f["p95_us"] / 1000,
            f["p99_us"] / 1000, f["max_us"] / 1000, (long)f["status"] + socket, socket);
    }

    private static string Script(LoadRequest r)
    {
        var lua = new StringBuilder();
        lua.AppendLine($"wrk.method = {Quote(r.Method)}");
        if (r.Body is not null) lua.AppendLine($"wrk.body = {Quote(r.Body)}");
        if (r.ContentType is not null) lua.AppendLine($"wrk.headers[\"Content-Type\"] = {Quote(r.ContentType)}");
        foreach (var (name, value) in r.Headers ?? new Dictionary<string, string>())
            lua.AppendLine($"wrk.headers[{Quote(name)}] = {Quote(value)}");
        if (r.Lua is not null) lua.AppendLine(r.Lua);
        lua.AppendLine("""
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format(
                "BENCH-RESULT requests=%.0f duration_us=%.0f p50_us=%.0f p95_us=%.0f p99_us=%.0f max_us=%.0f connect=%.0f read=%.0f write=%.0f status=%.0f timeout=%.0f\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
                latency.max, e.connect, e.read, e.write, e.status, e.timeout))
            end
            """);
        return lua.ToString();
    }

    private static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";
}
