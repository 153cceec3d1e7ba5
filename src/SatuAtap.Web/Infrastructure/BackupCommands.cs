using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// <c>dotnet SatuAtap.Web.dll backup FOLDER</c> and <c>restore FOLDER</c> (<see cref="MallBackup"/>): with the mall's
/// own settings (database, <c>Files:Root</c>), before anything is migrated or seeded. See docs/operations.md.
/// </summary>
public static class BackupCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, string command, string folder)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var files = scope.ServiceProvider.GetRequiredService<FileStore>().Root;
        var path = Path.GetFullPath(folder);
        try
        {
            if (command == "backup")
            {
                var made = await MallBackup.BackupAsync(db, files, path);
                Console.WriteLine($"Cadangan dibuat / backup written: {path} ({made.Provider}, {made.Files} berkas / files, {made.FileBytes} bytes)");
            }
            else
            {
                var restored = await MallBackup.RestoreAsync(path, db.IsSqlite ? "Sqlite" : "Postgres", db.Database.GetConnectionString()!, files);
                Console.WriteLine($"Cadangan dipulihkan / backup restored from {path} (made {restored.CreatedAtUtc:yyyy-MM-dd HH:mm} UTC, {restored.Files} files).");
            }
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"{command}: {e.Message}");
            return 1;
        }
    }
}
