using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>
/// No table has an index whose columns are the leading columns of another of its indexes (unless it is unique, which
/// the longer one cannot enforce): such an index serves no read the longer one does not, costs every write, and can
/// mislead the planner. PostgreSQL chose the tickets' index on the day alone over (Day, Status) for today's finished
/// tickets and read every ticket of the day on each survey index request (docs/benchmarks/2026-12-02-rebuild-rows.md).
/// </summary>
public sealed class IndexesTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task NoIndexIsTheLeadingPartOfAnotherOnItsTable()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var indexes = new List<(string Table, string Name, string[] Columns, bool Unique)>();
        foreach (var type in db.Model.GetEntityTypes())
        {
            if (StoreObjectIdentifier.Create(type, StoreObjectType.Table) is not { } table) continue;
            foreach (var index in type.GetIndexes())
                indexes.Add((table.Name, index.GetDatabaseName(table) ?? index.Name ?? "?",
                    index.Properties.Select(p => p.GetColumnName(table) ?? p.Name).ToArray(), index.IsUnique));
        }
        Assert.Contains(indexes, i => i.Table == "QueueTickets" && i.Columns.SequenceEqual(["Day", "Status"]));

        var redundant = (from shorter in indexes
                         from longer in indexes
                         where shorter.Table == longer.Table && shorter.Name != longer.Name && !shorter.Unique
                               && shorter.Columns.Length <= longer.Columns.Length
                               && longer.Columns.Take(shorter.Columns.Length).SequenceEqual(shorter.Columns)
                         select $"{shorter.Table}: {shorter.Name} ({string.Join(", ", shorter.Columns)}) leads {longer.Name}").ToList();
        Assert.True(redundant.Count == 0, string.Join("\n", redundant));
    }
}
