using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Notifications;

/// <summary>
/// A message waiting to be sent, written in the same transaction as the change it tells about, so that no
/// acknowledged change goes untold and no message exists for a change that was rolled back.
/// </summary>
public sealed class OutboxMessage : Entity
{
    /// <summary><c>email</c>, <c>sms</c> or <c>whatsapp</c>.</summary>
    public required string Channel { get; set; }
    public required string Recipient { get; set; }
    public string Language { get; set; } = Lang.Indonesian;
    /// <summary>The event the message tells about (for example <c>application.submitted</c>).</summary>
    public string EventCode { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    /// <summary>Set by the dispatcher that took the message; another may take it only after this time.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public string? LastError { get; set; }
}

public static class Channels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string WhatsApp = "whatsapp";
    public static readonly string[] All = [Email, Sms, WhatsApp];
}

/// <summary>A message text per event, language and channel, edited by the mall's managers. Placeholders: <c>{trackingNumber}</c> and the like.</summary>
public sealed class NotificationTemplate : Entity, IAudited, IVersioned
{
    public required string EventCode { get; set; }
    public required string Language { get; set; }
    public string Channel { get; set; } = Channels.Email;
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        // The dispatcher's question: unsent messages due now.
        b.HasIndex(m => new { m.SentAtUtc, m.NextAttemptAtUtc });
        b.Property(m => m.Channel).HasMaxLength(16);
        b.Property(m => m.Recipient).HasMaxLength(256);
        b.Property(m => m.Language).HasMaxLength(2);
        b.Property(m => m.EventCode).HasMaxLength(64);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.Body).HasMaxLength(8000);
        b.Property(m => m.LastError).HasMaxLength(1000);
    }
}

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> b)
    {
        b.HasIndex(t => new { t.EventCode, t.Language, t.Channel }).IsUnique();
        b.Property(t => t.EventCode).HasMaxLength(64);
        b.Property(t => t.Language).HasMaxLength(2);
        b.Property(t => t.Channel).HasMaxLength(16);
        b.Property(t => t.Subject).HasMaxLength(300);
        b.Property(t => t.Body).HasMaxLength(8000);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}
