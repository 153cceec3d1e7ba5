using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Identity;

/// <summary>One change to audited data: who, when, what, and the values before and after (JSON).</summary>
public sealed class AuditEntry : Entity
{
    public DateTime AtUtc { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>Who is acting now, for the audit log. The web host supplies the signed-in user.</summary>
public interface IActor
{
    Guid? UserId { get; }
    string Name { get; }
}

public sealed class SystemActor : IActor
{
    public static readonly SystemActor Instance = new();
    public Guid? UserId => null;
    public string Name => "system";
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
    }
}
