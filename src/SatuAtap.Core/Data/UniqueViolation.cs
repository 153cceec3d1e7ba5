using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace SatuAtap.Core.Data;

/// <summary>
/// Tells which unique index (or primary key) of the model refused a write. PostgreSQL names the violated constraint
/// (<see cref="PostgresException.ConstraintName"/>, SQLSTATE 23505), which is the index's database name. SQLite names
/// no index: its message lists the table's columns (<c>UNIQUE constraint failed: QueueBookings.Code</c>), which are
/// matched against the columns of the model's unique indexes and keys.
/// </summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>A unique index or primary key refused the write.</summary>
    public static bool Is(Exception e) => Find(e) switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException s => s.SqliteErrorCode == SqliteConstraint && s.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        _ => false,
    };

    /// <summary>The database name of the violated unique index or primary key, as the model declares it; null when the write broke no unique rule or the index is not in the model.</summary>
    public static string? IndexName(DbContext db, Exception e)
    {
        if (!Is(e)) return null;
        switch (Find(e))
        {
            case PostgresException p:
                return Uniques(db.Model).Select(u => u.Name).FirstOrDefault(n => n == p.ConstraintName);
            case SqliteException s:
                var failed = SqliteColumns(s.Message);
                return failed is null ? null : Uniques(db.Model).FirstOrDefault(u => u.Columns.SequenceEqual(failed)).Name;
            default:
                return null;
        }
    }

    /// <summary>The database name of the unique index (or primary key) of <typeparamref name="TEntity"/> over exactly these properties.</summary>
    public static string Name<TEntity>(DbContext db, params string[] properties)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var index = entity.GetIndexes().Where(i => i.IsUnique).Select(i => (i.Properties, Name: i.GetDatabaseName()))
            .Concat(entity.GetKeys().Where(k => k.IsPrimaryKey()).Select(k => (k.Properties, Name: k.GetName())))
            .FirstOrDefault(i => i.Properties.Select(p => p.Name).SequenceEqual(properties));
        return index.Name ?? throw new InvalidOperationException(
            $"{typeof(TEntity).Name} has no unique index over {string.Join(", ", properties)}.");
    }

    /// <summary>Whether the write broke the unique index of <typeparamref name="TEntity"/> over exactly these properties.</summary>
    public static bool On<TEntity>(DbContext db, Exception e, params string[] properties) =>
        IndexName(db, e) is { } name && name == Name<TEntity>(db, properties);

    private static DbException? Find(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is DbException d) return d;
        return null;
    }

    /// <summary>Every unique index and primary key of the model: its database name and its columns as "Table.Column".</summary>
    private static IEnumerable<(string? Name, string[] Columns)> Uniques(IModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table) continue;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            string[] Columns(IEnumerable<IProperty> properties) => properties.Select(p => $"{table}.{p.GetColumnName(store)}").ToArray();
            foreach (var index in entity.GetIndexes().Where(i => i.IsUnique))
                yield return (index.GetDatabaseName(store), Columns(index.Properties));
            if (entity.FindPrimaryKey() is { } key)
                yield return (key.GetName(store), Columns(key.Properties));
        }
    }

    /// <summary>The columns SQLite lists in "UNIQUE constraint failed: T.A, T.B".</summary>
    private static string[]? SqliteColumns(string message)
    {
        const string marker = "constraint failed: ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var list = message[(at + marker.Length)..];
        var end = list.IndexOf('\'');
        if (end >= 0) list = list[..end];
        return list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }
}
