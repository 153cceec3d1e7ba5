using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Notifications;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

/// <summary>
/// Telling the people who booked a visit that it moved or was cancelled, through the outbox and the managers'
/// templates (<c>outreach.visitMoved</c>, <c>outreach.visitCancelled</c>): email to an account's address, and SMS
/// or WhatsApp to the booking's phone where a phone channel is configured.
/// </summary>
public sealed class VisitChanges(SatuAtapDb db, Notifier notifier, PublicLinks links, Catalog.CatalogCache catalog)
{
    public const string MovedEvent = NotificationDefaults.VisitMoved;
    public const string CancelledEvent = NotificationDefaults.VisitCancelled;

    public async Task NotifyAsync(string eventCode, Booking booking, StopView stop, string oldWhen, string? newWhen, string? alternative, string note, CancellationToken ct)
    {
        var email = booking.UserId is { } user ? await db.Users.AsNoTracking().Where(u => u.Id == user).Select(u => u.Email).FirstOrDefaultAsync(ct) : null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = booking.Name,
            ["code"] = booking.Code,
            ["stop"] = $"MPP Keliling {stop.Name}, {stop.Address}",
            ["service"] = (await catalog.GetAsync(ct)).ServicesById.TryGetValue(booking.ServiceId, out var s) ? s.Name : "",
            ["when"] = oldWhen,
            ["newWhen"] = newWhen ?? "",
            ["alternative"] = alternative ?? "",
            ["note"] = note,
            ["url"] = links.To(stop.PagePath),
        };
        await notifier.EnqueueAsync(db, eventCode, new Notifier.Recipient(email, booking.Phone, Lang.Indonesian), values, ct);
    }
}
