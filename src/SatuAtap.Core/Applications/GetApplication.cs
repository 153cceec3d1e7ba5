using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

public sealed record ServiceRef(Guid Id, string Code, string Name, string? NameEn, string AgencyName);
public sealed record ApplicantView(string Name, string? Nik, string? Phone, string? Email, bool InPerson);
public sealed record FieldView(Guid RequirementId, string Name, string? NameEn, bool Required, string? Value, FieldType Type = FieldType.Text);
public sealed record DocumentView(Guid RequirementId, string Name, string? NameEn, bool Required, Guid? DocumentId, string? FileName, string? ContentType, long? SizeBytes);
public sealed record TimelineEntry(DateTime At, string Action, string ActionLabel, string? FromStatus, string ToStatus, string StatusLabel, string? Actor, string? Note, int Step);
public sealed record StepRef(int Number, int Of, string Name, DateOnly? DueDate);
public sealed record ResultRef(string VerificationCode, string VerificationUrl, DateTime IssuedAt, bool Revoked, DateTime? RevokedAt = null, string? RevokedReason = null, bool Uploaded = false);

/// <summary>
/// Where and when a product to collect (a card, an item) is picked up, and what to bring: shown instead of a download
/// once the result of such a service is issued.
/// </summary>
public sealed record PickupView(string Product, string AgencyName, string Address, string OpeningHours, string Phone, string TrackingNumber)
{
    public static PickupView? For(ServiceView service, string trackingNumber) =>
        ProductKinds.IsCollected(service.Standard.ProductKind)
            ? new PickupView(Lang.Pick(service.Standard.Product, service.Standard.ProductEn), service.Agency.DisplayName,
                service.Agency.Address, service.Agency.DisplayOpeningHours, service.Agency.Phone, trackingNumber)
            : null;

    /// <summary>What to bring to the counter.</summary>
    public IReadOnlyList<string> Bring =>
    [
        Lang.T($"Tanda terima atau nomor registrasi {TrackingNumber}", $"The receipt or the tracking number {TrackingNumber}"),
        Lang.T("KTP-el asli pemohon (atau surat kuasa dan KTP-el asli yang dikuasakan)", "The applicant's original ID card (or a power of attorney and the original ID of the person collecting)"),
    ];

    /// <summary>The pickup in a few lines, for a message.</summary>
    public string Text() =>
        Lang.T($"{Product} siap diambil di loket {AgencyName}", $"{Product} is ready to collect at the counter of {AgencyName}")
        + (Address is { Length: > 0 } ? ", " + Address : "") + ".\n"
        + (OpeningHours is { Length: > 0 } ? Lang.T("Jam layanan: ", "Opening hours: ") + OpeningHours + ".\n" : "")
        + Lang.T("Bawa: ", "Bring: ") + string.Join("; ", Bring) + ".\n";
}

public sealed record ApplicationDetail(
    Guid Id, string TrackingNumber, string Status, string StatusLabel, ServiceRef Service, ApplicantView Applicant,
    IReadOnlyList<FieldView> Fields, IReadOnlyList<DocumentView> Documents, IReadOnlyList<TimelineEntry> Timeline,
    DateTime CreatedAt, DateTime? SubmittedAt, DateOnly? DueDate, bool Overdue, int PausedWorkingDays, StepRef Step,
    string? AssignedTo, IReadOnlyList<string> AllowedActions, ResultRef? Result, Guid Version, bool Escalated = false, string? CheckCode = null,
    PickupView? Pickup = null);

