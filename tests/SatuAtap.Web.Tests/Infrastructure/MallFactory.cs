using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace SatuAtap.Web.Tests.Infrastructure;

/// <summary>
/// The mall on a database of its own, migrated and seeded with the demo. The provider comes from
/// <c>SATUATAP_TEST_DB</c> (<c>Sqlite</c>, the default, or <c>Postgres</c> with <c>SATUATAP_TEST_POSTGRES</c> naming
/// the server); the test script runs the whole suite once per provider.
/// </summary>
public class MallFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo#2026satu";
    /// <summary>The personal-data key of the test malls (32 bytes, base64) and the key of their keyed hashes.</summary>
    public const string TestKey = "dGVzdC1rZXktMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY=";
    public const string TestHashKey = "dGVzdC1oYXNoLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE=";

    /// <summary>The mall's public address in the tests (<c>Mall:PublicBaseUrl</c>): the base of every link it hands out.</summary>
    public const string PublicBaseUrl = "https://mpp.test.example";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "satuatap-tests", Guid.NewGuid().ToString("N"));
    private readonly string _postgresDatabase = "satuatap_test_" + Guid.NewGuid().ToString("N");

    public static string Provider => Environment.GetEnvironmentVariable("SATUATAP_TEST_DB") is "Postgres" or "postgres" ? "Postgres" : "Sqlite";

    public static bool IsPostgres => Provider == "Postgres";

    /// <summary>The clock the mall sees; tests move it instead of sleeping. Starts at 2026-11-30 02:00 UTC (09:00 WIB, a Monday).</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));

    /// <summary>Extra settings a test class needs (for example a lower rate limit).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public string ConnectionString => IsPostgres
        ? new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _postgresDatabase }.ToString()
        : $"Data Source={Path.Combine(_folder, "mall.db")}";

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SATUATAP_TEST_POSTGRES")
        ?? throw new InvalidOperationException("SATUATAP_TEST_DB=Postgres needs SATUATAP_TEST_POSTGRES (a connection string to a server). Run ./test.sh, which starts one.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider,
            ["ConnectionStrings:Default"] = ConnectionString,
            ["Demo:Seed"] = "true",
            ["Mall:PublicBaseUrl"] = PublicBaseUrl,
            ["Demo:Password"] = DemoPassword,
            ["Security:RequireTwoFactorForStaff"] = "false",
            ["Files:Root"] = Path.Combine(_folder, "files"),
            ["RateLimiting:Enabled"] = "false",
            ["Queue:EnforceOpeningHours"] = "false", // tests of the opening hours set it on
            ["Applications:OverdueCheckMinutes"] = "0", // tests run the overdue check themselves, at the clock they set
            ["Retention:Enabled"] = "false", // tests run the retention use case themselves, at the clock they set
            ["Feedback:OverdueCheckMinutes"] = "0", // tests run the complaint deadline check themselves, at the clock they set
            ["Insights:RefreshMinutes"] = "0", // tests rebuild the kept figures themselves, at the clock they set
            ["Insights:CacheSeconds"] = "0", // tests read their figures fresh; InsightsCacheTests switch the memory on
            ["Demo:HistoryDays"] = "0", // no demo history unless a test asks for it (InsightsDemoHistoryTests)
            ["Logging:LogLevel:Default"] = "Warning",
            // Fixed test keys (as Production configures them): every mall of the suite shares them, and so one database model.
            ["PersonalData:Keys:t1"] = TestKey,
            ["PersonalData:CurrentKey"] = "t1",
            ["PersonalData:HashKey"] = TestHashKey,
        };
        foreach (var (k, v) in Settings) settings[k] = v;
        foreach (var (k, v) in settings) builder.UseSetting(k, v);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A client signed in with a bearer token from <c>POST /api/v1/identity/login</c>.</summary>
    public async Task<HttpClient> ClientForAsync(string email, string password = DemoPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/identity/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A staff account's one-time two-factor enrolment code, as an administrator issues it.</summary>
    public async Task<string> EnrolmentCodeAsync(string email)
    {
        await using var scope = Scope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SatuAtap.Core.Identity.User>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No account " + email);
        var issued = await scope.ServiceProvider.GetRequiredService<SatuAtap.Core.Identity.IssueEnrolmentCode>().HandleAsync(user.Id, SatuAtap.Core.Identity.Caller.System, CancellationToken.None);
        return issued.Value?.Code ?? throw new InvalidOperationException(issued.Message);
    }

    /// <summary>A fresh scope to look into the database directly.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    private sealed record TokenResponse(string AccessToken);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(ServerConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class Accounts
{
    public const string Manager = "pengelola@demo.satuatap.id";
    public const string DukcapilOfficer = "dukcapil@demo.satuatap.id";
    public const string DpmptspOfficer = "dpmptsp@demo.satuatap.id";
    public const string DukcapilHead = "kepala.dukcapil@demo.satuatap.id";
    public const string Regent = "bupati@demo.satuatap.id";
    public const string Citizen = "warga@demo.satuatap.id";
    public const string Administrator = "admin@demo.satuatap.id";
}
