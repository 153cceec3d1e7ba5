using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Data;

namespace SatuAtap.Web.Infrastructure;

public static class Database
{
    public const string SqliteMigrations = "SatuAtap.Migrations.Sqlite";
    public const string PostgresMigrations = "SatuAtap.Migrations.Postgres";

    /// <summary>SQLite by default (a file under the content root); PostgreSQL with <c>Database:Provider=Postgres</c>.</summary>
    public static IServiceCollection AddSatuAtapDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var options = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        var connection = config.GetConnectionString("Default");
        services.AddDbContext<SatuAtapDb>(o =>
        {
            if (options.IsPostgres)
                o.UseNpgsql(connection, x => x.MigrationsAssembly(PostgresMigrations));
            else
                o.UseSqlite(SqliteConnectionString(connection, env.ContentRootPath), x => x.MigrationsAssembly(SqliteMigrations));
        });
        return services;
    }

    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/satuatap.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        if (builder.DataSource != ":memory:")
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>Applies migrations (never EnsureCreated); on SQLite switches the file to WAL so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(SatuAtapDb db, CancellationToken ct = default)
    {
        if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
    }
}
