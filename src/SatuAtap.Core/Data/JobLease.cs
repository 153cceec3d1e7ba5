using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Data;

/// <summary>
/// Who may run a background job's round now. One row per job (<see cref="Name"/>); a node runs a round only after it
/// has set itself as <see cref="Holder"/> with one conditional UPDATE that succeeds only when the lease has run out
/// (<see cref="HeldUntilUtc"/> passed), so that of several nodes, or several runners in one process, exactly one acts
/// on a round.
/// </summary>
public sealed class JobLease
{
    /// <summary>The job's name (its class name, "OverdueChecker").</summary>
    public string Name { get; set; } = "";

    /// <summary>The runner holding the lease: host name, process id and a random part per runner.</summary>
    public string Holder { get; set; } = "";

    /// <summary>No other runner takes the job before this time (UTC).</summary>
    public DateTime HeldUntilUtc { get; set; }
}

/// <summary>Table <c>JobLeases</c>: the job's name is the key; no other index.</summary>
public sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}

/// <summary>
/// Takes and gives back <see cref="JobLease"/>s. Taking is one UPDATE guarded by the expiry (atomic on PostgreSQL
/// and SQLite alike); a job seen for the first time gets its row first (a second runner inserting it at the same
/// moment hits the key and simply goes on to the UPDATE).
/// </summary>
public sealed class DatabaseJobLeases(SatuAtapDb db) : IJobLeases
{
    public async Task<bool> TryTakeAsync(string name, string holder, DateTime now, DateTime until, CancellationToken ct)
    {
        if (!await db.JobLeases.AsNoTracking().AnyAsync(l => l.Name == name, ct))
        {
            db.JobLeases.Add(new JobLease { Name = name, Holder = "", HeldUntilUtc = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (UniqueViolation.Is(e)) { }
            db.ChangeTracker.Clear();
        }
        return await db.JobLeases
            .Where(l => l.Name == name && l.HeldUntilUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.HeldUntilUtc, until), ct) == 1;
    }

    public Task HoldUntilAsync(string name, string holder, DateTime until, CancellationToken ct) =>
        db.JobLeases
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeldUntilUtc, until), ct);
}
