using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Catalog;

/// <summary>A life event that groups services (identity and family, business, vehicles …).</summary>
public sealed class Topic : Entity, IAudited, IVersioned
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int Order { get; set; }
    public List<Service> Services { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> b)
    {
        b.HasIndex(t => t.Code).IsUnique();
        b.Property(t => t.Code).HasMaxLength(32);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.NameEn).HasMaxLength(200);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}
