using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Catalog;

/// <summary>The mall building of this deployment (one regency or city).</summary>
public sealed class Mall : Entity, IAudited
{
    public required string Name { get; set; }
    public required string Regency { get; set; }
    public string Address { get; set; } = "";
    public string TimeZone { get; set; } = "Asia/Jakarta";
    public string OpeningHours { get; set; } = "";
}

/// <summary>A stop of the mobile unit (MPP keliling), in a district.</summary>
public sealed class MobileStop : Entity, IAudited
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string DistrictCode { get; set; } = "";
    public string Address { get; set; } = "";
    /// <summary>Where the unit parks (WGS 84), for the map link; null until a manager sets it.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>What the place offers the public (shade, seats, toilets, power), as free text.</summary>
    public string Facilities { get; set; } = "";
    /// <summary>Road distance from the stop to the mall building, one way, in kilometres (the base of "trips saved").</summary>
    public double RoadDistanceKm { get; set; }
    /// <summary>Travel time from the stop to the mall building, one way, in minutes.</summary>
    public int TravelMinutes { get; set; }
}

/// <summary>A district (kecamatan) of the regency.</summary>
public sealed class District
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

internal sealed class MallConfiguration : IEntityTypeConfiguration<Mall>
{
    public void Configure(EntityTypeBuilder<Mall> b)
    {
        b.Property(m => m.Name).HasMaxLength(200);
        b.Property(m => m.Regency).HasMaxLength(200);
        b.Property(m => m.Address).HasMaxLength(500);
        b.Property(m => m.TimeZone).HasMaxLength(64);
        b.Property(m => m.OpeningHours).HasMaxLength(500);
    }
}

internal sealed class MobileStopConfiguration : IEntityTypeConfiguration<MobileStop>
{
    public void Configure(EntityTypeBuilder<MobileStop> b)
    {
        b.HasIndex(s => s.Code).IsUnique();
        b.Property(s => s.Code).HasMaxLength(32);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.DistrictCode).HasMaxLength(16);
        b.Property(s => s.Address).HasMaxLength(500);
        b.Property(s => s.Facilities).HasMaxLength(1000);
    }
}

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.HasKey(d => d.Code);
        b.Property(d => d.Code).HasMaxLength(16);
        b.Property(d => d.Name).HasMaxLength(100);
    }
}
