using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Outreach;

/// <summary>A vehicle of the mobile mall (MPP keliling) and its crew. A unit is in one place at a time.</summary>
public sealed class OutreachUnit : Entity, IAudited
{
    public required string Name { get; set; }
    /// <summary>The vehicle: kind and registration plate.</summary>
    public string Vehicle { get; set; } = "";
    /// <summary>The crew (driver, coordinator), as free text.</summary>
    public string Crew { get; set; } = "";
    public bool IsDemo { get; set; }
}

/// <summary>
/// Planned, moved or cancelled; "done" is not stored: a visit that is not cancelled and whose end has passed is done.
/// </summary>
public enum VisitStatus { Planned, Moved, Cancelled }

/// <summary>
/// A visit: one unit at one stop (Catalog's <c>MobileStop</c>) from a start to an end on one day. Its slots, tickets
/// and board are the Queue's, at the stop's site (<see cref="SiteId"/>): one slot per offered service spanning the
/// visit, with the service's quota as its capacity.
/// </summary>
public sealed class Visit : Entity, IAudited
{
    public Guid UnitId { get; set; }
    public Guid StopId { get; set; }
    /// <summary>The Queue site of the stop (kind Mobile), where the visit's slots, tickets and board live.</summary>
    public Guid SiteId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    /// <summary>The day in the stop's zone.</summary>
    public DateOnly Day { get; set; }
    public VisitStatus Status { get; set; }
    /// <summary>A manager confirmed the visit although its day is on the holiday calendar.</summary>
    public bool OnHolidayConfirmed { get; set; }
    /// <summary>The recurring plan the visit was expanded from (all visits of one plan share it); null for a single visit.</summary>
    public Guid? PlanId { get; set; }
    /// <summary>Why it was moved or cancelled, as told to the people who booked.</summary>
    public string Note { get; set; } = "";
    public bool IsDemo { get; set; }
    public List<VisitService> Services { get; set; } = [];

    public bool IsDone(DateTime utcNow) => Status != VisitStatus.Cancelled && EndUtc <= utcNow;

    public string StatusCode(DateTime utcNow) => IsDone(utcNow) ? "done" : Status switch
    {
        VisitStatus.Moved => "moved",
        VisitStatus.Cancelled => "cancelled",
        _ => "planned",
    };
}

/// <summary>A service offered at a visit with its quota (the capacity of the visit's slot for it).</summary>
public sealed class VisitService
{
    public Guid VisitId { get; set; }
    public Guid ServiceId { get; set; }
    public int Quota { get; set; }
    /// <summary>The Queue slot that holds the quota.</summary>
    public Guid SlotId { get; set; }
}

/// <summary>
/// An officer chosen to travel with a visit: a staff account of an agency whose services the visit offers. On the
/// visit's day the chosen officers work the visit's counters at the stop's site (<see cref="VisitCrew"/>).
/// </summary>
public sealed class VisitOfficer
{
    public Guid VisitId { get; set; }
    public Guid UserId { get; set; }
}

internal sealed class OutreachUnitConfiguration : IEntityTypeConfiguration<OutreachUnit>
{
    public void Configure(EntityTypeBuilder<OutreachUnit> b)
    {
        b.ToTable("OutreachUnits");
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.Vehicle).HasMaxLength(200);
        b.Property(u => u.Crew).HasMaxLength(1000);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.ToTable("OutreachVisits", t => t.HasCheckConstraint("CK_OutreachVisits_Window", "\"EndUtc\" > \"StartUtc\""));
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.Note).HasMaxLength(500);
        // The schedule is read by time (the public list and the unit's overlap check) and per stop.
        b.HasIndex(v => v.StartUtc);
        b.HasIndex(v => new { v.UnitId, v.StartUtc });
        b.HasIndex(v => new { v.StopId, v.StartUtc });
        b.HasOne<OutreachUnit>().WithMany().HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Catalog.MobileStop>().WithMany().HasForeignKey(v => v.StopId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Queue.Site>().WithMany().HasForeignKey(v => v.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.Services).WithOne().HasForeignKey(s => s.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VisitServiceConfiguration : IEntityTypeConfiguration<VisitService>
{
    public void Configure(EntityTypeBuilder<VisitService> b)
    {
        b.ToTable("OutreachVisitServices");
        b.HasKey(s => new { s.VisitId, s.ServiceId });
        b.HasIndex(s => s.ServiceId);
        b.HasOne<Catalog.Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Queue.Slot>().WithMany().HasForeignKey(s => s.SlotId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitOfficerConfiguration : IEntityTypeConfiguration<VisitOfficer>
{
    public void Configure(EntityTypeBuilder<VisitOfficer> b)
    {
        // A visit's crew: one row per chosen officer; gone with the visit or the account.
        b.ToTable("OutreachVisitOfficers");
        b.HasKey(o => new { o.VisitId, o.UserId });
        b.HasIndex(o => o.UserId);
        b.HasOne<Visit>().WithMany().HasForeignKey(o => o.VisitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.User>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
