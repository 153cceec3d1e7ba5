using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

public sealed record SaveFieldsRequest(Dictionary<string, string?>? Fields);

public sealed record ApplicationSubmitted(Guid Id, string TrackingNumber, string Status, DateOnly DueDate);

/// <summary>
/// Submits a draft (or resubmits after correction): every required field valid and every required document
/// uploaded. Submission starts the SLA clock; a resubmission restarts it, adding the working days it waited.
/// </summary>
public sealed class SubmitApplication(SatuAtapDb db, CatalogCache cache, WorkflowCache workflows, MallTime time, ApplicationJournal journal, MallMetrics metrics)
{
    /// <summary>Saves field values of a draft or returned application (merging with the values already there).</summary>
    public async Task<Outcome<ApplicationCreated>> SaveFieldsAsync(Guid id, SaveFieldsRequest request, Caller viewer, CancellationToken ct = default)
    {
        var app = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null || !viewer.CanSee(app)) return Outcome<ApplicationCreated>.NotFound(NotFound());
        if (!viewer.IsApplicant(app)) return Outcome<ApplicationCreated>.Forbidden();
        if (app.Status is not (ApplicationStatus.Draft or ApplicationStatus.ReturnedForCorrection))
            return Outcome<ApplicationCreated>.Conflict(Lang.T("Isian hanya dapat diubah pada draf atau permohonan yang dikembalikan.",
                "Fields can only be changed on a draft or a returned application."));
        var service = (await cache.GetAsync(ct)).ServicesById[app.ServiceId];
        var errors = new FieldErrors();
        var values = FieldRules.Read(service, request.Fields, errors);
        if (errors.Any) return Outcome<ApplicationCreated>.Invalid(errors.ToDictionary());
        var merged = FieldRules.Parse(app.FieldsJson);
        foreach (var key in request.Fields?.Keys.ToList() ?? [])
        {
            var req = service.Requirements.FirstOrDefault(r => r.Kind == RequirementKind.Field && (r.Id.ToString() == key || string.Equals(r.Name, key, StringComparison.OrdinalIgnoreCase) || string.Equals(r.NameEn, key, StringComparison.OrdinalIgnoreCase)));
            if (req is not null) merged.Remove(req.Id);
        }
        foreach (var (k, v) in values) merged[k] = v;
        CreateApplication.ApplyFields(app, service, merged);
        await db.SaveChangesAsync(ct);
        return Outcome<ApplicationCreated>.Ok(new ApplicationCreated(app.Id, app.TrackingNumber, ApplicationCodes.Status(app.Status)));
    }

    public async Task<Outcome<ApplicationSubmitted>> HandleAsync(Guid id, Caller viewer, CancellationToken ct = default)
    {
        // The application and the requirements it has documents for, in one round trip.
        var found = await db.Applications.Where(a => a.Id == id)
            .Select(a => new { App = a, Uploaded = a.Documents.Select(d => d.RequirementId).ToList() })
            .FirstOrDefaultAsync(ct);
        var app = found?.App;
        if (app is null || !viewer.CanSee(app)) return Outcome<ApplicationSubmitted>.NotFound(NotFound());
        if (!viewer.IsApplicant(app)) return Outcome<ApplicationSubmitted>.Forbidden(Lang.T("Hanya pemohon yang dapat mengajukan.", "Only the applicant can submit."));
        var catalog = await cache.GetAsync(ct);
        var service = catalog.ServicesById[app.ServiceId];
        var steps = WorkflowSource.Steps(await workflows.GetAsync(ct), service);
        var transition = ApplicationStateMachine.Decide(app.Status, ApplicationAction.Submit, new WorkflowPosition(app.StepIndex, steps.Count, [], false));
        if (!transition.Allowed) return Outcome<ApplicationSubmitted>.Conflict(transition.Reason!);

        var errors = new FieldErrors();
        FieldRules.RequireComplete(service, FieldRules.Parse(app.FieldsJson), errors);
        if (errors.Any) return Outcome<ApplicationSubmitted>.Invalid(errors.ToDictionary());
        var uploaded = found!.Uploaded;
        foreach (var r in service.Requirements.Where(r => r.Kind == RequirementKind.Document && r.Required && !uploaded.Contains(r.Id)))
            errors.Add($"documents.{r.Name}", Lang.T("Dokumen wajib belum diunggah.", "This required document has not been uploaded."));
        if (errors.Any)
            return new Outcome<ApplicationSubmitted>(OutcomeKind.Unprocessable, Message: Lang.T("Dokumen wajib belum lengkap.", "Required documents are missing."), Errors: errors.ToDictionary());

        var from = app.Status;
        var today = time.Today;
        var calendar = catalog.Calendar;
        if (from == ApplicationStatus.Draft)
        {
            app.SubmittedAtUtc = time.UtcNow;
            app.SubmittedOn = today;
            app.StepIndex = 0;
            app.StepDueDate = calendar.AddWorkingDays(today, steps[0].SlaWorkingDays);
            app.CurrentAgencyId = steps[0].AgencyId;
        }
        else
        {
            var paused = app.PausedOn is { } p ? SlaClock.PausedWorkingDays(calendar, p, today) : 0;
            app.PausedWorkingDays += paused;
            if (app.StepDueDate is { } sd) app.StepDueDate = calendar.AddWorkingDays(sd, paused);
            app.PausedOn = null;
            app.AssignedToUserId = null;
            app.AssignedToName = null;
        }
        app.DueDate = SlaClock.DueDate(calendar, app.SubmittedOn!.Value, service.Standard.CompletionWorkingDays, app.PausedWorkingDays);
        app.Status = transition.To;
        app.IsOpen = ApplicationStateMachine.IsOpen(app.Status);
        await journal.RecordAsync(db, app, service, from == ApplicationStatus.Draft ? ApplicationAction.Submit : ApplicationAction.Resubmit, from, viewer, null, ct);
        // One round trip on PostgreSQL; on SQLite a SaveChanges that waits its turn for the one writer.
        if (!await SingleTripSave.SaveAsync(db, app, ct)) return Outcome<ApplicationSubmitted>.StaleVersion();
        metrics.ApplicationSubmitted(service.Code, service.Agency.Code);
        return Outcome<ApplicationSubmitted>.Ok(new ApplicationSubmitted(app.Id, app.TrackingNumber, ApplicationCodes.Status(app.Status), app.DueDate.Value));
    }

    internal static string NotFound() => Lang.T("Permohonan tidak ditemukan.", "Application not found.");
}
