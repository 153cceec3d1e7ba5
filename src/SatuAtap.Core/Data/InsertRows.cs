using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SatuAtap.Core.Data;

/// <summary>
/// Writes new rows of an entity type straight into its table, bypassing the change tracker and <c>SaveChanges</c>, for
/// generated or derived data of tens of thousands of rows (the demo history, the Insights rebuild's kept rows) and for
/// the Queue's batches of issued tickets (docs/benchmarks/2026-12-02-ticket-rows.md): on
/// PostgreSQL with <c>COPY … FROM STDIN (FORMAT BINARY)</c> (Npgsql's binary importer), on SQLite with multi-row
/// <c>INSERT</c> statements.
/// </summary>
/// <remarks>
/// <para>Why it exists (measured, docs/benchmarks/2026-12-01-seeding-fast.md): the 180-day demo history is about 68,000
/// rows. Saved through the change tracker a week at a time (cleared after each save), seeding it took 50.4 s and
/// allocated 1,792 MB on SQLite at load average 27, of which generating the records is under 2 s and 26 MB: the saves
/// were the rest (EF Core builds a modification command, its SQL and its parameters for every row). Written here, the
/// same tables took 19–32 s and 390–570 MB at load averages of 20–47, on SQLite and PostgreSQL.</para>
/// <para>Why PostgreSQL copies (measured, docs/benchmarks/2026-12-02-rebuild-rows.md): with multi-row statements of
/// 16,000 parameters, each statement's SQL is a string of about 256 KB on the large object heap, and the Insights
/// rebuild of the bench's three years left 87 MB live there after its last full collection (348 MB resident). Npgsql
/// keeps the SQL of recent statements on each connection as candidates for automatic preparation (<c>Max Auto
/// Prepare</c>), the likeliest holder. COPY sends the rows without SQL text or parameters: the same rebuild took
/// 20 s instead of 40 s, and the mall running that scenario peaked at 277 MB.</para>
/// <para>The rows are the ones EF Core would write: every column of the entity type's table from the model (table and
/// column names, the order of properties), each value through the property's own type mapping
/// (<see cref="RelationalTypeMapping.CreateParameter"/> on SQLite; on PostgreSQL the mapping's value converter and its
/// store type), so value converters such as enums stored as text and encrypted personal data apply as in a save. What
/// it does not do, it refuses: entity types with shadow properties, store-generated values or table splitting, and
/// audited entities (<see cref="Common.IAudited"/>), whose saves must write the audit trail. It writes in the context's current transaction when there is one.</para>
/// </remarks>
public static partial class InsertRows
{
    /// <summary>Parameters per statement on SQLite: it binds by name (looked up one by one), so its statements stay short.</summary>
    private const int ParametersPerStatement = 240;

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter);

    /// <summary>
    /// How an entity type's rows are written, worked out once per model and type (the Queue writes each batch of
    /// issued tickets here): the table and its columns, and per provider the COPY's column types (PostgreSQL) or the
    /// parameter names and text of a full statement (SQLite).
    /// </summary>
    private sealed record Plan(string Into, Column[] Columns, string[] CopyTypes, string[] Names, int PerStatement, string? FullText);

    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<Type, Plan>> Plans = new();

    /// <summary>Inserts <paramref name="rows"/> (new entities, not tracked) into their table; returns the number written.</summary>
    public static async Task<int> InsertAsync<T>(SatuAtapDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return 0;
        var plan = Plans.GetValue(db.Model, _ => new()).GetOrAdd(typeof(T), static (_, db) => PlanFor<T>(db), db);
        if (!db.IsSqlite) return await CopyAsync(db, rows, plan, ct);
        var columns = plan.Columns;
        var perStatement = plan.PerStatement;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                // A command per statement (a command executed again with other parameter objects may send the first ones
                // again where the provider keeps the prepared statement's parameters); full statements share their text.
                var text = count == perStatement ? plan.FullText! : Text(plan.Into, plan.Names, columns.Length, count);
                await using var command = connection.CreateCommand();
                command.CommandText = text;
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns.Length; c++)
                    {
                        var column = columns[c];
                        command.Parameters.Add(column.Mapping.CreateParameter(command, plan.Names[r * columns.Length + c],
                            column.Getter.GetClrValueUsingContainingEntity(row), column.Property.IsNullable));
                    }
                }
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return rows.Count;
    }

    private static Plan PlanFor<T>(SatuAtapDb db) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        if (typeof(Common.IAudited).IsAssignableFrom(typeof(T)))
            throw new InvalidOperationException($"{typeof(T).Name} is audited: save it with SaveChangesAsync, which writes the audit trail.");
        var table = StoreObjectIdentifier.Create(entity, StoreObjectType.Table)
                    ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        if (entity.GetTableMappings().Count() != 1 || entity.BaseType is not null || entity.GetDerivedTypes().Any())
            throw new InvalidOperationException($"{typeof(T).Name} shares or splits its table.");
        var columns = new List<Column>();
        foreach (var property in entity.GetProperties())
        {
            if (property.IsShadowProperty() || property.ValueGenerated != ValueGenerated.Never && !property.IsPrimaryKey()
                || property.GetComputedColumnSql() is not null || property.GetDefaultValueSql() is not null)
                throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is not a plain column.");
            columns.Add(new Column(property, property.GetColumnName(table)!, (RelationalTypeMapping)property.GetRelationalTypeMapping(), property.GetGetter()));
        }
        var sql = db.GetService<ISqlGenerationHelper>();
        var into = $"{sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))})";
        if (!db.IsSqlite)
            // Each column's store type without its facets: "character varying(16)" is written as "character varying",
            // "timestamp(3) with time zone" as "timestamp with time zone".
            return new Plan(into, [.. columns], [.. columns.Select(c => Facets().Replace(c.Mapping.StoreType, ""))], [], 0, null);
        var perStatement = Math.Max(1, ParametersPerStatement / columns.Count);
        var names = Enumerable.Range(0, perStatement * columns.Count).Select(i => sql.GenerateParameterName("p" + i)).ToArray();
        return new Plan(into, [.. columns], [], names, perStatement, Text(into, names, columns.Count, perStatement));
    }

    /// <summary>The rows copied into the plan's table, on PostgreSQL.</summary>
    private static async Task<int> CopyAsync<T>(SatuAtapDb db, IReadOnlyList<T> rows, Plan plan, CancellationToken ct) where T : class
    {
        var columns = plan.Columns;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var copy = await connection.BeginBinaryImportAsync(
                $"COPY {plan.Into} FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                for (var c = 0; c < columns.Length; c++)
                {
                    var value = columns[c].Getter.GetClrValueUsingContainingEntity(row);
                    if (value is not null && columns[c].Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                    if (value is null) await copy.WriteNullAsync(ct);
                    else await copy.WriteAsync(value, plan.CopyTypes[c], ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return rows.Count;
    }

    [GeneratedRegex(@"\(\s*\d+(\s*,\s*\d+)?\s*\)")]
    private static partial Regex Facets();

    private static string Text(string into, string[] names, int columns, int rows)
    {
        var text = new StringBuilder("INSERT INTO ", into.Length + 20 + rows * columns * 8).Append(into).Append(" VALUES ");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                if (c > 0) text.Append(", ");
                text.Append(names[r * columns + c]);
            }
            text.Append(')');
        }
        return text.ToString();
    }
}
