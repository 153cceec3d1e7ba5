using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Queue;

public enum TicketStatus { Waiting, Called, Serving, Done, NoShow, Transferred }

/// <summary>
/// A queue ticket: number <c>A-012</c> per site, series and day. A transfer ends the ticket and continues it as a
/// new one with the same number, the next <see cref="Hop"/> and the original arrival time.
/// </summary>
public sealed class Ticket : Entity
{
    public Guid SiteId { get; set; }
    public Guid ServiceId { get; set; }
    public required string Series { get; set; }
    /// <summary>The day in the site's zone.</summary>
    public DateOnly Day { get; set; }
    public int Number { get; set; }
    /// <summary>0 for the ticket as issued, 1.. for each transfer.</summary>
    public int Hop { get; set; }
    public TicketStatus Status { get; set; }
    /// <summary>Set aside by an officer (the citizen fetches a document); not called until resumed.</summary>
    public bool Parked { get; set; }
    public bool Priority { get; set; }
    public Guid? BookingId { get; set; }
    /// <summary>For a booked ticket: the start of the booked slot.</summary>
    public DateTime? DueUtc { get; set; }
    public DateTime ArrivedUtc { get; set; }
    public DateTime? CalledUtc { get; set; }
    public DateTime? LastCalledUtc { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }
    public Guid? CounterId { get; set; }
    /// <summary>Set by a transfer to a counter: only that counter calls the ticket.</summary>
    public Guid? TargetCounterId { get; set; }
    public Guid? TransferredFromId { get; set; }
    public string? Outcome { get; set; }
    /// <summary>Raised on every change; a change based on a stale read is refused.</summary>
    public int Revision { get; set; }

    public string Display => Format(Series, Number);

    public static string Format(string series, int number) => $"{series}-{number:000}";
}

/// <summary>One step of a ticket, with its time and who did it: waiting and service times are facts.</summary>
public sealed class TicketEvent : Entity
{
    public Guid TicketId { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Action { get; set; }
    public TicketStatus? From { get; set; }
    public TicketStatus To { get; set; }
    public Guid? CounterId { get; set; }
    public Guid? UserId { get; set; }
    public string Actor { get; set; } = "";
    public string? Note { get; set; }
}

/// <summary>The last number issued per site, series and day: the row whose lock makes numbers unique and gap-free.</summary>
public sealed class TicketSequence
{
    public Guid SiteId { get; set; }
    public required string Series { get; set; }
    public DateOnly Day { get; set; }
    public int Last { get; set; }
}

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.ToTable("QueueTickets");
        b.Property(t => t.Series).HasMaxLength(2);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Outcome).HasMaxLength(500);
        b.Property(t => t.Revision).IsConcurrencyToken();
        b.Ignore(t => t.Display);
        b.HasIndex(t => new { t.SiteId, t.Series, t.Day, t.Number, t.Hop }).IsUnique();
        b.HasIndex(t => new { t.SiteId, t.Day, t.Status });
        // A day's finished tickets across every site (the survey population counts today's on each request).
        b.HasIndex(t => new { t.Day, t.Status });
        b.HasIndex(t => t.BookingId);
        b.HasOne<Site>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> b)
    {
        b.ToTable("QueueTicketEvents");
        b.Property(e => e.Action).HasMaxLength(32);
        b.Property(e => e.From).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.To).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Actor).HasMaxLength(256);
        b.Property(e => e.Note).HasMaxLength(500);
        b.HasIndex(e => e.TicketId);
        b.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TicketSequenceConfiguration : IEntityTypeConfiguration<TicketSequence>
{
    public void Configure(EntityTypeBuilder<TicketSequence> b)
    {
        b.ToTable("QueueTicketSequences");
        b.HasKey(s => new { s.SiteId, s.Series, s.Day });
        b.Property(s => s.Series).HasMaxLength(2);
    }
}
