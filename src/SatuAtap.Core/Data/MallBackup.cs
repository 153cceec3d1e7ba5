using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SatuAtap.Core.Data;

/// <summary>What a backup folder holds, written beside the data as <c>backup.json</c>.</summary>
public sealed record BackupManifest(string Provider, DateTime CreatedAtUtc, int Files, long FileBytes);

/// <summary>
/// Backs the mall up into a folder and restores it from one. The folder holds the database (<c>database.sqlite</c>, a
/// copy made with SQLite's online backup API while the mall keeps running; or <c>database.dump</c>, a
/// <c>pg_dump --format=custom</c> of PostgreSQL), the uploaded files (<c>files/</c>, a copy of <c>Files:Root</c>, taken
/// after the database so that every file the database names is there) and <c>backup.json</c>. The personal-data keys
/// are not in it: without them the NIKs, fields and files in a backup cannot be read, so keep them apart.
/// </summary>
public static class MallBackup
{
    public const string SqliteFile = "database.sqlite";
    public const string PostgresFile = "database.dump";
    public const string FilesFolder = "files";
    public const string ManifestFile = "backup.json";

    /// <summary>Backs up the database <paramref name="db"/> is connected to and the files under <paramref name="filesRoot"/> into the new or empty folder <paramref name="target"/>.</summary>
    public static async Task<BackupManifest> BackupAsync(SatuAtapDb db, string filesRoot, string target, CancellationToken ct = default)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new InvalidOperationException($"The backup folder {target} is not empty; give a new or empty folder.");
        Directory.CreateDirectory(target);
        var connection = db.Database.GetConnectionString() ?? throw new InvalidOperationException("The database has no connection string.");
        string provider;
        if (db.IsSqlite)
        {
            provider = "Sqlite";
            await using var source = new SqliteConnection(connection);
            await source.OpenAsync(ct);
            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(target, SqliteFile), Pooling = false }.ToString());
            await copy.OpenAsync(ct);
            source.BackupDatabase(copy);
        }
        else
        {
            provider = "Postgres";
            await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", Path.Combine(target, PostgresFile)], connection, ct);
        }
        var (files, bytes) = CopyFolder(filesRoot, Path.Combine(target, FilesFolder));
        var manifest = new BackupManifest(provider, DateTime.UtcNow, files, bytes);
        await File.WriteAllTextAsync(Path.Combine(target, ManifestFile), JsonSerializer.Serialize(manifest, Json), ct);
        return manifest;
    }

    /// <summary>
    /// Restores the backup in <paramref name="source"/> into a fresh database (<paramref name="provider"/>,
    /// <paramref name="connectionString"/>: a SQLite file that does not exist yet, or a PostgreSQL database that does not
    /// exist or has no tables) and an empty <paramref name="filesRoot"/>. Refuses anything that already holds data.
    /// </summary>
    public static async Task<BackupManifest> RestoreAsync(string source, string provider, string connectionString, string filesRoot, CancellationToken ct = default)
    {
        var manifestPath = Path.Combine(source, ManifestFile);
        if (!File.Exists(manifestPath)) throw new InvalidOperationException($"{source} is not a backup folder: it has no {ManifestFile}.");
        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, ct), Json)
            ?? throw new InvalidOperationException($"{manifestPath} is empty.");
        if (!string.Equals(manifest.Provider, provider, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"The backup is of a {manifest.Provider} database; Database:Provider is {provider}.");
        if (Directory.Exists(filesRoot) && Directory.EnumerateFileSystemEntries(filesRoot).Any())
            throw new InvalidOperationException($"Files:Root ({filesRoot}) is not empty; restore into an empty folder.");
        if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (File.Exists(file) && new FileInfo(file).Length > 0)
                throw new InvalidOperationException($"The database file {file} already exists; restore into a new file.");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            File.Copy(Path.Combine(source, SqliteFile), file, overwrite: true);
        }
        else
        {
            await CreateEmptyDatabaseAsync(connectionString, ct);
            await RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", Path.Combine(source, PostgresFile)], connectionString, ct);
        }
        CopyFolder(Path.Combine(source, FilesFolder), filesRoot);
        return manifest;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private static (int Files, long Bytes) CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from)) return (0, 0);
        var (files, bytes) = (0, 0L);
        foreach (var path in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try { File.Copy(path, target); }
            catch (FileNotFoundException) { continue; } // removed (by retention) while the folder was read
            files++;
            bytes += new FileInfo(target).Length;
        }
        return (files, bytes);
    }

    private static async Task CreateEmptyDatabaseAsync(string connectionString, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", target.Database!);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
                return;
            }
        }
        await using var restored = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await restored.OpenAsync(ct);
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", restored);
        if (Convert.ToInt64(await tables.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0)
            throw new InvalidOperationException($"The database {target.Database} already has tables; restore into a new or empty database.");
    }

    /// <summary>Runs pg_dump or pg_restore against the database of <paramref name="connectionString"/> (through the PG* variables, so no password shows in a process list).</summary>
    private static async Task RunAsync(string tool, string[] arguments, string connectionString, CancellationToken ct)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(FindTool(tool)) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (tool == "pg_restore") { start.ArgumentList.Add("--dbname"); start.ArgumentList.Add(c.Database!); }
        else start.ArgumentList.Add(c.Database!);
        start.Environment["PGHOST"] = c.Host;
        start.Environment["PGPORT"] = c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = c.Database;
        if (!string.IsNullOrEmpty(c.Username)) start.Environment["PGUSER"] = c.Username;
        if (!string.IsNullOrEmpty(c.Password)) start.Environment["PGPASSWORD"] = c.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {(await errors).Trim()}");
    }

    /// <summary>The PostgreSQL tool on PATH, or the newest under /usr/lib/postgresql (Debian's packages).</summary>
    private static string FindTool(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", name)).Where(File.Exists).Order().LastOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException($"{name} was not found on PATH; install PostgreSQL's client tools (Debian: postgresql-client).");
    }
}
