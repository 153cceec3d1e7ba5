using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Queue;

public enum SiteKind { Building, Mobile }

/// <summary>
/// A place where people queue: the mall building, or one visit of the mobile unit (a site for its day).
/// Times are stored in UTC and shown in the site's own zone.
/// </summary>
public sealed class Site : Entity, IAudited
{
    public required string Name { get; set; }
    public SiteKind Kind { get; set; }
    /// <summary>IANA zone, for example <c>Asia/Jakarta</c>.</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";
    /// <summary>For a mobile visit: the stop it is at (Catalog's <c>MobileStop</c>).</summary>
    public Guid? MobileStopId { get; set; }
    public bool Active { get; set; } = true;
    /// <summary>
    /// Opening hours per weekday (a building's; see <see cref="OpeningHours"/>). A mobile site has none: it is open
    /// during its visits' slots. A building without any is not held to hours.
    /// </summary>
    public List<SiteHours> Hours { get; set; } = [];

    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var z) ? z : TimeZoneInfo.Utc;
}

/// <summary>
/// Places a Catalog counter at a site. A counter is at one site at a time; which services it serves stays the
/// Catalog's many-to-many (<c>Counter.Services</c>).
/// </summary>
public sealed class SiteCounter
{
    public Guid CounterId { get; set; }
    public Guid SiteId { get; set; }
}

/// <summary>The ticket letter of an agency's services (A for Disdukcapil, B for DPMPTSP, …).</summary>
public sealed class QueueSeries
{
    public Guid AgencyId { get; set; }
    public required string Letter { get; set; }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> b)
    {
        b.ToTable("QueueSites");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.TimeZone).HasMaxLength(64);
        b.Ignore(s => s.Zone);
        // Opening hours: owned rows (site, ISO weekday 1–7) → opens, closes in the site's time; loaded with the site.
        b.OwnsMany(s => s.Hours, h =>
        {
            h.ToTable("QueueSiteHours", t => t.HasCheckConstraint("CK_QueueSiteHours_Weekday", "\"Weekday\" BETWEEN 1 AND 7"));
            h.WithOwner().HasForeignKey("SiteId");
            h.HasKey("SiteId", nameof(SiteHours.Weekday));
            h.Property(x => x.Weekday).ValueGeneratedNever();
        });
    }
}

internal sealed class SiteCounterConfiguration : IEntityTypeConfiguration<SiteCounter>
{
    public void Configure(EntityTypeBuilder<SiteCounter> b)
    {
        b.ToTable("QueueSiteCounters");
        b.HasKey(c => c.CounterId);
        b.HasIndex(c => c.SiteId);
        b.HasOne<Catalog.Counter>().WithMany().HasForeignKey(c => c.CounterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Site>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QueueSeriesConfiguration : IEntityTypeConfiguration<QueueSeries>
{
    public void Configure(EntityTypeBuilder<QueueSeries> b)
    {
        b.ToTable("QueueSeries");
        b.HasKey(s => s.AgencyId);
        b.Property(s => s.Letter).HasMaxLength(2);
        b.HasIndex(s => s.Letter).IsUnique();
        b.HasOne<Catalog.Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Cascade);
    }
}
