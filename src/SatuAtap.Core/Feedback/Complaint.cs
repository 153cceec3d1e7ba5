using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// A complaint (pengaduan) about a service, an agency or a site. The reporter follows it by its tracking
/// <see cref="Number"/> and the <see cref="CheckCode"/> given when it was filed. The reporter's text is seen by the
/// complaint desk; the public sees only <see cref="PublicText"/>, written by the desk with personal data hidden.
/// </summary>
public sealed class Complaint : Entity, IVersioned
{
    /// <summary>Tracking number, <c>ADU-YYMMDD-XXXXX</c>.</summary>
    public required string Number { get; set; }
    /// <summary>The short code that, with the number, lets the reporter follow the complaint without an account.</summary>
    public required string CheckCode { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? AgencyId { get; set; }
    public Guid? SiteId { get; set; }
    public required string Text { get; set; }
    /// <summary>The text the public sees, personal data hidden by the desk; null until verified.</summary>
    public string? PublicText { get; set; }
    public string? ReporterName { get; set; }
    public string? ReporterEmail { get; set; }
    public string? ReporterPhone { get; set; }
    public Guid? ReporterUserId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Address { get; set; }
    public string? AttachmentKey { get; set; }
    public string? AttachmentType { get; set; }
    public ComplaintStatus Status { get; set; }
    public DateTime SubmittedAtUtc { get; set; }
    public DateOnly SubmittedOn { get; set; }
    public DateOnly ForwardDue { get; set; }
    public DateOnly? ForwardedOn { get; set; }
    public DateOnly? AnswerDue { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    /// <summary>The day an answered complaint closes by itself when the reporter stays silent.</summary>
    public DateOnly? CloseOn { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Set when the complaint went past a deadline and was escalated to the agency head; cleared by the next step.</summary>
    public DateTime? EscalatedAtUtc { get; set; }
    /// <summary>The Open311 client application it came through; null from the mall's own form.</summary>
    public Guid? Open311ClientId { get; set; }
    public bool IsDemo { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<ComplaintEvent> Events { get; set; } = [];

    public const int MaxText = 4000;
}

/// <summary>One step of a complaint: who did what when, and the message that goes with it (an answer, a reply).</summary>
public sealed class ComplaintEvent : Entity
{
    public Guid ComplaintId { get; set; }
    public DateTime AtUtc { get; set; }
    public ComplaintAction Action { get; set; }
    public ComplaintStatus? FromStatus { get; set; }
    public ComplaintStatus ToStatus { get; set; }
    public Guid? ActorUserId { get; set; }
    /// <summary>The agency that acted (shown to the public), or empty for the reporter and the desk.</summary>
    public string ActorName { get; set; } = "";
    /// <summary>The message: an answer or a reply is public; a note of the desk is not.</summary>
    public string? Text { get; set; }
    public bool Public { get; set; }
}

/// <summary>A client application of the Open311 GeoReport v2 endpoint, with the key it posts with (stored hashed).</summary>
public sealed class Open311Client : Entity, IAudited
{
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public bool Active { get; set; } = true;
    public bool IsDemo { get; set; }
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.ToTable("Complaints");
        b.HasIndex(c => c.Number).IsUnique();
        // The inbox: open complaints by status, soonest due first; the overdue job reads the same index.
        b.HasIndex(c => new { c.Status, c.ForwardDue });
        b.HasIndex(c => new { c.AgencyId, c.Status });
        b.Property(c => c.Number).HasMaxLength(20);
        b.Property(c => c.CheckCode).HasMaxLength(12);
        b.Property(c => c.Text).HasMaxLength(PersonalDataModel.StoredLength(Complaint.MaxText)).IsPersonalData();
        b.Property(c => c.PublicText).HasMaxLength(Complaint.MaxText);
        b.Property(c => c.ReporterName).HasMaxLength(PersonalDataModel.StoredLength(200)).IsPersonalData();
        b.Property(c => c.ReporterEmail).HasMaxLength(PersonalDataModel.StoredLength(254)).IsPersonalData();
        b.Property(c => c.ReporterPhone).HasMaxLength(PersonalDataModel.StoredLength(20)).IsPersonalData();
        b.Property(c => c.Address).HasMaxLength(300);
        b.Property(c => c.AttachmentKey).HasMaxLength(200);
        b.Property(c => c.AttachmentType).HasMaxLength(40);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> b)
    {
        b.ToTable("ComplaintEvents");
        b.HasIndex(e => new { e.ComplaintId, e.AtUtc });
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.FromStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.Text).HasMaxLength(Complaint.MaxText);
    }
}

internal sealed class Open311ClientConfiguration : IEntityTypeConfiguration<Open311Client>
{
    public void Configure(EntityTypeBuilder<Open311Client> b)
    {
        b.ToTable("Open311Clients");
        b.HasIndex(c => c.KeyHash).IsUnique();
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.KeyHash).HasMaxLength(64);
    }
}
