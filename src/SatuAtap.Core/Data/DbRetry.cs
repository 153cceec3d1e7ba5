using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace SatuAtap.Core.Data;

/// <summary>
/// Short write transactions that the database may refuse under contention (SQLite busy, PostgreSQL
/// serialization failure or deadlock) are run again (unique violations: see <see cref="UniqueViolation"/>).
/// </summary>
/// <remarks>
/// On SQLite these transactions also take an in-process gate, one per database, before they begin. SQLite admits
/// one writer at a time anyway; without the gate every other writer's <c>BEGIN IMMEDIATE</c> meets "busy", and
/// Microsoft.Data.Sqlite retries it by blocking its thread in a sleep, so under a rush the write lock sits idle
/// between sleepers and the thread pool starves. With the gate they wait their turn asynchronously and the next
/// one begins as soon as the previous one commits. (One process per SQLite file, as the mall runs; PostgreSQL needs
/// no gate: its row locks queue the writers of one row and let the others run.)
/// </remarks>
public static class DbRetry
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteGates = new(StringComparer.Ordinal);

    public static async Task<T> RunAsync<T>(SatuAtapDb db, Func<CancellationToken, Task<T>> work, CancellationToken ct, int attempts = 10)
    {
        var gate = Gate(db);
        for (var attempt = 1; ; attempt++)
        {
            if (gate is not null) await gate.WaitAsync(ct);
            try
            {
                return await work(ct);
            }
            catch (Exception e) when (attempt < attempts && (IsTransient(e) || IsRetryableUnique(e)))
            {
                db.ChangeTracker.Clear();
            }
            finally
            {
                gate?.Release();
            }
            await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
        }
    }

    /// <summary>
    /// One write, not retried, behind the same SQLite gate (see the remarks above): for a save whose tracked changes
    /// must not be cleared, such as submitting an application. On PostgreSQL it just runs.
    /// </summary>
    public static async Task<T> GatedAsync<T>(SatuAtapDb db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var gate = Gate(db);
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            return await work(ct);
        }
        finally
        {
            gate?.Release();
        }
    }

    private static SemaphoreSlim? Gate(SatuAtapDb db) => db.Database.ProviderName == SqliteProvider
        ? SqliteGates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1))
        : null;

    private static DbException? Find(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is DbException d) return d;
        return null;
    }

    private static bool IsSqlite(DbException d) => d.GetType().FullName == "Microsoft.Data.Sqlite.SqliteException";

    // SqliteException.SqliteErrorCode (Core does not reference the SQLite provider).
    private static int SqliteCode(DbException d) => d.GetType().GetProperty("SqliteErrorCode")?.GetValue(d) as int? ?? -1;

    /// <summary>SQLite busy/locked; PostgreSQL serialization failure or deadlock.</summary>
    public static bool IsTransient(Exception e) => Find(e) is { } d &&
        (IsSqlite(d) ? SqliteCode(d) is 5 or 6 : d.SqlState is "40001" or "40P01");

    /// <summary>Marks a unique violation that a fresh attempt resolves (a row created by a concurrent writer).</summary>
    public sealed class RetryableUniqueException(Exception inner) : Exception("retry", inner);

    private static bool IsRetryableUnique(Exception e) => e is RetryableUniqueException;
}
