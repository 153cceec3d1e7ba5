using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

public sealed record ActionRequest(string? Action, string? Note, bool? Pickup = null);

public sealed record ActionDone(Guid Id, string TrackingNumber, string Status, int Step, DateOnly? DueDate, string? VerificationCode);

/// <summary>
/// An officer's action on an application: claim, approve, return for correction, reject, forward to the next
/// step, issue the result (generated, or an uploaded signed PDF), revoke an issued result. The state machine
/// decides what is allowed; a refusal says why (409).
/// </summary>
public sealed class ActOnApplication(SatuAtapDb db, CatalogCache cache, WorkflowCache workflows, MallTime time, ApplicationJournal journal, FileStore files, MallMetrics metrics)
{
    public const int MaxRevokeReason = 500;

    public Task<Outcome<ActionDone>> HandleAsync(Guid id, ActionRequest request, Caller viewer, CancellationToken ct = default) =>
        RunAsync(id, request, viewer, signedPdf: null, ct);

    /// <summary>Issues the result as the <c>issue</c> action does, with an uploaded signed PDF as the document (recognised by content; otherwise 422).</summary>
    public Task<Outcome<ActionDone>> IssueWithFileAsync(Guid id, Stream? signedPdf, string? note, Caller viewer, CancellationToken ct = default) =>
        signedPdf is null
            ? Task.FromResult(Outcome<ActionDone>.Invalid("file", Lang.T("Pilih berkas PDF hasil yang sudah ditandatangani.", "Choose the signed result PDF.")))
            : RunAsync(id, new ActionRequest("issue", note), viewer, signedPdf, ct);

    private async Task<Outcome<ActionDone>> RunAsync(Guid id, ActionRequest request, Caller viewer, Stream? signedPdf, CancellationToken ct)
    {
        var action = ApplicationCodes.ParseAction(request.Action);
        if (action is null || !(ApplicationCodes.OfficerActions.Contains(action.Value) || action == ApplicationAction.Revoke))
            return Outcome<ActionDone>.Invalid("action", Lang.T("Tindakan harus salah satu dari: claim, approve, return, reject, forward, issue, revoke.",
                "The action must be one of: claim, approve, return, reject, forward, issue, revoke."));
        if (request.Note is { Length: > 2000 }) return Outcome<ActionDone>.Invalid("note", Lang.T("Paling banyak 2000 karakter.", "At most 2000 characters."));
        if (action is ApplicationAction.Return or ApplicationAction.Reject or ApplicationAction.Revoke && string.IsNullOrWhiteSpace(request.Note))
            return Outcome<ActionDone>.Invalid("note", action == ApplicationAction.Revoke
                ? Lang.T("Tuliskan alasan pencabutan.", "Write the reason for the revocation.")
                : Lang.T("Tuliskan alasannya untuk pemohon.", "Write the reason for the applicant."));
        if (action == ApplicationAction.Revoke) return await RevokeAsync(id, request.Note!.Trim(), viewer, ct);

        var app = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null || !viewer.CanSee(app)) return Outcome<ActionDone>.NotFound(SubmitApplication.NotFound());
        var catalog = await cache.GetAsync(ct);
        var service = catalog.ServicesById[app.ServiceId];
        var steps = WorkflowSource.Steps(await workflows.GetAsync(ct), service);
        var step = WorkflowSource.At(steps, app.StepIndex);
        if (!viewer.CanActAt(step))
            return Outcome<ActionDone>.Forbidden(Lang.T("Tahap ini ditangani oleh peran atau instansi lain.", "Another role or agency acts at this step."));
        if (action is not (ApplicationAction.Claim or ApplicationAction.Issue) && app.AssignedToUserId is { } assignee
            && assignee != viewer.UserId && !viewer.IsAgencyHead)
            return Outcome<ActionDone>.Conflict(Lang.T($"Permohonan ini sedang ditangani {app.AssignedToName}.", $"{app.AssignedToName} is handling this application."));

        var position = new WorkflowPosition(app.StepIndex, steps.Count, step.Allows, app.AssignedToUserId is not null);
        var transition = ApplicationStateMachine.Decide(app.Status, action.Value, position,
            // A card or an item is always collected; a document is collected only when the officer says so.
            request.Pickup == true || ProductKinds.IsCollected(service.Standard.ProductKind));
        if (!transition.Allowed) return Outcome<ActionDone>.Conflict(transition.Reason!);

