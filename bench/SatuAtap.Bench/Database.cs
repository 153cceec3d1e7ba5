using Microsoft.Data.Sqlite;
using Npgsql;

namespace SatuAtap.Bench;

/// <summary>
/// A fresh database for one run: the mall's (migrated and seeded by the mall itself at start) and, beside it on the
/// same engine, a separate one for the plain EF Core insert baseline, so the two never share a file lock or a table.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    public required string Provider { get; init; }
    public required string AppConnectionString { get; init; }
    public required string BaselineConnectionString { get; init; }
    public required string Description { get; init; }
    private Func<Task>? _drop;

    public bool IsPostgres => Provider == "Postgres";

    public static Database Sqlite(string workDir) => new()
    {
        Provider = "Sqlite",
        AppConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(workDir, "satuatap.db") }.ToString(),
        // Same settings the mall uses for its file (WAL, 30 s busy timeout); a file of its own.
        BaselineConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(workDir, "baseline.db"), DefaultTimeout = 30 }.ToString(),
        Description = "SQLite (fresh file in a temporary folder)",
    };

    /// <summary>Two fresh databases on the given server, dropped at the end.</summary>
    public static async Task<Database> PostgresAsync(string serverConnection, CancellationToken ct)
    {
        var suffix = DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "_" + Random.Shared.Next(1000, 9999);
        var app = new NpgsqlConnectionStringBuilder(serverConnection) { Database = "satuatap_bench_" + suffix };
        var baseline = new NpgsqlConnectionStringBuilder(serverConnection) { Database = "satuatap_bench_baseline_" + suffix };
        await using (var conn = new NpgsqlConnection(serverConnection))
        {
            await conn.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{baseline.Database}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new Database
        {
            Provider = "Postgres",
            AppConnectionString = app.ToString(),
            BaselineConnectionString = baseline.ToString(),
            Description = $"PostgreSQL at {app.Host}:{app.Port} (fresh databases)",
            _drop = async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var conn = new NpgsqlConnection(serverConnection);
                await conn.OpenAsync();
                foreach (var name in new[] { app.Database, baseline.Database })
                {
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
                    await drop.ExecuteNonQueryAsync();
                }
            },
        };
    }

    /// <summary>
    /// Reads rows from the mall's database directly (to check what a scenario left behind). The SQL quotes identifiers
    /// with double quotes, which both engines accept; values are returned as strings.
    /// </summary>
    public async Task<List<string?[]>> QueryMallAsync(string sql, CancellationToken ct)
    {
        await using System.Data.Common.DbConnection conn = IsPostgres ? new NpgsqlConnection(AppConnectionString) : new SqliteConnection(AppConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<string?[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A GUID as the mall stores it: uppercase text on SQLite (EF Core's default), uuid on PostgreSQL.</summary>
    public string GuidLiteral(Guid id) => "'" + (IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant()) + "'";

    public async ValueTask DisposeAsync()
    {
        if (_drop is null) return;
        try { await _drop(); }
        catch (Exception e) { Console.Error.WriteLine($"Could not drop the bench databases: {e.Message}"); }
    }
}
