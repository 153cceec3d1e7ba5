using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Data;

/// <summary>
/// Saves a change of one versioned row together with the rows it adds — an application, its timeline event and its
/// outbox messages — and says whether the version check held.
/// </summary>
/// <remarks>
/// On PostgreSQL this is one round trip, without BEGIN and COMMIT: the statements travel as one batch, and PostgreSQL
/// runs a batch sent without a transaction as one implicit transaction, all of it or none of it. The UPDATE carries
/// the version check (<c>WHERE Id = … AND Version = old</c>) and sets the new version; every INSERT is written as
/// <c>INSERT … SELECT … WHERE EXISTS (the row with the new version)</c>, so when another writer changed the row first
/// the UPDATE matches nothing and no INSERT writes anything. (SaveChanges learns of a failed version check only after
/// its batch has run, so it needs an explicit transaction and a COMMIT round trip of its own.)
/// Anything else — SQLite, an open transaction, deletions, audited entities, other changed rows — goes through
/// SaveChanges, behind <see cref="DbRetry.GatedAsync{T}"/>.
/// </remarks>
public static class SingleTripSave
{
    /// <summary>True when saved; false when the row's version had changed since it was read (nothing was written).</summary>
    public static async Task<bool> SaveAsync<T>(SatuAtapDb db, T root, CancellationToken ct) where T : Entity, IVersioned
    {
        db.ChangeTracker.DetectChanges();
        var rootEntry = db.Entry(root);
        var others = db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged && e.Entity != (object)root).ToList();
        if (db.IsSqlite || db.Database.CurrentTransaction is not null || rootEntry.State != EntityState.Modified
            || !Writable(rootEntry) || others.Any(e => e.State != EntityState.Added || !Writable(e)))
        {
            try
            {
                await DbRetry.GatedAsync(db, c => db.SaveChangesAsync(c), ct);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                return false;
            }
        }

        var version = rootEntry.Property(nameof(IVersioned.Version));
        var oldVersion = (Guid)version.OriginalValue!;
        version.CurrentValue = Guid.NewGuid();
        var update = UpdateStatement(db, rootEntry);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = connection.CreateBatch();
            await using var probe = connection.CreateCommand();

            var updateCommand = batch.CreateBatchCommand();
            updateCommand.CommandText = update.Sql;
            var rootValues = rootEntry.CurrentValues;
            foreach (var p in update.Columns) Parameter(updateCommand, probe, p, rootValues[p.Property]);
            Parameter(updateCommand, probe, update.Key, root.Id);
            Parameter(updateCommand, probe, update.Version, oldVersion);
            batch.BatchCommands.Add(updateCommand);

            foreach (var entry in others)
            {
                var insert = InsertStatement(db, entry.Metadata, rootEntry.Metadata);
                var insertCommand = batch.CreateBatchCommand();
                insertCommand.CommandText = insert.Sql;
                var values = entry.CurrentValues;
                foreach (var p in insert.Columns) Parameter(insertCommand, probe, p, values[p.Property]);
                Parameter(insertCommand, probe, insert.Key, root.Id);
                Parameter(insertCommand, probe, insert.Version, root.Version);
                batch.BatchCommands.Add(insertCommand);
            }