/// <summary>
/// One application as its applicant or an officer of its agency sees it (an officer sees NIKs masked); anyone else is told
/// it does not exist.
/// </summary>
public sealed class GetApplication(SatuAtapDb db, CatalogCache cache, WorkflowCache workflows, MallTime time)
{
    public async Task<Outcome<ApplicationDetail>> HandleAsync(Guid id, Caller viewer, string baseUrl, CancellationToken ct = default)
    {
        var app = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null || !viewer.CanSee(app)) return Outcome<ApplicationDetail>.NotFound(SubmitApplication.NotFound());
        var catalog = await cache.GetAsync(ct);
        var service = catalog.ServicesById[app.ServiceId];
        var steps = WorkflowSource.Steps(await workflows.GetAsync(ct), service);
        var docs = await db.ApplicationDocuments.AsNoTracking().Where(d => d.ApplicationId == id).ToListAsync(ct);
        var events = await db.ApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == id).ToListAsync(ct);
        var result = await db.IssuedResults.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == id, ct);
        var fields = FieldRules.Parse(app.FieldsJson);
        var step = WorkflowSource.At(steps, app.StepIndex);
        var staffView = viewer.IsAgencyStaff && !viewer.IsApplicant(app);
        var checkCode = await TrackingCheck.EnsureAsync(db, app, ct);
        return Outcome<ApplicationDetail>.Ok(new ApplicationDetail(
            app.Id, app.TrackingNumber, ApplicationCodes.Status(app.Status), ApplicationCodes.StatusLabel(app.Status),
            new ServiceRef(service.Id, service.Code, service.Name, service.NameEn, service.Agency.DisplayName),
            // Staff see NIKs masked; the clear value is shown only through RevealNik, which writes the access log.
            new ApplicantView(app.ApplicantName, staffView ? NameMask.Nik(app.ApplicantNik) : app.ApplicantNik, app.ApplicantPhone, app.ApplicantEmail, app.ApplicantUserId is null),
            service.Requirements.Where(r => r.Kind == RequirementKind.Field)
                .Select(r => new FieldView(r.Id, r.Name, r.NameEn, r.Required,
                    staffView && r.Type == FieldType.Nik ? NameMask.Nik(fields.GetValueOrDefault(r.Id)) : fields.GetValueOrDefault(r.Id), r.Type)).ToList(),
            service.Requirements.Where(r => r.Kind == RequirementKind.Document).Select(r =>
            {
                var d = docs.OrderByDescending(x => x.UploadedAtUtc).FirstOrDefault(x => x.RequirementId == r.Id);
                return new DocumentView(r.Id, r.Name, r.NameEn, r.Required, d?.Id, d?.FileName, d?.ContentType, d?.SizeBytes);
            }).ToList(),
            Timeline(events, includeNotes: true),
            app.CreatedAtUtc, app.SubmittedAtUtc, app.DueDate, SlaClock.IsOverdue(app.DueDate, time.Today, app.Status), app.PausedWorkingDays,
            new StepRef(app.StepIndex + 1, steps.Count, step.DisplayName, app.StepDueDate),
            app.AssignedToName, AllowedActions(app, steps, viewer, result),
            result is null ? null : new ResultRef(result.VerificationCode, VerifyUrl(baseUrl, result.VerificationCode),
                DateTime.SpecifyKind(result.IssuedAtUtc, DateTimeKind.Utc), result.RevokedAtUtc is not null,
                result.RevokedAtUtc is { } revoked ? DateTime.SpecifyKind(revoked, DateTimeKind.Utc) : null, result.RevokedReason, result.FileKey is not null),
            app.Version, SlaClock.IsEscalated(app.EscalatedAtUtc, app.OverdueHandledStep, app.StepIndex), checkCode,
            result is null ? null : PickupView.For(service, app.TrackingNumber)));
    }

    public static string VerifyUrl(string baseUrl, string code) => baseUrl.TrimEnd('/') + "/verifikasi/" + code;

    internal static List<TimelineEntry> Timeline(IEnumerable<ApplicationEvent> events, bool includeNotes) =>
        events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => new TimelineEntry(
            DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc), ApplicationCodes.Action(e.Action), ApplicationCodes.ActionLabel(e.Action),
            e.FromStatus is { } f ? ApplicationCodes.Status(f) : null, ApplicationCodes.Status(e.ToStatus), ApplicationCodes.StatusLabel(e.ToStatus),
            includeNotes ? e.ActorName : null, includeNotes ? e.Note : null, e.StepIndex + 1)).ToList();

    /// <summary>
    /// What the caller may do now: the applicant's own actions, or the officer actions the state machine allows at
    /// this step, and <c>revoke</c> for the issuing agency's head or a manager while the issued result holds.
    /// </summary>
    public static List<string> AllowedActions(Application app, IReadOnlyList<StepView> steps, Caller viewer, IssuedResult? result = null)
    {
        var list = new List<string>();
        if (viewer.IsApplicant(app))
        {
            if (app.Status is ApplicationStatus.Draft or ApplicationStatus.ReturnedForCorrection)
                list.AddRange(["edit", "upload", "submit"]);
            return list;
        }
        if (result is { RevokedAtUtc: null } && ActOnApplication.CanRevoke(app, viewer)) list.Add(ApplicationCodes.Action(ApplicationAction.Revoke));
        var step = WorkflowSource.At(steps, app.StepIndex);
        if (!viewer.CanActAt(step)) return list;
        var position = new WorkflowPosition(app.StepIndex, steps.Count, step.Allows, app.AssignedToUserId is not null);
        foreach (var a in ApplicationStateMachine.AllowedOfficerActions(app.Status, position))
        {
            if (a is not (ApplicationAction.Claim or ApplicationAction.Issue) && app.AssignedToUserId != viewer.UserId && !viewer.IsAgencyHead) continue;
            list.Add(ApplicationCodes.Action(a));
        }
        return list;
    }
}
