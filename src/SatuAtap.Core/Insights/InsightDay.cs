using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SatuAtap.Core.Insights;

/// <summary>Where and when a kept row counts: a day (or a month, by its first day), an agency, a site, a service and a
/// district (the key of every kept table).</summary>
public abstract class InsightPlace
{
    /// <summary>The day (a day's row) or the first day of the month (a month's row).</summary>
    public DateOnly Day { get; set; }
    public Guid AgencyId { get; set; }
    public Guid SiteId { get; set; }
    public Guid ServiceId { get; set; }
    public string District { get; set; } = "";
}

/// <summary>
/// The counts and sums kept for one place and time (<see cref="InsightDay"/>: a day; <see cref="InsightMonth"/>: a
/// month, the sum of its days): per agency, site, service and district. Every column is a count or a sum, so the
/// figures of a period are computed from the sum of its rows (docs/insights.md). A record without an agency, a site or a
/// service (a Link-Satu bundle, an application) is kept under <see cref="Guid.Empty"/> there, and a record without a
/// district under "". No personal data.
/// </summary>
public abstract class InsightCounts : InsightPlace
{

    /// <summary>People who took a ticket (first hop only; a transfer is the same person).</summary>
    public int People { get; set; }
    /// <summary>Tickets finished (status done).</summary>
    public int TicketsServed { get; set; }
    public int WaitCount { get; set; }
    public long WaitSeconds { get; set; }
    /// <summary>Finished tickets with a start and an end, and the seconds between them.</summary>
    public int ServiceCount { get; set; }
    public long ServiceSeconds { get; set; }
    public int BookingsKept { get; set; }
    public int BookingNoShows { get; set; }
    public int ApplicationsCompleted { get; set; }
    public int ApplicationsWithDue { get; set; }
    public int ApplicationsOnTime { get; set; }
    public int ApplicationsOnline { get; set; }
    public int Returns { get; set; }
    public int FreeServed { get; set; }
    public int TripsPeople { get; set; }
    public double TripsKm { get; set; }
    public double TripsHours { get; set; }
    public long TripsFareRupiah { get; set; }
    public int SurveyResponses { get; set; }
    public long U1 { get; set; }
    public long U2 { get; set; }
    public long U3 { get; set; }
    public long U4 { get; set; }
    public long U5 { get; set; }
    public long U6 { get; set; }
    public long U7 { get; set; }
    public long U8 { get; set; }
    public long U9 { get; set; }
    public int ComplaintsAnswered { get; set; }
    public int ComplaintsAnsweredOnTime { get; set; }
    public int Bundles { get; set; }
    public int PermitsIssued { get; set; }
    public long InvestmentRupiah { get; set; }
    public int Jobs { get; set; }

    public long[] ElementSums => [U1, U2, U3, U4, U5, U6, U7, U8, U9];
}

/// <summary>
/// The figures of one closed day for one agency, site, service and district, kept for speed. Rebuilt from the records
/// by <see cref="KeepInsights"/>.
/// </summary>
public sealed class InsightDay : InsightCounts
{
    /// <summary>Waits from arrival to the first call, in whole minutes: "minute:count;…" (see <see cref="WaitHistogram"/>).
    /// Not a column: kept as rows of <see cref="InsightWait"/> (one per minute), which the database can add up.</summary>
    public string Waits { get; set; } = "";
}

/// <summary>
/// The sum of the kept day rows of one closed month for one agency, site, service and district (<see cref="InsightCounts.Day"/>
/// is the month's first day): the same columns and keys, so a year is read as twelve month rows per place instead of
/// 365 day rows. Written by <see cref="KeepInsights"/> from the kept day rows of the month, after them; read only for
/// months wholly inside a period and before today (<see cref="InsightReads"/>).
/// </summary>
public sealed class InsightMonth : InsightCounts
{
    /// <summary>The month row of a place holding the sums <paramref name="sums"/> (of the month's day rows there).</summary>
    public static InsightMonth Of(DateOnly month, Guid agencyId, Guid siteId, Guid serviceId, string district, InsightCounts sums) => new()
    {
        Day = month, AgencyId = agencyId, SiteId = siteId, ServiceId = serviceId, District = district,
        People = sums.People, TicketsServed = sums.TicketsServed, WaitCount = sums.WaitCount, WaitSeconds = sums.WaitSeconds,
        ServiceCount = sums.ServiceCount, ServiceSeconds = sums.ServiceSeconds, BookingsKept = sums.BookingsKept, BookingNoShows = sums.BookingNoShows,
        ApplicationsCompleted = sums.ApplicationsCompleted, ApplicationsWithDue = sums.ApplicationsWithDue, ApplicationsOnTime = sums.ApplicationsOnTime,
        ApplicationsOnline = sums.ApplicationsOnline, Returns = sums.Returns, FreeServed = sums.FreeServed, TripsPeople = sums.TripsPeople,
        TripsKm = sums.TripsKm, TripsHours = sums.TripsHours, TripsFareRupiah = sums.TripsFareRupiah, SurveyResponses = sums.SurveyResponses,
        U1 = sums.U1, U2 = sums.U2, U3 = sums.U3, U4 = sums.U4, U5 = sums.U5, U6 = sums.U6, U7 = sums.U7, U8 = sums.U8, U9 = sums.U9,
        ComplaintsAnswered = sums.ComplaintsAnswered, ComplaintsAnsweredOnTime = sums.ComplaintsAnsweredOnTime, Bundles = sums.Bundles,
        PermitsIssued = sums.PermitsIssued, InvestmentRupiah = sums.InvestmentRupiah, Jobs = sums.Jobs,
    };
}

