using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Feedback;

/// <summary>
/// The people served on one closed day (before today, local) by one service, agency and site: tickets finished that
/// day, and applications whose result was issued that day (under the site where an officer took the application; an
/// online application's site key is <see cref="Guid.Empty"/>). The survey index's population of any unit and period adds these rows up instead of
/// counting every record. Kept by <see cref="ServedCounts"/>: a closed day's rows are written once, from its records,
/// the first time a period asks for it, and written anew by the rebuild.
/// </summary>
public sealed class ServedDayCount : ServedCountColumns
{
    public DateOnly Day { get; set; }
}

/// <summary>The columns of a day's and a month's served counts (<see cref="ServedDayCount"/>, <see cref="ServedMonthCount"/>) besides their day or month.</summary>
public abstract class ServedCountColumns
{
    public Guid ServiceId { get; set; }
    public Guid AgencyId { get; set; }
    /// <summary>The site of the tickets and of the applications taken there; <see cref="Guid.Empty"/> for online applications. Part of the key, so never null.</summary>
    public Guid SiteKey { get; set; }
    public long Tickets { get; set; }
    public long Applications { get; set; }
}

/// <summary>A closed day whose <see cref="ServedDayCount"/> rows are written (a day that served no one has no rows but is marked here).</summary>
public sealed class ServedDay
{
    public DateOnly Day { get; set; }
}

/// <summary>
/// The people served in one closed calendar month (<see cref="Month"/> is its first day) by one service, agency and
/// site: the sum of the month's <see cref="ServedDayCount"/> rows of the same key, written by <see cref="ServedCounts"/>
/// once every day of the month is kept, and marked in <see cref="ServedMonth"/>. A period reads its whole months from
/// these rows and only its edge days from the day rows (<see cref="PeriodMonths"/>).
/// </summary>
public sealed class ServedMonthCount : ServedCountColumns
{
    public DateOnly Month { get; set; }
}

/// <summary>A closed month whose <see cref="ServedMonthCount"/> rows are written.</summary>
public sealed class ServedMonth
{
    public DateOnly Month { get; set; }
}

internal sealed class ServedDayCountConfiguration : IEntityTypeConfiguration<ServedDayCount>
{
    public void Configure(EntityTypeBuilder<ServedDayCount> b)
    {
        // One row per day, service, agency and site: the key is what two requests writing the same day both insert
        // (INSERT … ON CONFLICT DO NOTHING), so the second adds nothing. The indexes lead with the filter columns.
        b.ToTable("ServedDayCounts");
        b.HasKey(c => new { c.Day, c.ServiceId, c.AgencyId, c.SiteKey });
        b.HasIndex(c => new { c.ServiceId, c.Day });
        b.HasIndex(c => new { c.AgencyId, c.Day });
        b.HasIndex(c => new { c.SiteKey, c.Day });
    }
}

internal sealed class ServedDayConfiguration : IEntityTypeConfiguration<ServedDay>
{
    public void Configure(EntityTypeBuilder<ServedDay> b)
    {
        b.ToTable("ServedDays");
        b.HasKey(d => d.Day);
    }
}

internal sealed class ServedMonthCountConfiguration : IEntityTypeConfiguration<ServedMonthCount>
{
    public void Configure(EntityTypeBuilder<ServedMonthCount> b)
    {
        // The same key and indexes as the day rows, with the month's first day in place of the day.
        b.ToTable("ServedMonthCounts");
        b.HasKey(c => new { c.Month, c.ServiceId, c.AgencyId, c.SiteKey });
        b.HasIndex(c => new { c.ServiceId, c.Month });
        b.HasIndex(c => new { c.AgencyId, c.Month });
        b.HasIndex(c => new { c.SiteKey, c.Month });
    }
}

internal sealed class ServedMonthConfiguration : IEntityTypeConfiguration<ServedMonth>
{
    public void Configure(EntityTypeBuilder<ServedMonth> b)
    {
        b.ToTable("ServedMonths");
        b.HasKey(m => m.Month);
    }
}
