using System.Data.Common;
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

        var sql = db.GetService<ISqlGenerationHelper>();
        var version = rootEntry.Property(nameof(IVersioned.Version));
        var oldVersion = (Guid)version.OriginalValue!;
        version.CurrentValue = Guid.NewGuid();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = connection.CreateBatch();
            await using var probe = connection.CreateCommand();

            var rootTable = Table(rootEntry, sql);
            var key = rootEntry.Property(nameof(Entity.Id));
            var update = batch.CreateBatchCommand();
            var text = new StringBuilder("UPDATE ").Append(rootTable.Name).Append(" SET ");
            var first = true;
            foreach (var p in rootEntry.Properties.Where(p => p.IsModified))
            {
                if (!first) text.Append(", ");
                first = false;
                text.Append(Column(p, rootTable, sql)).Append(" = ").Append(Parameter(update, probe, p.Metadata, p.CurrentValue));
            }
            text.Append(" WHERE ").Append(Column(key, rootTable, sql)).Append(" = ").Append(Parameter(update, probe, key.Metadata, root.Id))
                .Append(" AND ").Append(Column(version, rootTable, sql)).Append(" = ").Append(Parameter(update, probe, version.Metadata, oldVersion));
            update.CommandText = text.ToString();
            batch.BatchCommands.Add(update);

            foreach (var entry in others)
            {
                var table = Table(entry, sql);
                var insert = batch.CreateBatchCommand();
                var columns = new StringBuilder();
                var values = new StringBuilder();
                foreach (var p in entry.Properties)
                {
                    if (columns.Length > 0) { columns.Append(", "); values.Append(", "); }
                    columns.Append(Column(p, table, sql));
                    values.Append(Parameter(insert, probe, p.Metadata, p.CurrentValue));
                }
                insert.CommandText = new StringBuilder("INSERT INTO ").Append(table.Name).Append(" (").Append(columns).Append(") SELECT ").Append(values)
                    .Append(" WHERE EXISTS (SELECT 1 FROM ").Append(rootTable.Name).Append(" WHERE ").Append(Column(key, rootTable, sql)).Append(" = ")
                    .Append(Parameter(insert, probe, key.Metadata, root.Id)).Append(" AND ").Append(Column(version, rootTable, sql)).Append(" = ")
                    .Append(Parameter(insert, probe, version.Metadata, root.Version)).Append(')').ToString();
                batch.BatchCommands.Add(insert);
            }

            await batch.ExecuteNonQueryAsync(ct);
            if (update.RecordsAffected != 1)
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

    /// <summary>A plain row of one table: not audited, not a join row, no complex or shadow-only mapping to worry about.</summary>
    private static bool Writable(EntityEntry e) =>
        e.Entity is not IAudited && !e.Metadata.HasSharedClrType && e.Metadata.BaseType is null
        && e.Metadata.GetTableName() is not null && !e.Metadata.GetComplexProperties().Any()
        && e.Properties.All(p => !p.IsTemporary);

    private readonly record struct TableName(string Name, StoreObjectIdentifier Store);

    private static TableName Table(EntityEntry e, ISqlGenerationHelper sql)
    {
        var name = e.Metadata.GetTableName()!;
        var schema = e.Metadata.GetSchema();
        return new TableName(sql.DelimitIdentifier(name, schema), StoreObjectIdentifier.Table(name, schema));
    }

    private static string Column(PropertyEntry p, TableName table, ISqlGenerationHelper sql) =>
        sql.DelimitIdentifier(p.Metadata.GetColumnName(table.Store)!);

    /// <summary>Adds a positional parameter ($n) typed and converted as EF Core would, and returns its placeholder.</summary>
    private static string Parameter(DbBatchCommand command, DbCommand probe, IProperty property, object? value)
    {
        var mapping = (RelationalTypeMapping)property.GetTypeMapping();
        var parameter = mapping.CreateParameter(probe, "", value, property.IsNullable);
        command.Parameters.Add(parameter);
        return "$" + command.Parameters.Count;
    }
}
