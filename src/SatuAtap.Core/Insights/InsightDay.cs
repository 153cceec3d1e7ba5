using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SatuAtap.Core.Insights;

/// <summary>
/// The figures of one closed day for one agency, site, service and district, kept for speed. Every column is a count
/// or a sum, so a period's figures are computed from the sum of its days' rows (docs/insights.md). A record without an
/// agency, a site or a service (a Link-Satu bundle, an application) is kept under <see cref="Guid.Empty"/> there, and a
/// record without a district under "". Rebuilt from the records by <see cref="KeepInsights"/>; no personal data.
/// </summary>
public sealed class InsightDay
{
    public DateOnly Day { get; set; }
    public Guid AgencyId { get; set; }
    public Guid SiteId { get; set; }
    public Guid ServiceId { get; set; }
    public string District { get; set; } = "";

    /// <summary>People who took a ticket (first hop only; a transfer is the same person).</summary>
    public int People { get; set; }
    /// <summary>Tickets finished (status done).</summary>
    public int TicketsServed { get; set; }
    /// <summary>Waits from arrival to the first call, in whole minutes: "minute:count;…" (see <see cref="WaitHistogram"/>).
    /// Not a column: kept as rows of <see cref="InsightWait"/> (one per minute), which the database can add up.</summary>
    public string Waits { get; set; } = "";
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

/// <summary>
/// The waits of one kept day row counted per whole minute: how many first-hop tickets of that day, agency, site, service
/// and district waited <see cref="Minute"/> minutes (rounded down) from arrival to their first call. A row's histogram
/// (<see cref="InsightDay.Waits"/>) as rows, so that the database adds the counts of a period per minute
/// (<c>GROUP BY "Minute"</c>) and the percentiles are read from the summed histogram; rebuilt with the day rows.
/// </summary>
public sealed class InsightWait
{
    public DateOnly Day { get; set; }
    public Guid AgencyId { get; set; }
    public Guid SiteId { get; set; }
    public Guid ServiceId { get; set; }
    public string District { get; set; } = "";
    public int Minute { get; set; }
    public int Count { get; set; }

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
