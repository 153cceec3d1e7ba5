using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Catalog;

public enum AgencyKind { Regional, Vertical, StateEnterprise, Bank, Other }

/// <summary>An agency (instansi) with services in the mall: regional office, vertical agency, state enterprise or bank.</summary>
public sealed class Agency : Entity, IAudited, IVersioned
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public AgencyKind Kind { get; set; }
    public string Description { get; set; } = "";
    public string? DescriptionEn { get; set; }
    public bool IsDemo { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Code).HasMaxLength(32);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.NameEn).HasMaxLength(200);
        b.Property(a => a.Description).HasMaxLength(2000);
        b.Property(a => a.DescriptionEn).HasMaxLength(2000);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(a => a.Version).IsConcurrencyToken();
    }
}
