using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Data;

/// <summary>The one database of the mall. Modules own their tables; each entity has its configuration beside it.</summary>
/// <remarks>
/// The web app takes instances from a pool (one constructor, options only); the request's actor and clock are set on
/// each instance as it is handed out (<see cref="For"/>) and cleared when it goes back.
/// </remarks>
public class SatuAtapDb(DbContextOptions<SatuAtapDb> options)
    : IdentityDbContext<User, Role, Guid>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    private Func<Caller>? _caller;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>
    /// Who the audit trail names for this unit of work (asked when changes are saved, so that a context made before
    /// the request's sign-in was read still names the signed-in person; <see cref="Caller.System"/> when not given),
    /// and the clock it reads.
    /// </summary>
    public SatuAtapDb For(Func<Caller>? caller, TimeProvider? clock)
    {
        _caller = caller;
        _clock = clock ?? TimeProvider.System;
        return this;
    }

    public override void Dispose()
    {
        For(null, null);
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        For(null, null);
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Requirement> Requirements => Set<Requirement>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<Synonym> Synonyms => Set<Synonym>();
    public DbSet<Counter> Counters => Set<Counter>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<Mall> Malls => Set<Mall>();
    public DbSet<MobileStop> MobileStops => Set<MobileStop>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    /// <summary>Keys that sign cookies and tokens, shared by every web node through the database.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();
    public DbSet<Site> QueueSites => Set<Site>();
    public DbSet<SiteCounter> SiteCounters => Set<SiteCounter>();
    public DbSet<QueueSeries> QueueSeries => Set<QueueSeries>();
    public DbSet<Slot> Slots => Set<Slot>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketEvent> TicketEvents => Set<TicketEvent>();
    public DbSet<TicketSequence> TicketSequences => Set<TicketSequence>();
    public DbSet<Applications.Application> Applications => Set<Applications.Application>();
    public DbSet<Applications.ApplicationDocument> ApplicationDocuments => Set<Applications.ApplicationDocument>();
    public DbSet<Applications.ApplicationEvent> ApplicationEvents => Set<Applications.ApplicationEvent>();
    public DbSet<Applications.WorkflowStep> WorkflowSteps => Set<Applications.WorkflowStep>();
    public DbSet<Applications.IssuedResult> IssuedResults => Set<Applications.IssuedResult>();
    public DbSet<Notifications.OutboxMessage> OutboxMessages => Set<Notifications.OutboxMessage>();
    public DbSet<Notifications.NotificationTemplate> NotificationTemplates => Set<Notifications.NotificationTemplate>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<UsedFormToken> UsedFormTokens => Set<UsedFormToken>();
    public DbSet<Rights.CorrectionRequest> CorrectionRequests => Set<Rights.CorrectionRequest>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<Outreach.OutreachUnit> OutreachUnits => Set<Outreach.OutreachUnit>();
    public DbSet<Outreach.Visit> OutreachVisits => Set<Outreach.Visit>();
    public DbSet<Outreach.VisitService> OutreachVisitServices => Set<Outreach.VisitService>();
    public DbSet<Outreach.VisitOfficer> OutreachVisitOfficers => Set<Outreach.VisitOfficer>();
    public DbSet<Feedback.SurveyResponse> SurveyResponses => Set<Feedback.SurveyResponse>();
    public DbSet<Feedback.SurveyDayTotal> SurveyDayTotals => Set<Feedback.SurveyDayTotal>();
    public DbSet<Feedback.SurveyMonthTotal> SurveyMonthTotals => Set<Feedback.SurveyMonthTotal>();
    public DbSet<Feedback.ServedDayCount> ServedDayCounts => Set<Feedback.ServedDayCount>();
    public DbSet<Feedback.ServedDay> ServedDays => Set<Feedback.ServedDay>();
    public DbSet<Feedback.ServedMonthCount> ServedMonthCounts => Set<Feedback.ServedMonthCount>();
    public DbSet<Feedback.ServedMonth> ServedMonths => Set<Feedback.ServedMonth>();
    public DbSet<Feedback.Complaint> Complaints => Set<Feedback.Complaint>();
    public DbSet<Feedback.ComplaintEvent> ComplaintEvents => Set<Feedback.ComplaintEvent>();
    public DbSet<Feedback.Open311Client> Open311Clients => Set<Feedback.Open311Client>();
    public DbSet<Licensing.LicensingActivity> LicensingActivities => Set<Licensing.LicensingActivity>();
    public DbSet<Licensing.LicensingTable> LicensingTables => Set<Licensing.LicensingTable>();
    public DbSet<Licensing.LicensingBundle> LicensingBundles => Set<Licensing.LicensingBundle>();
    public DbSet<Licensing.LicensingReminder> LicensingReminders => Set<Licensing.LicensingReminder>();
    public DbSet<Insights.InsightDay> InsightDays => Set<Insights.InsightDay>();
    public DbSet<Insights.InsightWait> InsightWaits => Set<Insights.InsightWait>();
    public DbSet<Insights.InsightMonth> InsightMonths => Set<Insights.InsightMonth>();
    public DbSet<Insights.InsightMonthWait> InsightMonthWaits => Set<Insights.InsightMonthWait>();
    /// <summary>Which runner may run a background job's round now, shared by every node (see <see cref="PeriodicJob"/>).</summary>
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SatuAtapDb).Assembly);
        PersonalDataModel.Apply(builder, PersonalDataModel.ProtectorOf(this));
        // On SQLite EF Core reads generated values and checks concurrency tokens with INSERT/UPDATE … RETURNING, and SQLite
        // runs every RETURNING through a temporary table of its own: a fresh 87 KB page cache, plus a 64 KB statement
        // journal for a write inside a transaction, allocated and freed on each such statement. Without RETURNING,
        // EF Core follows the statement with a SELECT of changes() or last_insert_rowid(); the submit went from 527–547
        // to 671–705 req/s on SQLite in back-to-back runs (docs/benchmarks/2026-12-02-native-memory.md).
        if (IsSqlite)
            foreach (var type in builder.Model.GetEntityTypes())
                type.UseSqlReturningClause(false);
    }

    /// <summary>
    /// Saves go through <see cref="SaveChangesAsync(bool, CancellationToken)"/>, which writes the audit trail. The one
    /// synchronous caller is the data-protection key ring (its repository has no asynchronous save), so a synchronous
    /// save of its keys is let through and any other is refused rather than written without its audit entries.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ChangeTracker.DetectChanges();
        if (ChangeTracker.Entries().Any(e => e.State is not (EntityState.Unchanged or EntityState.Detached)
                                             && e.Entity is not Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey))
            throw new InvalidOperationException("SatuAtapDb saves only with SaveChangesAsync, which writes the audit trail; SaveChanges is kept for the data-protection keys.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<AccessLogEntry>())
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("The access log is append-only: an entry is never changed or removed.");
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
            if (entry.State == EntityState.Modified) entry.Entity.Version = Guid.NewGuid();
        var (audits, written) = CollectAudit();
        if (audits.Count == 0 && written.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        // Entries written by a use case itself (counts of what it removed, …) join the chain with the collected ones.
        foreach (var entry in written) Entry(entry).State = EntityState.Detached;
        // Added entities get their final values (keys) only after the save: take "after" then, in one transaction.
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var result = await base.SaveChangesAsync(true, cancellationToken);
            var chain = new List<AuditEntry>(audits.Count + written.Count);
            foreach (var (entry, audit) in audits)
            {
                if (audit.Action != "deleted") audit.After = Snapshot(entry, current: true);
                audit.EntityKey = Key(entry);
                chain.Add(audit);
            }
            chain.AddRange(written);
            // The rows above are written, so on SQLite this transaction holds the write lock before it reads the chain's end.
            await AuditChain.LinkAsync(this, chain, cancellationToken);
            AuditEntries.AddRange(chain);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return result + written.Count;
        }
        catch
        {
            // A retried save collects its entries again: drop the collected ones, keep the written ones once.
            foreach (var (_, audit) in audits) Entry(audit).State = EntityState.Detached;
            foreach (var entry in written) Entry(entry).State = EntityState.Added;
            throw;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    private (List<(EntityEntry Entry, AuditEntry Audit)> Collected, List<AuditEntry> Written) CollectAudit()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var list = new List<(EntityEntry, AuditEntry)>();
        var written = new List<AuditEntry>();
        Caller? caller = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry own && entry.State == EntityState.Added)
            {
                written.Add(own);
                continue;
            }
            // Join rows of many-to-many links (a service's topics and counters, an agreement's services) are audited too.
            var joinRow = entry.Metadata.HasSharedClrType;
            if (!(entry.Entity is IAudited || joinRow) || entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            var action = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };
            var actor = caller ??= _caller?.Invoke() ?? Caller.System;
            list.Add((entry, new AuditEntry
            {
                AtUtc = now,
                UserId = actor.UserId,
                UserName = actor.Account,
                EntityType = joinRow ? entry.Metadata.Name : entry.Metadata.ClrType.Name,
                EntityKey = Key(entry),
                Action = action,
                Before = entry.State == EntityState.Added ? null : Snapshot(entry, current: false),
            }));
        }
        return (list, written);
    }

    private static string Key(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        }));

    private static string Snapshot(EntityEntry entry, bool current)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.Name == nameof(IVersioned.Version)) continue;
            // An encrypted column is never copied into the trail in clear.
            values[p.Metadata.Name] = p.Metadata.GetValueConverter() is PersonalDataConverter
                ? "(terlindungi)" : current ? p.CurrentValue : p.OriginalValue;
        }
        foreach (var c in entry.ComplexProperties)
            foreach (var p in c.Properties)
                values[c.Metadata.Name + "." + p.Metadata.Name] = current ? p.CurrentValue : p.OriginalValue;
        return JsonSerializer.Serialize(values);
    }
}
