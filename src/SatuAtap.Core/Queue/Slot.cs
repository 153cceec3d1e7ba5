using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Queue;

/// <summary>
/// A time window at a site in which a number of people can book a service. <see cref="Booked"/> is the
/// counter that the database guards: it is only ever raised by a conditional update (<c>Booked &lt; Capacity</c>),
/// and a check constraint refuses any value above the capacity.
/// </summary>
public sealed class Slot : Entity
{
    public Guid SiteId { get; set; }
    public Guid ServiceId { get; set; }
    /// <summary>The day in the site's zone (what people choose; the key of "one booking per day").</summary>
    public DateOnly Day { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public int Capacity { get; set; }
    public int Booked { get; set; }
    /// <summary>Closed by a manager (closure): no new bookings; existing ones stay.</summary>
    public bool Closed { get; set; }
}

internal sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    public void Configure(EntityTypeBuilder<Slot> b)
    {
        b.ToTable("QueueSlots", t =>
        {
            t.HasCheckConstraint("CK_QueueSlots_Booked", "\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\"");
            t.HasCheckConstraint("CK_QueueSlots_Window", "\"EndUtc\" > \"StartUtc\"");
        });
        b.HasIndex(s => new { s.SiteId, s.ServiceId, s.Day });
        b.HasIndex(s => new { s.SiteId, s.ServiceId, s.StartUtc });
        b.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Catalog.Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
