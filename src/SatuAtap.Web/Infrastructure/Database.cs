using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Data;

namespace SatuAtap.Web.Infrastructure;

public static class Database
{
    public const string SqliteMigrations = "SatuAtap.Migrations.Sqlite";
    public const string PostgresMigrations = "SatuAtap.Migrations.Postgres";
    /// <summary>Contexts kept for reuse between requests (EF Core's default is 1,024).</summary>
    public const int ContextPoolSize = 64;

    /// <summary>SQLite by default (a file under the content root); PostgreSQL with <c>Database:Provider=Postgres</c>.</summary>
    public static IServiceCollection AddSatuAtapDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var options = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        var connection = config.GetConnectionString("Default");
        // Contexts come from a pool: building one (its internal services, its sets) is a noticeable part of a short
        // request. Each request's context is taken from the pool and given the request's actor and clock. The pool
        // keeps at most ContextPoolSize of them between requests (a rush of hundreds at once would otherwise leave
        // hundreds behind, each holding what it grew to); beyond that a context is built and dropped as before.
        services.AddPooledDbContextFactory<SatuAtapDb>((sp, o) =>
        {
            // NIKs and application fields are encrypted in their columns (Core/Data/PersonalDataModel).
            o.UsePersonalDataProtection(sp.GetRequiredService<SatuAtap.Core.Common.PersonalDataProtector>());
            // EF Core's check that a context is not used by two threads at once is a development aid: it marks every
            // query and save in an async-local value, and each mark copies the request's execution context. In an
            // allocation trace of the inbox page on PostgreSQL it was 84 of 851 MB sampled (10 %; 2026-12-02, see
            // docs/benchmarks/2026-12-02-inbox-query.md). It stays on where the code is developed and tested.
            o.EnableThreadSafetyChecks(ThreadSafetyChecks(env));
            if (options.IsPostgres)
                o.UseNpgsql(PostgresConnectionString(connection), x => x.MigrationsAssembly(PostgresMigrations));
            else
                o.UseSqlite(SqliteConnectionString(connection, env.ContentRootPath), x => x.MigrationsAssembly(SqliteMigrations));
        }, ContextPoolSize);
        services.AddScoped(sp =>
        {
            // The audit trail names the request's caller, or the system when there is no request (background jobs).
            var http = sp.GetService<IHttpContextAccessor>();
            return sp.GetRequiredService<IDbContextFactory<SatuAtapDb>>().CreateDbContext()
                .For(() => http?.HttpContext?.Caller() ?? SatuAtap.Core.Identity.Caller.System, sp.GetService<TimeProvider>());
        });
        // Background jobs take their rounds' leases in the database, so that of several nodes one acts (PeriodicJob).
        services.AddScoped<SatuAtap.Core.Common.IJobLeases, DatabaseJobLeases>();
        return services;
    }

    /// <summary>Whether EF Core checks that no context is used by two threads at once: in Development and Testing, not in production.</summary>
    public static bool ThreadSafetyChecks(IHostEnvironment env) => env.IsDevelopment() || env.IsEnvironment("Testing");

    /// <summary>
    /// A node's connections to PostgreSQL when the connection string names no <c>Maximum Pool Size</c>: four per core of
    /// the node, at least 8 (Npgsql's own default is 100). More connections than the server has cores to run them only
    /// queue inside PostgreSQL, where every waiting backend costs a process switch and a cold cache: on the 2-core
    /// reference machine two nodes with Npgsql's 100 each submitted 652 applications/s and served the inbox page at
    /// p95 240 ms, with 8 each 796/s and p95 162 ms, with 4 each 788/s and p95 121 ms (docs/benchmarks/2026-12-02-start-and-code.md).
    /// A request waits for a free connection (up to the connection string's <c>Timeout</c>) instead of opening another.
    /// </summary>
    public static int DefaultMaxPoolSize => Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>
    /// The configured PostgreSQL connection string, with three defaults the operator may override in it: statements the
    /// mall runs again and again are prepared once per connection (<c>Max Auto Prepare</c>), so the server parses and
    /// plans them once instead of on every request; and a pooled connection is not reset with <c>DISCARD ALL</c> when
    /// returned (<c>No Reset On Close</c>): the mall keeps no session state on a connection, and a reset would throw
    /// the prepared statements away; and a node opens at most <see cref="DefaultMaxPoolSize"/> connections
    /// (<c>Maximum Pool Size</c>) unless the operator sets another.
    /// </summary>
    public static string PostgresConnectionString(string? configured) => Readable(() =>
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured ?? "" }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured ?? "");
        if (!given.Contains("MaxAutoPrepare")) builder.MaxAutoPrepare = 64;
        if (!given.Contains("NoResetOnClose")) builder.NoResetOnClose = true;
        if (!given.Contains("MaximumPoolSize") && !given.Contains("MaxPoolSize")) builder.MaxPoolSize = Math.Max(DefaultMaxPoolSize, builder.MinPoolSize);
        return builder.ConnectionString;
    });

    private static string SqliteConnectionString(string? configured, string contentRoot) => Readable(() =>
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/satuatap.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        if (builder.DataSource != ":memory:")
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        builder.DefaultTimeout = 30;
        return builder.ToString();
    });

    /// <summary>A connection string that cannot be read stops the program with a message naming the setting, like any other bad setting.</summary>
    private static string Readable(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException e)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException("ConnectionStrings:Default", typeof(DatabaseOptions),
                [$"ConnectionStrings:Default tidak dapat dibaca / cannot be read: {e.Message}"]);
        }
    }

    /// <summary>
    /// Applies migrations (never EnsureCreated); on SQLite switches the file to WAL so readers never wait for a writer.
    /// Then encrypts personal data not yet under the current key: stored in clear by an earlier version, or with a key
    /// rotated out (<see cref="PersonalDataUpgrade"/>).
    /// </summary>
    public static async Task MigrateAsync(SatuAtapDb db, CancellationToken ct = default)
    {
        if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
        await PersonalDataUpgrade.RunAsync(db, ct);
    }
}
