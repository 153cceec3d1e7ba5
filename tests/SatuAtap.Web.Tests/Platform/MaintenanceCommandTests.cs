using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>
/// The program's maintenance commands, run as an operator runs them (<c>dotnet SatuAtap.Web.dll migrate</c>,
/// <c>backup FOLDER</c>, <c>restore FOLDER</c>) on a SQLite file of their own: each does its work and stops.
/// </summary>
public sealed class MaintenanceCommandTests
{
    private static Task<(int Code, string Output)> RunAsync(string work, string database, string files, params string[] args) =>
        RunAsync(work, database, files, new Dictionary<string, string>(), args);

    private static async Task<(int Code, string Output)> RunAsync(string work, string database, string files,
        IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SatuAtap.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        start.Environment["Files__Root"] = files;
        start.Environment["Mall__PublicBaseUrl"] = MallFactory.PublicBaseUrl;
        start.Environment["Demo__Seed"] = "false";
        start.Environment["PersonalData__Keys__t1"] = MallFactory.TestKey;
        start.Environment["PersonalData__CurrentKey"] = "t1";
        start.Environment["PersonalData__HashKey"] = MallFactory.TestHashKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs <paramref name="test"/> in a fresh folder of its own, removed afterwards.</summary>
    private static async Task InWorkFolderAsync(Func<string, Task> test)
    {
        var work = Directory.CreateTempSubdirectory("satuatap-commands").FullName;
        try
        {
            await test(work);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public Task Migrate_ThenBackup_ThenRestore_EachStopsWithTheirWorkDone() => InWorkFolderAsync(async work =>
    {
        var database = Path.Combine(work, "mall.db");
        var files = Path.Combine(work, "files");
        Directory.CreateDirectory(Path.Combine(files, "documents"));
        var upload = new byte[] { 1, 2, 3, 250, 251, 252 };
        await File.WriteAllBytesAsync(Path.Combine(files, "documents", "a"), upload);

        var migrated = await RunAsync(work, database, files, "migrate");
        Assert.True(migrated.Code == 0, migrated.Output);
        Assert.Contains("migrations applied", migrated.Output);
        var applied = await ScalarAsync(database, "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"");
        Assert.True(applied > 0);
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM \"AspNetUsers\"")); // migrated, nothing seeded

        var folder = Path.Combine(work, "backup");
        var backedUp = await RunAsync(work, database, files, "backup", folder);
        Assert.True(backedUp.Code == 0, backedUp.Output);
        Assert.True(File.Exists(Path.Combine(folder, "database.sqlite")) && File.Exists(Path.Combine(folder, "backup.json")));

        var restoredDatabase = Path.Combine(work, "restored", "mall.db");
        var restoredFiles = Path.Combine(work, "restored", "files");
        var restored = await RunAsync(work, restoredDatabase, restoredFiles, "restore", folder);
        Assert.True(restored.Code == 0, restored.Output);
        Assert.Equal(applied, await ScalarAsync(restoredDatabase, "SELECT COUNT(*) FROM \"__EFMigrationsHistory\""));
        Assert.Equal(upload, await File.ReadAllBytesAsync(Path.Combine(restoredFiles, "documents", "a")));

        // A second restore onto what is now a database with data is refused, and says why.
        var again = await RunAsync(work, restoredDatabase, Path.Combine(work, "other-files"), "restore", folder);
        Assert.Equal(1, again.Code);
        Assert.Contains("already exists", again.Output);
    });

    [Fact]
    public Task Migrate_WithTheDemoOn_PreparesTheWholeDatabase_SoThatASecondRunFindsNothingToDo() => InWorkFolderAsync(async work =>
    {
        var database = Path.Combine(work, "mall.db");
        var files = Path.Combine(work, "files");
        var demo = new Dictionary<string, string> { ["Demo__Seed"] = "true", ["Demo__Password"] = "Demo#2026satu", ["Demo__HistoryDays"] = "3" };

        var first = await RunAsync(work, database, files, demo, "migrate");
        Assert.True(first.Code == 0, first.Output);
        Assert.Contains("Seeded 3 days of demo history", first.Output);
        Assert.Equal(SatuAtap.Web.Infrastructure.Startup.DemoAccounts.Length, await ScalarAsync(database, "SELECT COUNT(*) FROM \"AspNetUsers\""));
        var roles = await ScalarAsync(database, "SELECT COUNT(*) FROM \"AspNetRoles\"");
        Assert.Equal(SatuAtap.Core.Identity.Roles.All.Length, roles);
        var services = await ScalarAsync(database, "SELECT COUNT(*) FROM \"Services\"");
        Assert.True(services > 0);

        var second = await RunAsync(work, database, files, demo, "migrate");
        Assert.True(second.Code == 0, second.Output);
        Assert.DoesNotContain("Seeded", second.Output);
        Assert.Equal((SatuAtap.Web.Infrastructure.Startup.DemoAccounts.Length, roles, services), (
            await ScalarAsync(database, "SELECT COUNT(*) FROM \"AspNetUsers\""),
            await ScalarAsync(database, "SELECT COUNT(*) FROM \"AspNetRoles\""),
            await ScalarAsync(database, "SELECT COUNT(*) FROM \"Services\"")));
    });
}
