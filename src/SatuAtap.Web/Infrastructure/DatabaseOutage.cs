using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Tells a failure to reach the database (server down, connection refused or cut, database gone, file unreadable)
/// from any other error: such a request answers 503 with <c>Retry-After</c>, not 500, and the mall recovers by itself
/// when the database is back.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 30;

    // SQLite result codes: the file cannot be opened, is not a database, or cannot be read or written.
    private const int SqliteIoError = 10, SqliteCantOpen = 14, SqliteNotADatabase = 26;

    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
                                               || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) // server shut down, cannot connect now
                                               || pg.SqlState is "3D000" or "53300" // database gone, too many connections
                                               || pg.Severity is "FATAL" or "PANIC": // the server ended the session
                    return true;
                case PostgresException:
                    return false;
                // Npgsql's own failures (refused, reset, timed out while connecting or reading) are not server errors.
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException:
                    return true;
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is SqliteIoError or SqliteCantOpen or SqliteNotADatabase:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 1:
                    return aggregate.InnerExceptions.Any(IsUnreachable);
            }
        }
        return false;
    }

    /// <summary>The status a failed request answers with: 503 when the database cannot be reached.</summary>
    public static void MarkUnavailable(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
