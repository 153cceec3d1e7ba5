using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>A mall whose database context can be made to fail on demand, for a page's failure.</summary>
public sealed class FailingMall : MallFactory
{
    private volatile bool _fail;

    public bool Fail { get => _fail; set => _fail = value; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(SatuAtapDb));
            services.Remove(original);
            services.AddScoped(sp => Fail ? throw new InvalidOperationException("A failure for the test.") : (SatuAtapDb)original.ImplementationFactory!(sp));
        });
    }
}

public sealed class PageFailureTests(FailingMall mall) : IClassFixture<FailingMall>
{
    [Fact]
    public async Task AFailingPage_ShowsTheHtmlErrorPage_TheApiAProblem()
    {
        var client = mall.CreateClient();
        mall.Fail = true;
        try
        {
            var page = await client.GetAsync("/verifikasi/ABCDEFGH23");
            Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var html = await page.ParseAsync();
            Assert.Equal("Terjadi kesalahan", html.QuerySelector("h1")!.TextContent);
            Assert.NotNull(html.QuerySelector("a[href='/layanan']"));

            await (await client.GetAsync("/api/v1/verification/ABCDEFGH23")).AssertProblemAsync(500);
        }
        finally
        {
            mall.Fail = false;
        }
    }

    [Fact]
    public async Task AFormPostedWithoutItsToken_ShowsTheHtmlErrorPage_InIndonesian()
    {
        var answer = await mall.CreateClient().PostAsync("/lacak", new FormUrlEncodedContent(new Dictionary<string, string> { ["nomor"] = "X" }));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Muat ulang halaman", (await answer.ParseAsync()).Body!.TextContent);
    }
}

/// <summary>The database goes away while the mall runs, and comes back: 503 with Retry-After meanwhile, then normal service.</summary>
public sealed class DatabaseOutageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private async Task<HttpResponseMessage> IssueTicketAsync(Guid site, Guid service) =>
        await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = service.ToString() });

    [Fact]
    public async Task DatabaseUnreachable_Is503WithRetryAfter_AndTheMallRecovers()
    {
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("DKP-KTP");
        Assert.Equal(HttpStatusCode.Created, (await IssueTicketAsync(site, service)).StatusCode);

        await using (var outage = await Outage.StartAsync(mall.ConnectionString))
        {
            var ticket = await IssueTicketAsync(site, service);
            var problem = await ticket.AssertProblemAsync(503);
            Assert.Equal(TimeSpan.FromSeconds(30), ticket.Headers.RetryAfter?.Delta);
            Assert.Contains("coba lagi", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

            var page = await mall.CreateClient().GetAsync("/verifikasi/ABCDEFGH23");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.NotNull(page.Headers.RetryAfter);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Layanan sedang tidak tersedia", (await page.ParseAsync()).QuerySelector("h1")!.TextContent);
        }

        // Back again: the next requests are served (a connection the outage broke may fail once more on PostgreSQL).
        HttpStatusCode status = 0;
        for (var attempt = 0; attempt < 10 && status != HttpStatusCode.Created; attempt++)
        {
            status = (await IssueTicketAsync(site, service)).StatusCode;
            if (status != HttpStatusCode.Created) await Task.Delay(200);
        }
        Assert.Equal(HttpStatusCode.Created, status);
    }

    /// <summary>
    /// Makes the test database unreachable. PostgreSQL: no new connections and the open ones ended. SQLite: the file
    /// moved away and a folder put in its place (the tests run as root, so taking permissions away would not stop it).
    /// </summary>
    private sealed class Outage : IAsyncDisposable
    {
        private readonly Func<Task> _restore;

        private Outage(Func<Task> restore) => _restore = restore;

        public static async Task<Outage> StartAsync(string connectionString)
        {
            if (MallFactory.IsPostgres)
            {
                var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
                var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ToString();
                await ExecuteAsync(server, $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false");
                await ExecuteAsync(server, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
                return new Outage(() => ExecuteAsync(server, $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true"));
            }
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var moved = new[] { "", "-wal", "-shm" }.Where(suffix => File.Exists(file + suffix)).ToList();
            foreach (var suffix in moved) File.Move(file + suffix, file + suffix + ".away");
            Directory.CreateDirectory(file);
            return new Outage(() =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(file);
                foreach (var suffix in moved) File.Move(file + suffix + ".away", file + suffix);
                return Task.CompletedTask;
            });
        }

        private static async Task ExecuteAsync(string connectionString, string sql)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync() => await _restore();
    }
}
