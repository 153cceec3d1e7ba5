using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Feedback;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Insights;

// The indexes the insights' reads of the records filter on (KeepInsights.RecordsAsync: today's live figures on every
// read, and the rebuild of closed days). The other modules' own indexes start with a site, an agency or a status,
// so a read of all records of a day or a time range would otherwise scan the whole table. They are added here, beside
// the reads that need them, and apply on top of each module's own configuration of the entity. Tickets need none: the
// Queue's index on (Day, Status) leads with the day. (A second index on the day alone was dropped: PostgreSQL chose
// it for today's finished tickets, which the survey population counts on every request, and read every ticket of the
// day to find the finished ones; docs/benchmarks/2026-12-02-rebuild-rows.md.)

/// <summary>Applications by the moment they were decided (completed applications of a day).</summary>
internal sealed class ApplicationInsightIndexes : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> b) => b.HasIndex(a => a.DecidedAtUtc);
}

/// <summary>Application events by action and moment (returns for correction of a day).</summary>
internal sealed class ApplicationEventInsightIndexes : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> b) => b.HasIndex(e => new { e.Action, e.AtUtc });
}

/// <summary>Bookings by day and status (kept and no-show bookings of a day).</summary>
internal sealed class BookingInsightIndexes : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> b) => b.HasIndex(x => new { x.Day, x.Status });
}

/// <summary>Complaints by the day they were answered.</summary>
internal sealed class ComplaintInsightIndexes : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b) => b.HasIndex(c => c.AnsweredOn);
}