/// <summary>
/// Table <c>InsightDays</c>: one row per day, agency, site, service and district (the key). Plain counts and sums,
/// written only by the rebuild; the day leads the key, so a period is one range of it.
/// </summary>
internal sealed class InsightDayConfiguration : IEntityTypeConfiguration<InsightDay>
{
    public void Configure(EntityTypeBuilder<InsightDay> b)
    {
        b.ToTable("InsightDays");
        b.HasKey(d => new { d.Day, d.AgencyId, d.SiteId, d.ServiceId, d.District });
        b.Property(d => d.District).HasMaxLength(16);
        b.Ignore(d => d.Waits);
        b.Ignore(d => d.ElementSums);
        b.HasIndex(d => new { d.AgencyId, d.Day });
    }
}

/// <summary>Table <c>InsightMonths</c>: one row per month (its first day), agency, site, service and district, as
/// <c>InsightDays</c>.</summary>
internal sealed class InsightMonthConfiguration : IEntityTypeConfiguration<InsightMonth>
{
    public void Configure(EntityTypeBuilder<InsightMonth> b)
    {
        b.ToTable("InsightMonths");
        b.HasKey(d => new { d.Day, d.AgencyId, d.SiteId, d.ServiceId, d.District });
        b.Property(d => d.District).HasMaxLength(16);
        b.Ignore(d => d.ElementSums);
        b.HasIndex(d => new { d.AgencyId, d.Day });
    }
}

/// <summary>How many first-hop tickets of a kept row's place and time (a day or a month) waited <see cref="Minute"/>
/// minutes (rounded down) from arrival to their first call.</summary>
public abstract class InsightWaitCount : InsightPlace
{
    public int Minute { get; set; }
    public int Count { get; set; }
}

/// <summary>
/// The waits of one kept day row counted per whole minute: how many first-hop tickets of that day, agency, site, service
/// and district waited <see cref="Minute"/> minutes (rounded down) from arrival to their first call. A row's histogram
/// (<see cref="InsightDay.Waits"/>) as rows, so that the database adds the counts of a period per minute
/// (<c>GROUP BY "Minute"</c>) and the percentiles are read from the summed histogram; rebuilt with the day rows.
/// </summary>
public sealed class InsightWait : InsightWaitCount
{

    /// <summary>The rows of the waits of some day rows (those without waits have none).</summary>
    public static IEnumerable<InsightWait> Of(IEnumerable<InsightDay> days)
    {
        foreach (var d in days)
        {
            if (d.Waits.Length == 0) continue;
            var counts = new Dictionary<int, int>();
            WaitHistogram.AddTo(counts, d.Waits);
            foreach (var (minute, count) in counts.OrderBy(c => c.Key))
                yield return new InsightWait { Day = d.Day, AgencyId = d.AgencyId, SiteId = d.SiteId, ServiceId = d.ServiceId, District = d.District, Minute = minute, Count = count };
        }
    }
}

/// <summary>
/// Table <c>InsightWaits</c>: one row per day, agency, site, service, district and minute of wait (the key; the key of
/// <c>InsightDays</c> plus the minute). Written only by the rebuild, beside the day rows; the day leads the key, so a
/// period is one range of it, and the second index serves an agency's period.
/// </summary>
internal sealed class InsightWaitConfiguration : IEntityTypeConfiguration<InsightWait>
{
    public void Configure(EntityTypeBuilder<InsightWait> b)
    {
        b.ToTable("InsightWaits");
        b.HasKey(w => new { w.Day, w.AgencyId, w.SiteId, w.ServiceId, w.District, w.Minute });
        b.Property(w => w.District).HasMaxLength(16);
        b.HasIndex(w => new { w.AgencyId, w.Day });
    }
}

/// <summary>The waits of one kept month row per minute: the sum of the month's <see cref="InsightWait"/> rows per place and
/// minute, written with the month rows.</summary>
public sealed class InsightMonthWait : InsightWaitCount;

/// <summary>Table <c>InsightMonthWaits</c>: as <c>InsightWaits</c>, per month (its first day).</summary>
internal sealed class InsightMonthWaitConfiguration : IEntityTypeConfiguration<InsightMonthWait>
{
    public void Configure(EntityTypeBuilder<InsightMonthWait> b)
    {
        b.ToTable("InsightMonthWaits");
        b.HasKey(w => new { w.Day, w.AgencyId, w.SiteId, w.ServiceId, w.District, w.Minute });
        b.Property(w => w.District).HasMaxLength(16);
        b.HasIndex(w => new { w.AgencyId, w.Day });
    }
}
