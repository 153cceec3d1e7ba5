using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Notifications;

/// <summary>
/// Writes messages to the outbox from the managers' templates, in the recipient's language. The caller saves
/// them together with the change they tell about (one SaveChanges, one transaction). The templates are read from
/// <see cref="TemplateCache"/>, which their editor refreshes on save. Every message may name the mall:
/// <c>{mallName}</c> (its full name in the recipient's language) and <c>{mallShortName}</c> come from its settings.
/// </summary>
public sealed class Notifier(IOptions<NotificationsOptions> options, MallTime time, TemplateCache cache, MallIdentity mall)
{
    public sealed record Recipient(string? Email, string? Phone, string Language);

    public async Task EnqueueAsync(SatuAtapDb db, string eventCode, Recipient to, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var language = to.Language == Lang.English ? Lang.English : Lang.Indonesian;
        values = new Dictionary<string, string>(values, StringComparer.Ordinal)
        {
            [NotificationDefaults.MallName] = language == Lang.English ? mall.NameEn : mall.Name,
            [NotificationDefaults.MallShortName] = mall.ShortName,
        };
        var phoneChannel = string.IsNullOrWhiteSpace(options.Value.Http.Url) ? null : options.Value.Http.Channel;
        // The templates come from the template cache (their editor refreshes it), not from a query per message.
        var templates = (await cache.GetAsync(ct)).GetValueOrDefault(eventCode)
                        ?? NotificationDefaults.All().Where(t => t.EventCode == eventCode).ToList();
        NotificationTemplate? Pick(string channel) =>
            templates.FirstOrDefault(t => t.Channel == channel && t.Language == language)
            ?? templates.FirstOrDefault(t => t.Channel == channel && t.Language == Lang.Indonesian);
        if (!string.IsNullOrWhiteSpace(to.Email) && Pick(Channels.Email) is { } email)
            Add(db, Channels.Email, to.Email, language, eventCode, email, values);
        if (!string.IsNullOrWhiteSpace(to.Phone) && phoneChannel is not null && (Pick(phoneChannel) ?? Pick(Channels.Sms)) is { } sms)
            Add(db, phoneChannel, to.Phone, language, eventCode, sms, values);
    }

    private void Add(SatuAtapDb db, string channel, string recipient, string language, string eventCode, NotificationTemplate t, IReadOnlyDictionary<string, string> values)
    {
        var now = time.UtcNow;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Channel = channel, Recipient = recipient, Language = language, EventCode = eventCode,
            Subject = Truncate(Render(t.Subject, values), 300), Body = Truncate(Render(t.Body, values), 8000),
            CreatedAtUtc = now, NextAttemptAtUtc = now,
        });
    }

    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = template;
        foreach (var (key, value) in values) text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        return text;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
