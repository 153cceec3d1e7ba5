using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// The survey responses of one day, service, agency and site added up: how many there were and the sum of each of the
/// nine scores. The index and the trend of any unit and period are computed from these rows (a year of a unit is at
/// most a few thousand of them) instead of from every response; the arithmetic stays exact because sums and counts
/// are whole numbers. Kept by <see cref="SurveyTotals"/>: each response adds itself in its own transaction, and the
/// whole table can be rebuilt from the responses.
/// </summary>
public sealed class SurveyDayTotal : SurveyTotalColumns
{
    public DateOnly Day { get; set; }
}

/// <summary>The columns of a day's and a month's survey totals (<see cref="SurveyDayTotal"/>, <see cref="SurveyMonthTotal"/>) besides their day or month.</summary>
public abstract class SurveyTotalColumns
{
    public Guid ServiceId { get; set; }
    public Guid AgencyId { get; set; }
    /// <summary>The response's site, or <see cref="Guid.Empty"/> for responses given with no site (online): part of the key, so never null.</summary>
    public Guid SiteKey { get; set; }
    public long Respondents { get; set; }
    public long S1 { get; set; }
    public long S2 { get; set; }
    public long S3 { get; set; }
    public long S4 { get; set; }
    public long S5 { get; set; }
    public long S6 { get; set; }
    public long S7 { get; set; }
    public long S8 { get; set; }
    public long S9 { get; set; }
}

internal sealed class SurveyDayTotalConfiguration : IEntityTypeConfiguration<SurveyDayTotal>
{
    public void Configure(EntityTypeBuilder<SurveyDayTotal> b)
    {
        // One row per day, service, agency and site (Guid.Empty: no site). The key is what the upsert of
        // SurveyTotals conflicts on; the indexes lead with the index's filter columns and end with the day.
        b.ToTable("SurveyDayTotals");
        b.HasKey(t => new { t.Day, t.ServiceId, t.AgencyId, t.SiteKey });
        b.HasIndex(t => new { t.ServiceId, t.Day });
        b.HasIndex(t => new { t.AgencyId, t.Day });
        b.HasIndex(t => new { t.SiteKey, t.Day });
    }
}

/// <summary>
/// The survey responses of one calendar month (<see cref="Month"/> is its first day), service, agency and site added
/// up: the sum of the month's <see cref="SurveyDayTotal"/> rows of the same key. A period reads its whole months from
/// these rows and only its edge days from the day rows (<see cref="PeriodMonths"/>), so a year is about twelve rows
/// per key instead of 365. Kept by <see cref="SurveyTotals"/> in the same statement pair as the day row.
/// </summary>
public sealed class SurveyMonthTotal : SurveyTotalColumns
{
    public DateOnly Month { get; set; }
}

internal sealed class SurveyMonthTotalConfiguration : IEntityTypeConfiguration<SurveyMonthTotal>
{
    public void Configure(EntityTypeBuilder<SurveyMonthTotal> b)
    {
        // The same key and indexes as the day rows, with the month's first day in place of the day.
        b.ToTable("SurveyMonthTotals");
        b.HasKey(t => new { t.Month, t.ServiceId, t.AgencyId, t.SiteKey });
        b.HasIndex(t => new { t.ServiceId, t.Month });
        b.HasIndex(t => new { t.AgencyId, t.Month });
        b.HasIndex(t => new { t.SiteKey, t.Month });
    }
}
