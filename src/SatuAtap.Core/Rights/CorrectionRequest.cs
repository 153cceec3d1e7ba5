using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Rights;

public enum CorrectionStatus { Open, Answered, Rejected }

/// <summary>
/// A citizen's request to correct data the mall holds about them: what is wrong and what it should be. The managers
/// answer it (corrected, or refused with a reason) by <see cref="DueDate"/>, a number of working days after it came in.
/// </summary>
public sealed class CorrectionRequest : Entity, IVersioned
{
    public Guid UserId { get; set; }
    public required string WhatIsWrong { get; set; }
    public required string ShouldBe { get; set; }
    public CorrectionStatus Status { get; set; }
    public DateTime SubmittedAtUtc { get; set; }
    /// <summary>Local date by which the managers answer (submission day + <c>Rights:CorrectionWorkingDays</c> working days).</summary>
    public DateOnly DueDate { get; set; }
    public string? Answer { get; set; }
    public Guid? AnsweredByUserId { get; set; }
    public string? AnsweredByName { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public const int MaxText = 2000;

    public static string Code(CorrectionStatus s) => s switch
    {
        CorrectionStatus.Open => "open",
        CorrectionStatus.Answered => "answered",
        _ => "rejected",
    };

    public static string Label(CorrectionStatus s) => s switch
    {
        CorrectionStatus.Open => Lang.T("Menunggu jawaban", "Awaiting an answer"),
        CorrectionStatus.Answered => Lang.T("Diperbaiki", "Corrected"),
        _ => Lang.T("Ditolak", "Refused"),
    };
}

internal sealed class CorrectionRequestConfiguration : IEntityTypeConfiguration<CorrectionRequest>
{
    public void Configure(EntityTypeBuilder<CorrectionRequest> b)
    {
        // The managers' list: open requests, soonest due first; the citizen's list: theirs, newest first.
        b.HasIndex(c => new { c.Status, c.DueDate });
        b.HasIndex(c => new { c.UserId, c.SubmittedAtUtc });
        b.Property(c => c.WhatIsWrong).HasMaxLength(CorrectionRequest.MaxText);
        b.Property(c => c.ShouldBe).HasMaxLength(CorrectionRequest.MaxText);
        b.Property(c => c.Answer).HasMaxLength(CorrectionRequest.MaxText);
        b.Property(c => c.AnsweredByName).HasMaxLength(200);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Version).IsConcurrencyToken();
        // A request belongs to its account and goes with it.
        b.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
