using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Notifications;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

/// <summary>
/// Records a change of an application: the timeline event, and the message to the applicant in the outbox.
/// Both are added to the same unit of work as the change itself.
/// </summary>
public sealed class ApplicationJournal(Notifier notifier, MallTime time, PublicLinks links, IEnumerable<IApplicationMessageValues> extras)
{
    public async Task RecordAsync(SatuAtapDb db, Application app, ServiceView service, ApplicationAction action, ApplicationStatus? from,
        Caller actor, string? note, CancellationToken ct)
    {
        // Every application has its check code from the start (older ones get it at their next change).
        app.CheckCode ??= TrackingCheck.New();
        db.ApplicationEvents.Add(new ApplicationEvent
        {
            ApplicationId = app.Id, AtUtc = time.UtcNow, ActorUserId = actor.UserId, ActorName = actor.Name,
            Action = action, FromStatus = from, ToStatus = app.Status, StepIndex = app.StepIndex, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        });
        if (from is null || from == app.Status && action is not (ApplicationAction.Forward or ApplicationAction.Revoke)) return;
        var language = app.Language;
        var values = new Dictionary<string, string>
        {
            ["name"] = app.ApplicantName,
            ["trackingNumber"] = app.TrackingNumber,
            ["service"] = language == Lang.English ? service.NameEn ?? service.Name : service.Name,
            ["status"] = ApplicationCodes.WithLanguage(language, () => ApplicationCodes.StatusLabel(app.Status)),
            // A product to collect: where, when and what to bring, in the recipient's language (before the officer's note).
            ["note"] = (app.Status == ApplicationStatus.ReadyForPickup && action == ApplicationAction.Issue
                    && ApplicationCodes.WithLanguage(language, () => PickupView.For(service, app.TrackingNumber)?.Text()) is { } pickup ? pickup : "")
                + (string.IsNullOrWhiteSpace(note) ? "" : ApplicationCodes.WithLanguage(language, () => Lang.T("Catatan petugas: ", "Officer's note: ")) + note.Trim() + "\n"),
            ["dueDate"] = app.DueDate is { } d ? ApplicationCodes.WithLanguage(language, () => Formats.Date(d)) : "-",
            ["url"] = PublicUrl("/lacak?nomor=" + app.TrackingNumber),
            ["checkCode"] = app.CheckCode,
        };
        foreach (var extra in extras) extra.Add(app, values);
        await notifier.EnqueueAsync(db, action == ApplicationAction.Revoke ? NotificationDefaults.ResultRevoked : NotificationDefaults.ApplicationEvent(ApplicationCodes.Status(app.Status)),
            new Notifier.Recipient(app.ApplicantEmail, app.ApplicantPhone, language), values, ct);
    }

    public string PublicUrl(string path) => links.To(path);
}
