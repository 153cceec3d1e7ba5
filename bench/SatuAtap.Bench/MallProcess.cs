using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SatuAtap.Bench;

/// <summary>The mall as a separate Release process on a free loopback port, with its own database.</summary>
public sealed class MallProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    public Uri BaseUri { get; }
    public int Pid => _process.Id;
    public string LogPath { get; }

    /// <summary>The settings a second node of this mall needs to share its data: keys, key ring, files, Redis.</summary>
    public IReadOnlyDictionary<string, string> SharedEnvironment { get; private init; } = new Dictionary<string, string>();

    /// <summary>
    /// Another node of the same mall, started once this one is ready: same database, keys, files and Redis, with
    /// migrations and demo seeding off so that the two do not race.
    /// </summary>
    public Task<MallProcess> StartSecondNodeAsync(string appDll, Database db, string nodeDir, CancellationToken ct) =>
        StartAsync(appDll, db, nodeDir, ct, new Dictionary<string, string>(SharedEnvironment)
        {
            ["Database__MigrateOnStart"] = "false",
            ["Demo__Seed"] = "false",
        });

    private MallProcess(Process process, Uri baseUri, StreamWriter log, string logPath)
    {
        _process = process;
        BaseUri = baseUri;
        _log = log;
        LogPath = logPath;
    }

    /// <summary>Publishes src/SatuAtap.Web in Release into <paramref name="outDir"/> and returns the path of its dll.</summary>
    public static async Task<string> PublishAsync(string repoRoot, string outDir, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot, UseShellExecute = false };
        foreach (var a in new[] { "publish", "src/SatuAtap.Web/SatuAtap.Web.csproj", "-c", "Release", "-o", outDir, "--nologo", "-v", "q" })
            psi.ArgumentList.Add(a);
        using var publish = Process.Start(psi) ?? throw new InvalidOperationException("dotnet publish did not start.");
        await publish.WaitForExitAsync(ct);
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed (exit {publish.ExitCode}).");
        return Path.Combine(outDir, "SatuAtap.Web.dll");
    }

    public static async Task<MallProcess> StartAsync(string appDll, Database db, string workDir, CancellationToken ct,
        IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(appDll))!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(appDll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(baseUri.ToString().TrimEnd('/'));
        var env = psi.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["Database__Provider"] = db.Provider;
        env["ConnectionStrings__Default"] = db.AppConnectionString;
        env["Demo__Seed"] = "true";
        env["Demo__Password"] = "Demo#2026satu";
        env["RateLimiting__Enabled"] = "false";
        env["Queue__EnforceOpeningHours"] = "false"; // tickets at any hour of the run
        // Production requires staff two-factor sign-in; the scenarios sign the demo staff in with a password.
        env["Security__RequireTwoFactorForStaff"] = "false";
        // Production requires the public address and a certificate that encrypts the data-protection keys.
        env["Mall__PublicBaseUrl"] = baseUri.ToString().TrimEnd('/');
        env["DataProtection__CertificatePath"] = KeyRingCertificate(workDir, "bench");
        env["DataProtection__CertificatePassword"] = "bench";
        env["Files__Root"] = Path.Combine(workDir, "files");
        env["Logging__LogLevel__Default"] = "Warning";
        // Production requires the personal-data keys: fresh ones for each run.
        env["PersonalData__Keys__bench"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        env["PersonalData__CurrentKey"] = "bench";
        env["PersonalData__HashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>()) env[key] = value;
        // What another node of the same mall must be given: the same keys, key-ring certificate, files and Redis.
        var shared = new[] { "DataProtection__CertificatePath", "DataProtection__CertificatePassword", "Files__Root",
                "PersonalData__Keys__bench", "PersonalData__CurrentKey", "PersonalData__HashKey", "Redis__Configuration" }
            .Where(env.ContainsKey).ToDictionary(k => k, k => env[k]!);

        // As the reference deployment does (docs/operations.md): `migrate` prepares the database (migrations, roles, the
        // demo's data) in a process of its own, then the mall starts with nothing left to migrate or seed, so that the
        // one-off work's code and garbage are not in the process the scenarios measure.
        if (!env.TryGetValue("Database__MigrateOnStart", out var migrateOnStart) || migrateOnStart != "false")
        {
            await PrepareAsync(psi, Path.Combine(workDir, "migrate.log"), ct);
            env["Database__MigrateOnStart"] = "false";
        }

        var logPath = Path.Combine(workDir, "mall.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("The mall did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var mall = new MallProcess(process, baseUri, log, logPath) { SharedEnvironment = shared };
        try
        {
            await mall.WaitReadyAsync(TimeSpan.FromMinutes(10), ct);
        }
        catch
        {
            await mall.DisposeAsync();
            throw;
        }
        return mall;
    }

    /// <summary>What the last <c>migrate</c> step took: its wall time and its own peak resident memory (MB).</summary>
    public static (double Seconds, double PeakMb)? LastPrepare { get; private set; }

    /// <summary>Runs <c>dotnet SatuAtap.Web.dll migrate</c> with the mall's settings and waits for it to finish.</summary>
    private static async Task PrepareAsync(ProcessStartInfo mall, string logPath, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = mall.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(mall.ArgumentList[0]);
        psi.ArgumentList.Add("migrate");
        foreach (var (key, value) in mall.Environment) psi.Environment[key] = value;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("`migrate` did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        double peak = 0;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            // Migrating and seeding every module's demo data took over 3 minutes at a load average of 50 (2026-12-01).
            timeout.CancelAfter(TimeSpan.FromMinutes(10));
            var exited = process.WaitForExitAsync(timeout.Token);
            while (!exited.IsCompleted)
            {
                try { peak = Math.Max(peak, Memory(process.Id).PeakMb); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                await Task.WhenAny(exited, Task.Delay(200, CancellationToken.None));
            }
            await exited;
        }
        var text = await output + await errors;
        await File.WriteAllTextAsync(logPath, text, CancellationToken.None);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`migrate` exited with code {process.ExitCode}; see {logPath}:\n{string.Join('\n', text.Split('\n').TakeLast(30))}");
        LastPrepare = (watch.Elapsed.TotalSeconds, peak);
    }

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The mall exited with code {_process.ExitCode} before it was ready; see {LogPath}:\n{Tail()}");
            try
            {
                using var r = await http.GetAsync("/health/ready", ct);
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"/health/ready did not answer 200 within {timeout}; see {LogPath}:\n{Tail()}");
    }

    /// <summary>The mall's resident memory now (VmRSS) and at its peak (VmHWM), in MB, from /proc.</summary>
    public (double RssMb, double PeakMb) Memory() => Memory(Pid);

    /// <summary>A process's resident memory now (VmRSS) and at its peak (VmHWM), in MB, from /proc.</summary>
    private static (double RssMb, double PeakMb) Memory(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        double Kb(string key) => status.Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(key.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return (Kb("VmRSS") / 1024, Kb("VmHWM") / 1024);
    }

    public string Tail(int lines = 30)
    {
        lock (_log)
        {
            try
            {
                using var read = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var all = new StreamReader(read).ReadToEnd().Split('\n');
                return string.Join('\n', all.TakeLast(lines));
            }
            catch (IOException) { return ""; }
        }
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    /// <summary>A throw-away self-signed certificate (.pfx) for the data-protection key ring of one run.</summary>
    private static string KeyRingCertificate(string workDir, string password)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=SatuAtap bench key ring", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(workDir, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, password));
        return path;
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
