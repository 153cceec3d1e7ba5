using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Catalog;

/// <summary>Words people use for the same thing (<c>ktp</c> = <c>kartu tanda penduduk</c>), kept by the managers.</summary>
public sealed class Synonym : Entity, IAudited, IVersioned
{
    public required string Term { get; set; }
    /// <summary>Alternatives, one per line in storage.</summary>
    public List<string> Alternatives { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class SynonymConfiguration : IEntityTypeConfiguration<Synonym>
{
    public void Configure(EntityTypeBuilder<Synonym> b)
    {
        b.HasIndex(s => s.Term).IsUnique();
        b.Property(s => s.Term).HasMaxLength(100);
        b.Property(s => s.Alternatives).HasConversion(
            v => string.Join('\n', v),
            v => v.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<string>>(
                (a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()))
            .HasMaxLength(2000);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
