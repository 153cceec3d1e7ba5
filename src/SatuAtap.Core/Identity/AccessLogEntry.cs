using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Identity;

/// <summary>
/// One look by a member of staff at a citizen's personal data: who looked, at whose record, at what, and when — a NIK
/// revealed, a document downloaded. Append-only: the mall never changes or removes an entry (SatuAtapDb refuses it).
/// </summary>
public sealed class AccessLogEntry : Entity
{
    public DateTime AtUtc { get; set; }
    public Guid? ViewerUserId { get; set; }
    public string ViewerName { get; set; } = "";
    public Guid? ViewerAgencyId { get; set; }
    /// <summary>The citizen whose record it is, when the record belongs to an account (null for a counter applicant without one).</summary>
    public Guid? SubjectUserId { get; set; }
    /// <summary>What kind of record: <c>application</c>, <c>booking</c>.</summary>
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    /// <summary>What was seen: <see cref="AccessLog.NikReveal"/>, <see cref="AccessLog.DocumentDownload"/>, <see cref="AccessLog.ResultDownload"/>.</summary>
    public required string What { get; set; }
    /// <summary>Which part, when the record has several (a document's id).</summary>
    public string? Detail { get; set; }
}

/// <summary>Writing and reading the access log.</summary>
public static class AccessLog
{
    public const string NikReveal = "nik.reveal";
    public const string DocumentDownload = "document.download";
    public const string ResultDownload = "result.download";
    public const string Application = "application";

    /// <summary>Adds an entry to the context (the caller saves).</summary>
    public static AccessLogEntry Add(Data.SatuAtapDb db, DateTime atUtc, Guid? viewerUserId, string viewerName, Guid? viewerAgencyId,
        Guid? subjectUserId, string recordType, Guid recordId, string what, string? detail = null)
    {
        var entry = new AccessLogEntry
        {
            AtUtc = atUtc, ViewerUserId = viewerUserId, ViewerName = viewerName, ViewerAgencyId = viewerAgencyId,
            SubjectUserId = subjectUserId, RecordType = recordType, RecordId = recordId, What = what, Detail = detail,
        };
        db.AccessLog.Add(entry);
        return entry;
    }

    /// <summary>Entries about one citizen's records, newest first.</summary>
    public static Task<List<AccessLogEntry>> AboutAsync(Data.SatuAtapDb db, Guid subjectUserId, int take = 200, CancellationToken ct = default) =>
        db.AccessLog.AsNoTracking().Where(e => e.SubjectUserId == subjectUserId)
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(take).ToListAsync(ct);

    /// <summary>Entries about one record, newest first.</summary>
    public static Task<List<AccessLogEntry>> ForRecordAsync(Data.SatuAtapDb db, string recordType, Guid recordId, int take = 200, CancellationToken ct = default) =>
        db.AccessLog.AsNoTracking().Where(e => e.RecordType == recordType && e.RecordId == recordId)
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(take).ToListAsync(ct);
}

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> b)
    {
        b.ToTable("AccessLog");
        b.Property(e => e.ViewerName).HasMaxLength(200);
        b.Property(e => e.RecordType).HasMaxLength(32);
        b.Property(e => e.What).HasMaxLength(32);
        b.Property(e => e.Detail).HasMaxLength(64);
        // "Who looked at my data": the citizen's entries, newest first; and a record's entries for its officers.
        b.HasIndex(e => new { e.SubjectUserId, e.AtUtc });
        b.HasIndex(e => new { e.RecordType, e.RecordId, e.AtUtc });
    }
}
