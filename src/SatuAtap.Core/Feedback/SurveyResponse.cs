using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Feedback;

/// <summary>How a survey response came in.</summary>
public enum SurveyChannel { Link, Kiosk, Paper }

/// <summary>
/// One answered questionnaire (SKM, PermenPANRB 14/2017): the nine scores, the respondent's profile when given and an
/// optional comment. Anonymous: it names no person; the ticket or application it answers is kept only so that each
/// is rated once.
/// </summary>
public sealed class SurveyResponse : Entity
{
    public Guid ServiceId { get; set; }
    /// <summary>The service's agency when the response came in (so the index per agency needs no join).</summary>
    public Guid AgencyId { get; set; }
    /// <summary>The queue site (the building or the mobile unit) where the service was given; null when online.</summary>
    public Guid? SiteId { get; set; }
    /// <summary>The mall's local day of the response: the index's period filter.</summary>
    public DateOnly Day { get; set; }
    public DateTime SubmittedAtUtc { get; set; }
    public SurveyChannel Channel { get; set; }
    /// <summary>The ticket rated through its link (unique: one response per ticket).</summary>
    public Guid? TicketId { get; set; }
    /// <summary>The application rated through its link (unique: one response per application).</summary>
    public Guid? ApplicationId { get; set; }
    public byte U1 { get; set; }
    public byte U2 { get; set; }
    public byte U3 { get; set; }
    public byte U4 { get; set; }
    public byte U5 { get; set; }
    public byte U6 { get; set; }
    public byte U7 { get; set; }
    public byte U8 { get; set; }
    public byte U9 { get; set; }
    public int? AgeYears { get; set; }
    /// <summary><c>male</c> or <c>female</c>, as the questionnaire asks.</summary>
    public string? Sex { get; set; }
    public string? Education { get; set; }
    public string? Occupation { get; set; }
    public string? Comment { get; set; }
    public string Language { get; set; } = Lang.Indonesian;
    public bool IsDemo { get; set; }

    public const int MaxComment = 2000;
    public const int MaxProfileText = 60;

    public byte[] Scores => [U1, U2, U3, U4, U5, U6, U7, U8, U9];
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.ToTable("SurveyResponses");
        // The index filters by period and by one of service, agency or site; each index leads with that column and
        // ends with the day, so a year of one unit is one range of one index.
        b.HasIndex(r => new { r.ServiceId, r.Day });
        b.HasIndex(r => new { r.AgencyId, r.Day });
        b.HasIndex(r => new { r.SiteId, r.Day });
        b.HasIndex(r => r.Day);
        // One response per ticket and per application: a second use of a survey link is refused by the database too.
        b.HasIndex(r => r.TicketId).IsUnique();
        b.HasIndex(r => r.ApplicationId).IsUnique();
        b.Property(r => r.Channel).HasConversion<string>().HasMaxLength(8);
        b.Property(r => r.Sex).HasMaxLength(8);
        b.Property(r => r.Education).HasMaxLength(SurveyResponse.MaxProfileText);
        b.Property(r => r.Occupation).HasMaxLength(SurveyResponse.MaxProfileText);
        b.Property(r => r.Comment).HasMaxLength(SurveyResponse.MaxComment);
        b.Property(r => r.Language).HasMaxLength(5);
        b.Ignore(r => r.Scores);
    }
}