            await batch.ExecuteNonQueryAsync(ct);
            if (updateCommand.RecordsAffected != 1)
            {
                version.CurrentValue = oldVersion;
                return false;
            }
            db.ChangeTracker.AcceptAllChanges();
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A column of a statement: the property, and the type mapping its parameter is made with.</summary>
    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping)
    {
        public static Column Of(IProperty p) => new(p, (RelationalTypeMapping)p.GetTypeMapping());
    }

    /// <summary>A statement's text and its parameters in order ($1 … $n): the columns, then the root's key and version.</summary>
    private sealed record Statement(string Sql, Column[] Columns, Column Key, Column Version);

    /// <summary>
    /// The statements already written, per entity type of a model (a model's types live as long as the model):
    /// UPDATEs per set of changed columns, INSERTs per root type.
    /// </summary>
    /// <remarks>
    /// Measured reason (2026-12-01, allocation samples of a node during <c>application-submit</c> on two nodes): writing
    /// the text on every save — column names worked out again by EF Core's metadata (<c>GetColumnName</c>), the
    /// delimiting, the string builders — was 40 % of what a submit allocated (22 of 55 MB sampled), and every 10–16 MB
    /// allocated is a gen0 collection that stops every request of the node. The text depends only on the entity types
    /// and the changed columns, so it is written once per shape.
    /// </remarks>
    private static readonly ConditionalWeakTable<IEntityType, ConcurrentDictionary<object, Statement>> Statements = new();

    private static Statement UpdateStatement(SatuAtapDb db, EntityEntry rootEntry)
    {
        // The changed columns (the new version among them) as a bit set over the type's properties, in EF Core's order.
        var changed = 0UL;
        var i = 0;
        foreach (var p in rootEntry.Metadata.GetProperties())
        {
            if (i == 64) return WriteUpdate(db, rootEntry.Metadata, rootEntry.Properties.Where(e => e.IsModified).Select(e => e.Metadata).ToList());
            if (rootEntry.Property(p).IsModified) changed |= 1UL << i;
            i++;
        }
        return Statements.GetOrCreateValue(rootEntry.Metadata).GetOrAdd(changed, _ =>
            WriteUpdate(db, rootEntry.Metadata, rootEntry.Metadata.GetProperties().Where((_, n) => (changed & (1UL << n)) != 0).ToList()));
    }

    private static Statement WriteUpdate(SatuAtapDb db, IEntityType type, List<IProperty> set)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = Table(type, sql);
        var key = Column.Of(type.FindProperty(nameof(Entity.Id))!);
        var version = Column.Of(type.FindProperty(nameof(IVersioned.Version))!);
        var text = new StringBuilder("UPDATE ").Append(table.Name).Append(" SET ");
        for (var i = 0; i < set.Count; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(ColumnName(set[i], table, sql)).Append(" = $").Append(i + 1);
        }
        text.Append(" WHERE ").Append(ColumnName(key.Property, table, sql)).Append(" = $").Append(set.Count + 1)
            .Append(" AND ").Append(ColumnName(version.Property, table, sql)).Append(" = $").Append(set.Count + 2);
        return new Statement(text.ToString(), set.Select(Column.Of).ToArray(), key, version);
    }

    private static Statement InsertStatement(SatuAtapDb db, IEntityType type, IEntityType root) =>
        Statements.GetOrCreateValue(type).GetOrAdd(root, _ =>
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var table = Table(type, sql);
            var rootTable = Table(root, sql);
            var columns = type.GetProperties().Select(Column.Of).ToArray();
            var key = Column.Of(root.FindProperty(nameof(Entity.Id))!);
            var version = Column.Of(root.FindProperty(nameof(IVersioned.Version))!);
            var text = new StringBuilder("INSERT INTO ").Append(table.Name).Append(" (")
                .AppendJoin(", ", columns.Select(c => ColumnName(c.Property, table, sql))).Append(") SELECT ")
                .AppendJoin(", ", columns.Select((_, i) => "$" + (i + 1)))
                .Append(" WHERE EXISTS (SELECT 1 FROM ").Append(rootTable.Name).Append(" WHERE ").Append(ColumnName(key.Property, rootTable, sql))
                .Append(" = $").Append(columns.Length + 1).Append(" AND ").Append(ColumnName(version.Property, rootTable, sql))
                .Append(" = $").Append(columns.Length + 2).Append(')');
            return new Statement(text.ToString(), columns, key, version);
        });

    /// <summary>A plain row of one table: not audited, not a join row, no complex or shadow-only mapping to worry about.</summary>
    private static bool Writable(EntityEntry e) =>
        e.Entity is not IAudited && !e.Metadata.HasSharedClrType && e.Metadata.BaseType is null
        && e.Metadata.GetTableName() is not null && !e.Metadata.GetComplexProperties().Any()
        && e.Properties.All(p => !p.IsTemporary);

    private readonly record struct TableName(string Name, StoreObjectIdentifier Store);

    private static TableName Table(IEntityType type, ISqlGenerationHelper sql)
    {
        var name = type.GetTableName()!;
        var schema = type.GetSchema();
        return new TableName(sql.DelimitIdentifier(name, schema), StoreObjectIdentifier.Table(name, schema));
    }

    private static string ColumnName(IProperty p, TableName table, ISqlGenerationHelper sql) =>
        sql.DelimitIdentifier(p.GetColumnName(table.Store)!);

    /// <summary>Adds a positional parameter typed and converted as EF Core would (its placeholder is its position).</summary>
    private static void Parameter(DbBatchCommand command, DbCommand probe, Column column, object? value) =>
        command.Parameters.Add(column.Mapping.CreateParameter(probe, "", value, column.Property.IsNullable));
}
