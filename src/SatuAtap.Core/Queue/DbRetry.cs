using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Queue;

/// <summary>
/// Short write transactions that the database may refuse under contention (SQLite busy, PostgreSQL
/// serialization failure or deadlock) are run again; a unique violation is reported as such.
/// </summary>
public static class DbRetry
{
    public static async Task<T> RunAsync<T>(SatuAtapDb db, Func<CancellationToken, Task<T>> work, CancellationToken ct, int attempts = 10)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work(ct);
            }
            catch (Exception e) when (attempt < attempts && (IsTransient(e) || IsRetryableUnique(e)))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
            }
        }
    }

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

    /// <summary>A unique (or primary key) constraint refused the write.</summary>
    public static bool IsUniqueViolation(Exception e) => Find(e) is { } d &&
        (IsSqlite(d) ? SqliteCode(d) == 19 && d.Message.Contains("UNIQUE", StringComparison.Ordinal) : d.SqlState == "23505");

    /// <summary>Marks a unique violation that a fresh attempt resolves (a row created by a concurrent writer).</summary>
    public sealed class RetryableUniqueException(Exception inner) : Exception("retry", inner);

    private static bool IsRetryableUnique(Exception e) => e is RetryableUniqueException;
}
