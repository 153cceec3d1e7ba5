using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Applications;

public sealed record ActionRequest(string? Action, string? Note, bool? Pickup = null);

public sealed record ActionDone(Guid Id, string TrackingNumber, string Status, int Step, DateOnly? DueDate, string? VerificationCode);

/// <summary>
/// An officer's action on an application: claim, approve, return for correction, reject, forward to the next
/// step, issue the result. The state machine decides what is allowed; a refusal says why (409).
/// </summary>
public sealed class ActOnApplication(SatuAtapDb db, CatalogCache cache, MallTime time, ApplicationJournal journal)
{
    public async Task<Outcome<ActionDone>> HandleAsync(Guid id, ActionRequest request, Viewer viewer, CancellationToken ct = default)
    {
        var action = ApplicationCodes.ParseAction(request.Action);
        if (action is null || !ApplicationCodes.OfficerActions.Contains(action.Value))
            return Outcome<ActionDone>.Invalid("action", Lang.T("Tindakan harus salah satu dari: claim, approve, return, reject, forward, issue.",
                "The action must be one of: claim, approve, return, reject, forward, issue."));
        if (request.Note is { Length: > 2000 }) return Outcome<ActionDone>.Invalid("note", Lang.T("Paling banyak 2000 karakter.", "At most 2000 characters."));
        if (action is ApplicationAction.Return or ApplicationAction.Reject && string.IsNullOrWhiteSpace(request.Note))
            return Outcome<ActionDone>.Invalid("note", Lang.T("Tuliskan alasannya untuk pemohon.", "Write the reason for the applicant."));

        var app = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null || !viewer.CanSee(app)) return Outcome<ActionDone>.NotFound(SubmitApplication.NotFound());
        var catalog = await cache.GetAsync(ct);
        var service = catalog.ServicesById[app.ServiceId];
        var steps = await WorkflowSource.StepsAsync(db, service, ct);
        var step = WorkflowSource.At(steps, app.StepIndex);
        if (!viewer.CanActAt(step))
            return Outcome<ActionDone>.Forbidden(Lang.T("Tahap ini ditangani oleh peran atau instansi lain.", "Another role or agency acts at this step."));
        if (action is not (ApplicationAction.Claim or ApplicationAction.Issue) && app.AssignedToUserId is { } assignee
            && assignee != viewer.UserId && !viewer.IsAgencyHead)
            return Outcome<ActionDone>.Conflict(Lang.T($"Permohonan ini sedang ditangani {app.AssignedToName}.", $"{app.AssignedToName} is handling this application."));

        var position = new WorkflowPosition(app.StepIndex, steps.Count, step.Allows, app.AssignedToUserId is not null);
        var transition = ApplicationStateMachine.Decide(app.Status, action.Value, position, request.Pickup == true);
        if (!transition.Allowed) return Outcome<ActionDone>.Conflict(transition.Reason!);

        var from = app.Status;
        var today = time.Today;
        string? code = null;
        switch (action.Value)
        {
            case ApplicationAction.Claim:
                app.AssignedToUserId = viewer.UserId;
                app.AssignedToName = viewer.Name;
                break;
            case ApplicationAction.Forward:
                var next = WorkflowSource.At(steps, transition.StepIndex);
                app.CurrentAgencyId = next.AgencyId;
                app.StepDueDate = catalog.Calendar.AddWorkingDays(today, next.SlaWorkingDays);
                app.AssignedToUserId = null;
                app.AssignedToName = null;
                break;
            case ApplicationAction.Return:
                app.PausedOn = today;
                break;
            case ApplicationAction.Approve:
            case ApplicationAction.Reject:
                app.DecidedAtUtc = time.UtcNow;
                break;
            case ApplicationAction.Issue:
                var agency = catalog.Agencies.FirstOrDefault(a => a.Id == step.AgencyId) ?? service.Agency;
                code = VerificationCode.New();
                db.IssuedResults.Add(new IssuedResult
                {
                    ApplicationId = app.Id, VerificationCode = code, IssuedAtUtc = time.UtcNow, IssuedByName = viewer.Name,
                    IssuedByAgency = agency.Name, HolderName = app.ApplicantName, ServiceName = service.Name, ServiceNameEn = service.NameEn ?? service.Name,
                });
                break;
        }
        app.Status = transition.To;
        app.StepIndex = transition.StepIndex;
        app.IsOpen = ApplicationStateMachine.IsOpen(app.Status);
        await journal.RecordAsync(db, app, service, action.Value, from, viewer, request.Note, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<ActionDone>.Conflict(Lang.T("Permohonan ini baru saja diubah petugas lain. Muat ulang lalu coba lagi.",
                "Another officer has just changed this application. Reload and try again."));
        }
        return Outcome<ActionDone>.Ok(new ActionDone(app.Id, app.TrackingNumber, ApplicationCodes.Status(app.Status), app.StepIndex + 1, app.DueDate, code));
    }
}