        MemoryStream? pdf = null;
        if (signedPdf is not null)
        {
            var (buffer, type) = await FileSniffer.ReadAsync(signedPdf, ct);
            if (buffer.Length == 0) return Outcome<ActionDone>.Invalid("file", Lang.T("Berkas kosong.", "The file is empty."));
            if (type != FileSniffer.Pdf)
            {
                var message = Lang.T("Hasil yang diunggah harus berupa berkas PDF yang utuh (dikenali dari isinya).", "The uploaded result must be a complete PDF file (recognised by its content).");
                return new Outcome<ActionDone>(OutcomeKind.Unprocessable, Message: message, Errors: new Dictionary<string, string[]> { ["file"] = [message] });
            }
            pdf = buffer;
        }

        var from = app.Status;
        var today = time.Today;
        string? code = null;
        string? fileKey = null;
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
                if (pdf is not null) fileKey = await files.SaveAsync(pdf, $"applications/{app.Id:N}", ct);
                db.IssuedResults.Add(new IssuedResult
                {
                    ApplicationId = app.Id, VerificationCode = code, IssuedAtUtc = time.UtcNow, IssuedByName = viewer.Name,
                    IssuedByAgency = agency.Name, HolderName = app.ApplicantName, ServiceName = service.Name, ServiceNameEn = service.NameEn ?? service.Name,
                    FileKey = fileKey,
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
            if (fileKey is not null) files.Delete(fileKey);
            return Outcome<ActionDone>.Conflict(ChangedMeanwhile());
        }
        catch
        {
            if (fileKey is not null) files.Delete(fileKey);
            throw;
        }
        metrics.ApplicationActed(service.Code, service.Agency.Code, ApplicationCodes.Action(action.Value));
        return Outcome<ActionDone>.Ok(new ActionDone(app.Id, app.TrackingNumber, ApplicationCodes.Status(app.Status), app.StepIndex + 1, app.DueDate, code));
    }

    /// <summary>
    /// Withdraws an issued result: the head of the agency that issued it (the agency acting at the last step) or a
    /// mall manager, with a reason. The status stays; the verification page then says the document is revoked.
    /// </summary>
    private async Task<Outcome<ActionDone>> RevokeAsync(Guid id, string reason, Caller viewer, CancellationToken ct)
    {
        if (reason.Length > MaxRevokeReason)
            return Outcome<ActionDone>.Invalid("note", Lang.T($"Paling banyak {MaxRevokeReason} karakter.", $"At most {MaxRevokeReason} characters."));
        var app = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null || !viewer.IsManager && !viewer.CanSee(app)) return Outcome<ActionDone>.NotFound(SubmitApplication.NotFound());
        if (!CanRevoke(app, viewer))
            return Outcome<ActionDone>.Forbidden(Lang.T("Hanya kepala instansi penerbit atau pengelola mal yang dapat mencabut hasil.",
                "Only the head of the issuing agency or a mall manager can revoke a result."));
        var result = await db.IssuedResults.FirstOrDefaultAsync(r => r.ApplicationId == id, ct);
        if (result is null)
            return Outcome<ActionDone>.Conflict(Lang.T("Belum ada hasil yang diterbitkan untuk permohonan ini.", "No result has been issued for this application."));
        if (result.RevokedAtUtc is { } at)
            return Outcome<ActionDone>.Conflict(Lang.T($"Hasil ini sudah dicabut pada {Formats.DateTime(time.ToLocal(at))} WIB: {result.RevokedReason}",
                $"This result was already revoked on {Formats.DateTime(time.ToLocal(at))} WIB: {result.RevokedReason}"));
        result.RevokedAtUtc = time.UtcNow;
        result.RevokedReason = reason;
        var service = (await cache.GetAsync(ct)).ServicesById[app.ServiceId];
        await journal.RecordAsync(db, app, service, ApplicationAction.Revoke, app.Status, viewer, reason, ct);
        app.Version = Guid.NewGuid(); // two revocations at once: the second save fails on the application's version
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<ActionDone>.Conflict(ChangedMeanwhile());
        }
        metrics.ApplicationActed(service.Code, service.Agency.Code, ApplicationCodes.Action(ApplicationAction.Revoke));
        return Outcome<ActionDone>.Ok(new ActionDone(app.Id, app.TrackingNumber, ApplicationCodes.Status(app.Status), app.StepIndex + 1, app.DueDate, result.VerificationCode));
    }

    /// <summary>The head of the agency that acted at the last step (which issued the result), or a mall manager.</summary>
    public static bool CanRevoke(Application app, Caller viewer) =>
        viewer.IsManager || viewer.IsHeadOf(app.CurrentAgencyId);

    private static string ChangedMeanwhile() => Lang.T("Permohonan ini baru saja diubah petugas lain. Muat ulang lalu coba lagi.",
        "Another officer has just changed this application. Reload and try again.");
}
