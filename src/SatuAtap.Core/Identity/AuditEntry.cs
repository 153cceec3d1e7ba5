using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Identity;

/// <summary>
/// One change to audited data: who, when, what, and the values before and after (JSON). Entries form a hash chain
/// (<see cref="AuditChain"/>): each has the next <see cref="Sequence"/> number, the hash of the entry before it, and
/// its own hash over that and its fields, so that a changed or removed entry shows.
/// </summary>
public sealed class AuditEntry : Entity
{
    /// <summary>1, 2, 3, … in the order entries were appended; null only for an entry not yet linked into the chain.</summary>
    public long? Sequence { get; set; }
    /// <summary>The <see cref="Hash"/> of the entry before (null for the first).</summary>
    public string? PreviousHash { get; set; }
    /// <summary>SHA-256 (lower-case hex) over <see cref="PreviousHash"/> and this entry's canonical fields.</summary>
    public string? Hash { get; set; }
    public DateTime AtUtc { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(a => a.AtUtc);
        b.HasIndex(a => new { a.EntityType, a.EntityKey });
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityKey).HasMaxLength(100);
        b.Property(a => a.Action).HasMaxLength(16);
        // The chain: one entry per sequence number (a second writer linking to the same previous entry fails here).
        b.HasIndex(a => a.Sequence).IsUnique();
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
    }
}
