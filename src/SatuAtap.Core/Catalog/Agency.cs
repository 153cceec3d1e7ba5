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
    /// <summary>Where the agency's own office is (its counters in the mall are listed with the services).</summary>
    public string Address { get; set; } = "";
    /// <summary>Opening hours as people read them, for example "Senin–Jumat 08.00–15.00".</summary>
    public string OpeningHours { get; set; } = "";
    public string? OpeningHoursEn { get; set; }
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
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
        // Address, hours and contact: plain text, empty when not known (rows from before they existed are empty).
        b.Property(a => a.Address).HasMaxLength(300);
        b.Property(a => a.OpeningHours).HasMaxLength(200);
        b.Property(a => a.OpeningHoursEn).HasMaxLength(200);
        b.Property(a => a.Phone).HasMaxLength(50);
        b.Property(a => a.Email).HasMaxLength(256);
        b.Property(a => a.Version).IsConcurrencyToken();
    }
}
