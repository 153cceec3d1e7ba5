using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Licensing;

/// <summary>
/// A Link-Satu bundle: every permit a business needs, applied for at once under one tracking number. Its children are
/// ordinary applications (<see cref="Application.BundleId"/> points here), one per catalog service the permits go
/// through; the bundle keeps the answers that made it, and what it represents (investment, jobs, district). It holds no
/// personal data of its own: the applicant's name, NIK and contacts are on the children, where the data rights and the
/// retention of the Applications module reach them.
/// </summary>
public sealed class LicensingBundle : Entity
{
    public required string TrackingNumber { get; set; }
    /// <summary>With the tracking number, lets anyone follow the bundle (<see cref="TrackingCheck"/>).</summary>
    public required string CheckCode { get; set; }
    public Guid? ApplicantUserId { get; set; }
    public required string DistrictCode { get; set; }
    public string DistrictName { get; set; } = "";
    /// <summary>The village (desa or kelurahan) where the business runs, as the owner wrote it; null when not given.</summary>
    public string? Village { get; set; }
    public const int MaxVillage = 100;
    public long CapitalRupiah { get; set; }
    public long? InvestmentRupiah { get; set; }
    public int? Employees { get; set; }
    /// <summary><c>micro</c>, <c>small</c>, <c>medium</c> or <c>large</c>.</summary>
    public required string Scale { get; set; }
    /// <summary>The KBLI codes of the activities, separated by <c>;</c>.</summary>
    public string Kblis { get; set; } = "";
    /// <summary>Which permit codes each service code carries, and the items to be done at a counter, as JSON (<see cref="BundlePlan"/>).</summary>
    public string PlanJson { get; set; } = "{}";
    /// <summary>The version of the activity table the answer came from.</summary>
    public string TableVersion { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>The local date it was made: the period the staff's figures count it in.</summary>
    public DateOnly CreatedOn { get; set; }

    /// <summary>
    /// The officer who made the bundle on a business owner's behalf (at the Link-Satu desk or a mobile-unit visit), and
    /// their agency; null when the owner applied themselves. Until the owner confirms (<see cref="ConfirmedAtUtc"/>),
    /// nobody may act on the children as their applicant.
    /// </summary>
    public Guid? CapturedByUserId { get; set; }
    public Guid? CapturedAgencyId { get; set; }
    /// <summary>The owner's confirmation code waiting to be typed, as <see cref="BundleConfirmation.Hash"/>; null when none waits.</summary>
    public string? ConfirmationHash { get; set; }
    public DateTime? ConfirmationExpiresAtUtc { get; set; }
    /// <summary>Wrong codes typed against the waiting code (reset when a new code is sent).</summary>
    public int ConfirmationFailures { get; set; }
    /// <summary>Codes sent for this bundle (at most <see cref="BundleConfirmation.MaxCodes"/>).</summary>
    public int ConfirmationsSent { get; set; }
    /// <summary>When the owner confirmed a bundle made on their behalf.</summary>
    public DateTime? ConfirmedAtUtc { get; set; }

    /// <summary>Made on an owner's behalf and not yet confirmed by them: nothing of it can be submitted.</summary>
    public bool AwaitsConfirmation => CapturedByUserId is not null && ConfirmedAtUtc is null;
}

/// <summary>One expiry reminder sent for a permit issued in a bundle, so that each is sent once.</summary>
public sealed class LicensingReminder : Entity
{
    public Guid ApplicationId { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public int DaysBefore { get; set; }
    public DateTime SentAtUtc { get; set; }
}

internal sealed class LicensingBundleConfiguration : IEntityTypeConfiguration<LicensingBundle>
{
    public void Configure(EntityTypeBuilder<LicensingBundle> b)
    {
        b.HasIndex(x => x.TrackingNumber).IsUnique();
        b.HasIndex(x => new { x.ApplicantUserId, x.CreatedAtUtc });
        b.HasIndex(x => new { x.CreatedOn, x.DistrictCode });
        b.Property(x => x.TrackingNumber).HasMaxLength(20);
        b.Property(x => x.CheckCode).HasMaxLength(6);
        b.Property(x => x.DistrictCode).HasMaxLength(16);
        b.Property(x => x.DistrictName).HasMaxLength(100);
        // Free text: the repository has the regency's districts but no list of villages to check it against.
        b.Property(x => x.Village).HasMaxLength(LicensingBundle.MaxVillage);
        b.Property(x => x.Scale).HasMaxLength(8);
        b.Property(x => x.Kblis).HasMaxLength(200);
        b.Property(x => x.PlanJson).HasMaxLength(4000);
        b.Property(x => x.TableVersion).HasMaxLength(40);
        // Made on an owner's behalf: the officer, their agency, the owner's confirmation code (a SHA-256 in hex, never
        // the code itself), its expiry, the wrong codes and codes sent, and when the owner confirmed.
        b.Property(x => x.ConfirmationHash).HasMaxLength(64);
        b.Ignore(x => x.AwaitsConfirmation);
        // The bundle's children: the Applications module keeps a nullable link (Application.BundleId) and knows nothing
        // more of bundles; the relation is declared here, on the module that builds on it. A bundle is never deleted
        // while it has children.
        b.HasMany<Application>().WithOne().HasForeignKey(a => a.BundleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LicensingReminderConfiguration : IEntityTypeConfiguration<LicensingReminder>
{
    public void Configure(EntityTypeBuilder<LicensingReminder> b)
    {
        b.HasIndex(r => new { r.ApplicationId, r.ExpiresOn, r.DaysBefore }).IsUnique();
        b.HasOne<Application>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
