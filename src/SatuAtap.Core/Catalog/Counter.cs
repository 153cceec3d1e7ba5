using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Catalog;

/// <summary>A counter (loket) of one agency in the mall building; the agreements say on which weekdays it is staffed.</summary>
public sealed class Counter : Entity, IAudited, IVersioned
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public List<Service> Services { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class CounterConfiguration : IEntityTypeConfiguration<Counter>
{
    public void Configure(EntityTypeBuilder<Counter> b)
    {
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Code).HasMaxLength(32);
        b.Property(c => c.Name).HasMaxLength(100);
        b.HasOne(c => c.Agency).WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}
