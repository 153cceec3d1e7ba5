using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Catalog;

/// <summary>What lets an agency sit in the mall: a memorandum (MoU) with a vertical agency, a cooperation
/// agreement (PKS) or a commitment of a regional agency.</summary>
public enum AgreementKind { Memorandum, Cooperation, Commitment }

public sealed class Agreement : Entity, IAudited, IVersioned
{
    public required string Number { get; set; }
    public AgreementKind Kind { get; set; }
    public required string Title { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public string Parties { get; set; } = "";
    public DateOnly SignedOn { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidUntil { get; set; }
    /// <summary>The scanned document, stored in the configured file folder, never in the web root.</summary>
    public string? DocumentFile { get; set; }
    public string? DocumentName { get; set; }
    public string? DocumentContentType { get; set; }
    public List<Service> Services { get; set; } = [];
    public List<AgreementCounter> Counters { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool ExpiresWithin(DateOnly today, int days) => ValidUntil >= today && ValidUntil <= today.AddDays(days);
}

/// <summary>A counter covered by an agreement: the weekdays it is staffed and by how many officers.</summary>
public sealed class AgreementCounter : IAudited
{
    public Guid AgreementId { get; set; }
    public Guid CounterId { get; set; }
    public Counter? Counter { get; set; }
    public Weekdays Weekdays { get; set; }
    public int Officers { get; set; }
}

[Flags]
public enum Weekdays
{
    None = 0, Monday = 1, Tuesday = 2, Wednesday = 4, Thursday = 8, Friday = 16, Saturday = 32, Sunday = 64,
}

public static class WeekdaysExtensions
{
    private static readonly (Weekdays Flag, DayOfWeek Day)[] Map =
    [
        (Weekdays.Monday, DayOfWeek.Monday), (Weekdays.Tuesday, DayOfWeek.Tuesday), (Weekdays.Wednesday, DayOfWeek.Wednesday),
        (Weekdays.Thursday, DayOfWeek.Thursday), (Weekdays.Friday, DayOfWeek.Friday), (Weekdays.Saturday, DayOfWeek.Saturday),
        (Weekdays.Sunday, DayOfWeek.Sunday),
    ];

    public static IEnumerable<DayOfWeek> Days(this Weekdays w) => Map.Where(m => w.HasFlag(m.Flag)).Select(m => m.Day);

    /// <summary>ISO numbers, 1 = Monday … 7 = Sunday.</summary>
    public static int[] IsoNumbers(this Weekdays w) => w.Days().Select(d => d == DayOfWeek.Sunday ? 7 : (int)d).ToArray();

    public static Weekdays FromIso(IEnumerable<int> days) =>
        days.Aggregate(Weekdays.None, (acc, d) => d is >= 1 and <= 7 ? acc | (Weekdays)(1 << (d - 1)) : acc);
}

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> b)
    {
        b.HasIndex(a => a.Number).IsUnique();
        b.HasIndex(a => a.ValidUntil);
        b.Property(a => a.Number).HasMaxLength(100);
        b.Property(a => a.Title).HasMaxLength(300);
        b.Property(a => a.Parties).HasMaxLength(1000);
        b.Property(a => a.DocumentFile).HasMaxLength(200);
        b.Property(a => a.DocumentName).HasMaxLength(200);
        b.Property(a => a.DocumentContentType).HasMaxLength(100);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Services).WithMany().UsingEntity("AgreementServices");
        b.HasMany(a => a.Counters).WithOne().HasForeignKey(c => c.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgreementCounterConfiguration : IEntityTypeConfiguration<AgreementCounter>
{
    public void Configure(EntityTypeBuilder<AgreementCounter> b)
    {
        b.HasKey(c => new { c.AgreementId, c.CounterId });
        b.HasOne(c => c.Counter).WithMany().HasForeignKey(c => c.CounterId).OnDelete(DeleteBehavior.Restrict);
    }
}
