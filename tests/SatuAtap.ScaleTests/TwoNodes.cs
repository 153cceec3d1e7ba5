using System.Diagnostics;
using System.Net.Sockets;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.ScaleTests;

/// <summary>
/// Two mall hosts (<see cref="Node"/>, each a <see cref="MallFactory"/>) on ONE PostgreSQL database and ONE Redis:
/// node A makes the database (migrated and seeded), node B joins it. Needs <c>SATUATAP_TEST_DB=Postgres</c> with
/// <c>SATUATAP_TEST_POSTGRES</c>, and <c>SATUATAP_TEST_REDIS</c> (host:port); ./test.sh starts both. A missing one is a
/// failure, never a skip.
/// </summary>
public class TwoNodes : IDisposable
{
    public Node A { get; }
    public Node B { get; }

    public TwoNodes() : this(RedisFromEnvironment) { }

    internal TwoNodes(string redis)
    {
        if (!MallFactory.IsPostgres)
            throw new InvalidOperationException("The multi-node suite runs on PostgreSQL: set SATUATAP_TEST_DB=Postgres and SATUATAP_TEST_POSTGRES (./test.sh does).");
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Redis:Configuration"] = redis,
            // Keys and channels of these two nodes only: other test classes share the same Redis.
            ["Redis:Prefix"] = "t" + Guid.NewGuid().ToString("N")[..12],
        };
        A = new Node(settings);
        _ = A.Server; // migrates and seeds the database
        B = new Node(new Dictionary<string, string?>(settings) { ["ConnectionStrings:Default"] = A.ConnectionString });
        _ = B.Server;
    }

    public static string RedisFromEnvironment => Environment.GetEnvironmentVariable("SATUATAP_TEST_REDIS")
        ?? throw new InvalidOperationException("The multi-node suite needs SATUATAP_TEST_REDIS (host:port of a Redis server). Run ./test.sh, which starts one.");

    /// <summary>Extra settings of both nodes.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public void Dispose()
    {
        B.Dispose();
        A.Dispose(); // drops the shared database
        GC.SuppressFinalize(this);
    }
}

/// <summary>One web node of the mall.</summary>
public sealed class Node(IDictionary<string, string?> settings) : MallFactory
{
    protected override IDictionary<string, string?> Settings => settings;
}

/// <summary>A redis-server of a test's own, on a free loopback port, without persistence: stopped and started at will.</summary>
public sealed class RedisProcess : IDisposable
{
    private Process? _process;

    public int Port { get; } = FreePort();

    public string Address => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(a);
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server not found: install the Debian package redis-server.", e);
        }
        _process.StandardOutput.ReadToEndAsync().ContinueWith(_ => { }, TaskScheduler.Default).Forget();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(50);
            }
        }
    }

    public void Stop()
    {
        if (_process is null) return;
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class Tasks
{
    public static void Forget(this Task task) => _ = task;
}
