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

    /// <summary>A column of a bulk insert: its name and its PostgreSQL type (SQLite takes the value's text form).</summary>
    public sealed record Column(string Name, NpgsqlTypes.NpgsqlDbType Type);

    /// <summary>
    /// Writes rows straight into a table of the mall's database, as fast as the engine allows: binary COPY on
    /// PostgreSQL, one prepared INSERT in a single transaction on SQLite. Values are CLR values in column order
    /// (Guid, string, bool, int, long, DateTime in UTC, DateOnly, or null); on SQLite they are written the way
    /// EF Core stores them (uppercase GUID text, "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd", 0/1).
    /// </summary>
    public async Task BulkInsertAsync(string table, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        if (IsPostgres)
        {
            await using var conn = new NpgsqlConnection(AppConnectionString);
            await conn.OpenAsync(ct);
            await using var copy = await conn.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                for (var i = 0; i < columns.Count; i++)
                {
                    if (row[i] is null) await copy.WriteNullAsync(ct);
                    else await copy.WriteAsync(row[i], columns[i].Type, ct);
                }
            }
            await copy.CompleteAsync(ct);
            return;
        }
        await using var sqlite = new SqliteConnection(AppConnectionString + ";Default Timeout=30");
        await sqlite.OpenAsync(ct);
        await using var tx = (SqliteTransaction)await sqlite.BeginTransactionAsync(ct);
        await using var cmd = sqlite.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => cmd.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i })).ToArray();
        cmd.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++) parameters[i].Value = SqliteValue(row[i]);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static object SqliteValue(object? v) => v switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => v,
    };

    /// <summary>A GUID as the mall stores it: uppercase text on SQLite (EF Core's default), uuid on PostgreSQL.</summary>
    public string GuidLiteral(Guid id) => "'" + (IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant()) + "'";

    public async ValueTask DisposeAsync()
    {
        if (_drop is null) return;
        try { await _drop(); }
        catch (Exception e) { Console.Error.WriteLine($"Could not drop the bench databases: {e.Message}"); }
    }
}
