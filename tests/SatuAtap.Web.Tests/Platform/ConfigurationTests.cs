using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>A bad setting stops the program at start with a message that names it.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Host=db;Database=satuatap", 64, true)]
    [InlineData("Host=db;Database=satuatap;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;Database=satuatap;maxautoprepare=10;No Reset On Close=false", 10, false)]
    public void PostgresConnectionString_AddsPreparedStatementDefaults_UnlessTheOperatorChose(string configured, int prepare, bool noReset)
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(SatuAtap.Web.Infrastructure.Database.PostgresConnectionString(configured));
        Assert.Equal((prepare, noReset, "db", "satuatap"), (result.MaxAutoPrepare, result.NoResetOnClose, result.Host, result.Database));
    }

    [Theory]
    [InlineData("Host=db", 0, null)]
    [InlineData("Host=db;Maximum Pool Size=30", 0, 30)]
    [InlineData("Host=db;MaxPoolSize=3", 0, 3)]
    [InlineData("Host=db;Minimum Pool Size=40", 40, null)]
    public void PostgresConnectionString_BoundsTheNodesConnections_UnlessTheOperatorChose(string configured, int minimum, int? chosen)
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(SatuAtap.Web.Infrastructure.Database.PostgresConnectionString(configured));
        var fourPerCore = Math.Max(8, 4 * Environment.ProcessorCount);
        Assert.Equal(fourPerCore, SatuAtap.Web.Infrastructure.Database.DefaultMaxPoolSize);
        Assert.Equal((minimum, chosen ?? Math.Max(fourPerCore, minimum)), (result.MinPoolSize, result.MaxPoolSize));
    }

    [Fact]
    public void PostgresConnectionString_Unreadable_IsABadSettingNamingIt()
    {
        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            SatuAtap.Web.Infrastructure.Database.PostgresConnectionString("Host=db;;=x"));
        Assert.Contains("ConnectionStrings:Default", e.Message);
    }

    [Theory]
    [InlineData("--Database:Provider=Oracle", "Database:Provider")]
    [InlineData("--Mall:TimeZone=Asia/Atlantis", "Mall:TimeZone")]
    [InlineData("--Demo:Password=", "Demo:Password")]
    [InlineData("--Catalog:CacheSeconds=0", "Catalog:CacheSeconds")]
    [InlineData("--Files:Root= ", "Files:Root")]
    [InlineData("--Queue:BookingOpensHour=24", "Queue:BookingOpensHour")]
    [InlineData("--Queue:CacheSeconds=0", "Queue:CacheSeconds")]
    [InlineData("--Applications:MaxUploadBytes=10", "Applications:MaxUploadBytes")]
    [InlineData("--Applications:OverdueCheckMinutes=-1", "Applications:OverdueCheckMinutes")]
    [InlineData("--Applications:PublicBaseUrl=mpp.example", "Applications:PublicBaseUrl")]
    [InlineData("--Notifications:PollSeconds=0", "Notifications:PollSeconds")]
    [InlineData("--Notifications:BatchSize=0", "Notifications:BatchSize")]
    [InlineData("--Notifications:ClaimSeconds=-1", "Notifications:ClaimSeconds")]
    [InlineData("--Notifications:RetryBaseSeconds=0", "Notifications:RetryBaseSeconds")]
    [InlineData("--Notifications:MaxRetryMinutes=0", "Notifications:MaxRetryMinutes")]
    [InlineData("--Notifications:Smtp:TimeoutSeconds=0", "Notifications:Smtp:TimeoutSeconds")]
    [InlineData("--Notifications:Smtp:From=no address", "Notifications:Smtp:From")]
    [InlineData("--Notifications:Smtp:Port=0", "Notifications:Smtp:Port")]
    [InlineData("--Notifications:Http:Channel=fax", "Notifications:Http:Channel")]
    [InlineData("--Retention:RunHours=0", "Retention:RunHours")]
    [InlineData("--Telemetry:OtlpEndpoint=not a url", "Telemetry:OtlpEndpoint")]
    [InlineData("--RateLimiting:LoginsPerMinute=0", "RateLimiting:LoginsPerMinute")]
    [InlineData("--RateLimiting:LoginFailuresPerAddress=10", "RateLimiting:LoginFailuresPerAddress")]
    [InlineData("--Security:SessionCheckSeconds=-1", "Security:SessionCheckSeconds")]
    [InlineData("--ConnectionStrings:Default=Data Source=x;;=y", "ConnectionStrings:Default")]
    [InlineData("--Retention:DraftDays=0", "Retention:DraftDays")]
    [InlineData("--Retention:BookingDays=-5", "Retention:BookingDays")]
    [InlineData("--Rights:CorrectionWorkingDays=0", "Rights:CorrectionWorkingDays")]
    [InlineData("--PersonalData:Keys:k1=c2hvcnQ=", "PersonalData:Keys:k1")]
    [InlineData("--PersonalData:CurrentKey=k9", "PersonalData:Keys")]
    [InlineData("--Mall:PublicBaseUrl=ftp://mpp.example", "Mall:PublicBaseUrl")]
    [InlineData("--Mall:Regency=", "Mall:Regency")]
    [InlineData("--Mall:Logo=wwwroot/no-such-logo.png", "Mall:Logo")]
    [InlineData("--Mall:Website=mpp.example", "Mall:Website")]
    [InlineData("--Network:KnownProxies:0=proxy.local", "Network:KnownProxies")]
    [InlineData("--Notifications:Smtp:Security=tls", "Notifications:Smtp:Security")]
    [InlineData("--DataProtection:CertificatePath=/nonexistent/keyring.pfx", "DataProtection:CertificatePath")]
    [InlineData("--Redis:Configuration=localhost:6379,nonsense=1", "Redis:Configuration")]
    [InlineData("--Redis:Prefix=two words", "Redis:Prefix")]
    public Task BadSetting_StopsTheProgram_NamingTheSetting(string argument, string named) =>
        StopsAsync("Testing", ["--Mall:PublicBaseUrl=https://mpp.test.example", argument], named);

    [Theory]
    [InlineData("SQLite")]
    [InlineData("SQLITE")]
    [InlineData("postgres")]
    public void DatabaseProvider_IsReadWhateverItsCase(string provider)
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = "Host=db;Database=satuatap" }).Build();
        var env = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Testing" };
        var result = new SatuAtap.Web.Infrastructure.SettingsValidator(env, config)
            .Validate(null, new SatuAtap.Web.Infrastructure.DatabaseOptions { Provider = provider });
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Production", true, false)]
    [InlineData("Development", true, true)]
    [InlineData("Testing", true, true)]
    [InlineData("Production", false, true)]
    public void TheOutboxPage_CannotBeOnInProduction(string environment, bool on, bool accepted)
    {
        var config = new ConfigurationBuilder().Build();
        var env = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment };
        var result = new SatuAtap.Web.Infrastructure.SettingsValidator(env, config)
            .Validate(null, new SatuAtap.Web.Infrastructure.DemoOptions { OutboxPage = on, Seed = false });
        Assert.Equal(accepted, result.Succeeded);
        if (!accepted) Assert.Contains("Demo:OutboxPage", result.FailureMessage);
        // Unset, it is on in Development only.
        Assert.Equal(environment == "Development",
            SatuAtap.Web.Infrastructure.SettingsValidator.OutboxPageOn(new SatuAtap.Web.Infrastructure.DemoOptions(), env));
    }

    [Fact]
    public Task OutsideDevelopment_WithoutAPublicAddress_TheProgramStops_NamingIt() =>
        StopsAsync("Testing", [], "Mall:PublicBaseUrl");

    [Fact]
    public Task InProduction_WithoutAKeyRingCertificate_TheProgramStops_NamingBothSettings() =>
        StopsAsync("Production", ["--Mall:PublicBaseUrl=https://mpp.test.example"], "DataProtection:CertificatePath", "DataProtection:CertificatePassword");

    [Fact]
    public Task InProduction_WithoutPersonalDataKeys_TheProgramStops_NamingThem()
    {
        var certificate = Path.Combine(Directory.CreateTempSubdirectory("satuatap-keyring").FullName, "keyring.pfx");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=SatuAtap test key ring", rsa,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(certificate, cert.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "rahasia"));
        }
        return StopsAsync("Production", ["--Mall:PublicBaseUrl=https://mpp.test.example", "--DataProtection:CertificatePath=" + certificate,
            "--DataProtection:CertificatePassword=rahasia"], "PersonalData:Keys");
    }

    /// <summary>Starts the built program with the test's own database and the arguments; it must exit non-zero naming each setting.</summary>
    private static async Task StopsAsync(string environment, string[] arguments, params string[] named)
    {
        var folder = Directory.CreateTempSubdirectory("satuatap-config").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                // The test's own connection string comes first, so that an argument naming one overrides it.
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "SatuAtap.Web.dll"), $"--ConnectionStrings:Default=Data Source={Path.Combine(folder, "c.db")}" },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                WorkingDirectory = folder,
            };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            start.ArgumentList.Add("--Demo:Seed=true");
            start.ArgumentList.Add("--urls=http://127.0.0.1:0");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
            if (!arguments.Any(a => a.StartsWith("--Demo:Password", StringComparison.Ordinal))) start.ArgumentList.Add("--Demo:Password=Demo#2026satu");
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"The program kept running with {string.Join(' ', arguments)} in {environment}.");
            }
            Assert.NotEqual(0, process.ExitCode);
            var output = await stderr + await stdout;
            foreach (var name in named) Assert.Contains(name, output);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
