using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Applications;

/// <summary>
/// An application (permohonan) for one service: by a signed-in citizen, or captured at a counter for someone
/// without an account (then the applicant's name, NIK, phone and email are kept here).
/// </summary>
public sealed class Application : Entity, IVersioned
{
    public required string TrackingNumber { get; set; }
    /// <summary>
    /// The 6-character check code printed on the receipt and sent in the confirmation message: with the tracking
    /// number it lets anyone follow the application (<see cref="TrackingCheck"/>). Null only on applications made
    /// before it existed, until first needed.
    /// </summary>
    public string? CheckCode { get; set; }
    public Guid ServiceId { get; set; }
    /// <summary>The agency that owns the service: its officers may see the application.</summary>
    public Guid AgencyId { get; set; }
    /// <summary>The agency whose officers act at the current step (the inbox is per this agency).</summary>
    public Guid CurrentAgencyId { get; set; }
    public Guid? ApplicantUserId { get; set; }
    public string ApplicantName { get; set; } = "";
    public string? ApplicantNik { get; set; }
    public string? ApplicantPhone { get; set; }
    public string? ApplicantEmail { get; set; }
    /// <summary><c>id</c> or <c>en</c>: the language of the messages the applicant receives.</summary>
    public string Language { get; set; } = Lang.Indonesian;
    /// <summary>The officer who captured the application at a counter, when it was not filed online.</summary>
    public Guid? CapturedByUserId { get; set; }
    /// <summary>
    /// The Queue site where an officer took the application at a counter (the building, or a mobile stop on a visit's
    /// day); null when filed online or when the officer did not say. The mobile unit's reports count by it.
    /// </summary>
    public Guid? SiteId { get; set; }
    /// <summary>Field requirements' values, keyed by requirement id, as JSON.</summary>
    public string FieldsJson { get; set; } = "{}";
    public ApplicationStatus Status { get; set; }
    /// <summary>True while the application waits on an officer (the inbox shows these).</summary>
    public bool IsOpen { get; set; }
    public int StepIndex { get; set; }
    public Guid? AssignedToUserId { get; set; }
    public string? AssignedToName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    /// <summary>Local date the SLA clock counts from (the submission day).</summary>
    public DateOnly? SubmittedOn { get; set; }
    public DateOnly? DueDate { get; set; }
    public DateOnly? StepDueDate { get; set; }
    /// <summary>Local date the application was returned to the citizen; null when the clock runs.</summary>
    public DateOnly? PausedOn { get; set; }
    public int PausedWorkingDays { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    /// <summary>The step (0-based) whose overdue behaviour has run; each step is handled once.</summary>
    public int? OverdueHandledStep { get; set; }
    /// <summary>When the application was escalated to the agency head because a step was overdue.</summary>
    public DateTime? EscalatedAtUtc { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    /// <summary>
    /// The Link-Satu bundle this application is part of, when it was applied for with other permits at once; null for
    /// an application of its own. The Licensing module declares the relation; this module only carries the link.
    /// </summary>
    public Guid? BundleId { get; set; }

    public List<ApplicationDocument> Documents { get; set; } = [];
    public List<ApplicationEvent> Events { get; set; } = [];
}

/// <summary>A document uploaded for a requirement; the file itself is in the <see cref="FileStore"/>.</summary>
public sealed class ApplicationDocument : Entity
{
    public Guid ApplicationId { get; set; }
    public Guid RequirementId { get; set; }
    public required string FileKey { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>The type recognised from the content (PDF, JPEG or PNG), never the one claimed by the name.</summary>
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>One line of the timeline: who did what, when, from which status to which, with a note.</summary>
public sealed class ApplicationEvent : Entity
{
    public Guid ApplicationId { get; set; }
    public DateTime AtUtc { get; set; }
    public Guid? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";
    public ApplicationAction Action { get; set; }
    public ApplicationStatus? FromStatus { get; set; }
    public ApplicationStatus ToStatus { get; set; }
    public int StepIndex { get; set; }
    public string? Note { get; set; }
}

/// <summary>The issued result of an approved application, verifiable by anyone through its code.</summary>
public sealed class IssuedResult : Entity
{
    public Guid ApplicationId { get; set; }
    public required string VerificationCode { get; set; }
    public DateTime IssuedAtUtc { get; set; }
    public string IssuedByName { get; set; } = "";
    public string IssuedByAgency { get; set; } = "";
    public string HolderName { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public string ServiceNameEn { get; set; } = "";
    /// <summary>An uploaded signed PDF; null when the document is generated from the service's template.</summary>
    public string? FileKey { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public string? RevokedReason { get; set; }
}

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> b)
    {
        b.HasIndex(a => a.TrackingNumber).IsUnique();
        // The inbox: open applications of an agency, soonest due first. Partial (open ones only, a few percent of
        // all) and in the inbox's order, so the page stops after its rows; StepIndex and IsOpen at the end make the
        // count (and the step filter) read the index alone. The filter is the same bare boolean term the inbox query
        // has, which both SQLite and PostgreSQL then match.
        b.HasIndex(a => new { a.CurrentAgencyId, a.DueDate, a.SubmittedAtUtc, a.StepIndex, a.IsOpen })
            .HasDatabaseName("IX_Applications_Inbox").HasFilter("\"IsOpen\"");
        b.HasIndex(a => new { a.AgencyId, a.Status, a.DueDate });
        b.HasIndex(a => new { a.ApplicantUserId, a.CreatedAtUtc });
        // Where it was taken: the mobile unit's reports count a visit's applications by site and day. A site is never
        // deleted while applications name it.
        b.HasIndex(a => new { a.SiteId, a.CreatedAtUtc });
        b.HasOne<Queue.Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.TrackingNumber).HasMaxLength(20);
        b.Property(a => a.CheckCode).HasMaxLength(6);
        b.Property(a => a.ApplicantName).HasMaxLength(200);
        // Personal data: the NIK and the fields (which hold NIKs, birth dates, addresses) are stored encrypted
        // (Data/PersonalDataModel), so the columns are sized for the ciphertext of a 16-digit NIK and of the fields' JSON.
        b.Property(a => a.ApplicantNik).HasMaxLength(Data.PersonalDataModel.StoredLength(16)).IsPersonalData();
        b.Property(a => a.ApplicantPhone).HasMaxLength(20);
        b.Property(a => a.ApplicantEmail).HasMaxLength(256);
        b.Property(a => a.Language).HasMaxLength(2);
        b.Property(a => a.AssignedToName).HasMaxLength(200);
        b.Property(a => a.FieldsJson).HasMaxLength(Data.PersonalDataModel.StoredLength(20_000)).IsPersonalData();
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Catalog.Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Documents).WithOne().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationDocumentConfiguration : IEntityTypeConfiguration<ApplicationDocument>
{
    public void Configure(EntityTypeBuilder<ApplicationDocument> b)
    {
        b.HasIndex(d => new { d.ApplicationId, d.RequirementId });
        b.Property(d => d.FileKey).HasMaxLength(200);
        b.Property(d => d.FileName).HasMaxLength(255);
        b.Property(d => d.ContentType).HasMaxLength(64);
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> b)
    {
        b.HasIndex(e => new { e.ApplicationId, e.AtUtc });
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.FromStatus).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.Note).HasMaxLength(2000);
    }
}

internal sealed class IssuedResultConfiguration : IEntityTypeConfiguration<IssuedResult>
{
    public void Configure(EntityTypeBuilder<IssuedResult> b)
    {
        b.HasIndex(r => r.VerificationCode).IsUnique();
        b.HasIndex(r => r.ApplicationId).IsUnique();
        // The results issued in a period (the survey population counts today's on each request).
        b.HasIndex(r => r.IssuedAtUtc);
        b.HasOne<Application>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.VerificationCode).HasMaxLength(16);
        b.Property(r => r.IssuedByName).HasMaxLength(200);
        b.Property(r => r.IssuedByAgency).HasMaxLength(200);
        b.Property(r => r.HolderName).HasMaxLength(200);
        b.Property(r => r.ServiceName).HasMaxLength(200);
        b.Property(r => r.ServiceNameEn).HasMaxLength(200);
        b.Property(r => r.FileKey).HasMaxLength(200);
        b.Property(r => r.RevokedReason).HasMaxLength(500);
    }
}
