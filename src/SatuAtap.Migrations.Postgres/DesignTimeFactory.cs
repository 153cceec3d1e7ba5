using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SatuAtap.Core.Data;

namespace SatuAtap.Migrations.Postgres;

/// <summary>Used by <c>dotnet ef</c> only, to build the PostgreSQL migrations; the mall configures its own context.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SatuAtapDb>
{
    public SatuAtapDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SatuAtapDb>()
        .UseNpgsql("Host=localhost;Database=satuatap_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
        .Options);
}
