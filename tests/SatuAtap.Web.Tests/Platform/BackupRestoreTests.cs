using System.Net;
using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>A mall started on a restored database and files folder.</summary>
public sealed class RestoredMall(string connectionString, string filesRoot) : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Default"] = connectionString,
        ["Files:Root"] = filesRoot,
    };
}

/// <summary>
/// A running mall with applications (and their uploaded files), bookings and tickets is backed up, restored into a
/// fresh database and files folder, and every record and file is there (SQLite with its online backup; PostgreSQL
/// with pg_dump and pg_restore).
/// </summary>
public sealed class BackupRestoreTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task ARunningMall_BackedUpAndRestored_HasEveryRecordAndEveryFileByteForByte()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (applicationId, trackingNumber) = await SubmittedKtpAsync(citizen);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("DKP-KTP");
        var slot = await mall.SlotAsync(manager, site, service, daysAhead: 2, hour: 10, capacity: 5);
        var booked = await mall.CreateClient().BookAsync(slot, QueueTestData.Phone(7), name: "Budi Santoso");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var ticket = await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = service.ToString() });
        Assert.Equal(HttpStatusCode.Created, ticket.StatusCode);

        var work = Path.Combine(Path.GetTempPath(), "satuatap-backup-tests", Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(work, "backup");
        string filesRoot;
        string[] tables;
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            filesRoot = scope.ServiceProvider.GetRequiredService<FileStore>().Root;
            tables = [.. db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order()];
            var manifest = await MallBackup.BackupAsync(db, filesRoot, folder);
            Assert.True(manifest.Files > 0);
        }
        var before = await CountAsync(mall.ConnectionString, tables);
        Assert.True(before["Applications"] > 0 && before["ApplicationDocuments"] > 0 && before["QueueBookings"] > 0 && before["QueueTickets"] > 0,
            string.Join(", ", before.Select(kv => $"{kv.Key}={kv.Value}")));

        var restoredDatabase = "satuatap_restored_" + Guid.NewGuid().ToString("N");
        var restoredConnection = MallFactory.IsPostgres
            ? new NpgsqlConnectionStringBuilder(mall.ConnectionString) { Database = restoredDatabase }.ToString()
            : $"Data Source={Path.Combine(work, "restored", "mall.db")}";
        var restoredFiles = Path.Combine(work, "restored", "files");
        try
        {
            await MallBackup.RestoreAsync(folder, MallFactory.Provider, restoredConnection, restoredFiles);

            // Every row of every table, before the restored mall starts and writes anything of its own.
            Assert.Equal(before, await CountAsync(restoredConnection, tables));
            // Every uploaded file, byte for byte.
            var original = Directory.EnumerateFiles(filesRoot, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(filesRoot, p)).Order().ToList();
            Assert.NotEmpty(original);
            Assert.Equal(original, Directory.EnumerateFiles(restoredFiles, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(restoredFiles, p)).Order().ToList());
            foreach (var file in original)
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(filesRoot, file)), await File.ReadAllBytesAsync(Path.Combine(restoredFiles, file)));

            // The restored mall serves the application and its uploaded document as the original did.
            using var restored = new RestoredMall(restoredConnection, restoredFiles);
            var again = await restored.ClientForAsync(Accounts.Citizen);
            var application = await again.GetJsonAsync($"/api/v1/applications/{applicationId}");
            Assert.Equal(trackingNumber, application["trackingNumber"]!.GetValue<string>());
            var documentId = application["documents"]!.AsArray().First(d => d!["documentId"] is not null)!["documentId"]!.GetValue<string>();
            Assert.Equal(Pdf, await again.GetByteArrayAsync($"/api/v1/applications/{applicationId}/documents/{documentId}"));
        }
        finally
        {
            if (MallFactory.IsPostgres)
            {
                NpgsqlConnection.ClearAllPools();
                await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(mall.ConnectionString) { Database = "postgres" }.ToString());
                await server.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{restoredDatabase}\" WITH (FORCE)", server);
                await drop.ExecuteNonQueryAsync();
            }
            else
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public async Task Restore_RefusesAFolderThatIsNoBackup_AndADatabaseThatHoldsData()
    {
        var empty = Directory.CreateTempSubdirectory("satuatap-not-a-backup").FullName;
        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                MallBackup.RestoreAsync(empty, MallFactory.Provider, mall.ConnectionString, Path.Combine(empty, "files")));
            Assert.Contains("backup.json", refused.Message);
            await using (var scope = mall.Scope())
                await MallBackup.BackupAsync(scope.ServiceProvider.GetRequiredService<SatuAtapDb>(), scope.ServiceProvider.GetRequiredService<FileStore>().Root, Path.Combine(empty, "b"));
            // Restoring over the running mall's own database is refused, whatever its provider.
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                MallBackup.RestoreAsync(Path.Combine(empty, "b"), MallFactory.Provider, mall.ConnectionString, Path.Combine(empty, "files")));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static async Task<Dictionary<string, long>> CountAsync(string connectionString, string[] tables)
    {
        await using DbConnection connection = MallFactory.IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString())
            : new Microsoft.Data.Sqlite.SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return counts;
    }
}
