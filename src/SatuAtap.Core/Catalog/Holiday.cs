using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Catalog;

public enum HolidayKind { National, CollectiveLeave }

/// <summary>A day off: national holiday or collective leave day (cuti bersama), from the joint ministerial decrees.</summary>
public sealed class Holiday : IAudited, IVersioned
{
    public DateOnly Date { get; set; }
    public HolidayKind Kind { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public static string KindCode(HolidayKind kind) => kind == HolidayKind.National ? "national" : "collective_leave";

    public static HolidayKind? ParseKind(string? code) => code switch
    {
        "national" => HolidayKind.National,
        "collective_leave" => HolidayKind.CollectiveLeave,
        _ => null,
    };
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> b)
    {
        b.HasKey(h => h.Date);
        b.Property(h => h.Name).HasMaxLength(200);
        b.Property(h => h.NameEn).HasMaxLength(200);
        b.Property(h => h.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(h => h.Version).IsConcurrencyToken();
    }
}
