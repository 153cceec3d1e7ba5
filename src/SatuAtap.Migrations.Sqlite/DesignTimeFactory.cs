using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SatuAtap.Core.Data;

namespace SatuAtap.Migrations.Sqlite;

/// <summary>Used by <c>dotnet ef</c> only, to build the SQLite migrations; the mall configures its own context.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SatuAtapDb>
{
    public SatuAtapDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SatuAtapDb>()
        .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
        .Options);
}
