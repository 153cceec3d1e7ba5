using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

public sealed record WorkflowStepDocument(string? Name, string? NameEn, string? AgencyId, string? Role, string[]? AllowedActions, int SlaWorkingDays, string? Overdue);

/// <summary>The steps; <c>version</c> (optional) is the one read with GET: when given, a workflow changed since is refused (409).</summary>
public sealed record WorkflowDocument(IReadOnlyList<WorkflowStepDocument>? Steps, string? Version = null);

public sealed record WorkflowStepItem(int Order, string Name, string? NameEn, Guid AgencyId, string Role, string[] AllowedActions, int SlaWorkingDays, string Overdue);

public sealed record WorkflowView(Guid ServiceId, string ServiceCode, int CompletionWorkingDays, bool Configured, IReadOnlyList<WorkflowStepItem> Steps, string Version);

/// <summary>
/// Reads and replaces a service's workflow. Managers may change any service's; an agency head only those of
/// the own agency. The steps' SLAs must fit in the standard's completion time. A save replaces all step rows, so
/// the id of the first stored step serves as the workflow's version (<c>default</c> while none is configured).
/// </summary>
public sealed class SaveWorkflow(SatuAtapDb db, CatalogCache cache, WorkflowCache workflows)
{
    public async Task<Outcome<WorkflowView>> GetAsync(string serviceIdOrCode, CancellationToken ct = default)
    {
        var service = (await cache.GetAsync(ct)).FindService(serviceIdOrCode);
        if (service is null) return Outcome<WorkflowView>.NotFound(Lang.T("Layanan tidak ditemukan.", "Service not found."));
        var first = await db.WorkflowSteps.AsNoTracking().Where(s => s.ServiceId == service.Id).OrderBy(s => s.Order).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        return Outcome<WorkflowView>.Ok(View(service, first is not null, await WorkflowSource.StepsAsync(db, service, ct), VersionOf(first)));
    }

    public async Task<Outcome<WorkflowView>> HandleAsync(string serviceIdOrCode, WorkflowDocument body, Caller viewer, CancellationToken ct = default)
    {
        var catalog = await cache.GetAsync(ct);
        var service = catalog.FindService(serviceIdOrCode);
        if (service is null) return Outcome<WorkflowView>.NotFound(Lang.T("Layanan tidak ditemukan.", "Service not found."));
        if (!CanEdit(service, viewer))
            return Outcome<WorkflowView>.Forbidden(Lang.T("Hanya pengelola MPP atau kepala instansi pemilik layanan yang dapat mengubah alurnya.",
                "Only a mall manager or the head of the service's agency can change its workflow."));
        var errors = new FieldErrors();
        var steps = new List<StepView>();
        var input = body.Steps ?? [];
        for (var i = 0; i < input.Count; i++)
        {
            var s = input[i];
            if (s is null) { errors.Missing($"steps[{i}]"); continue; }
            var agencyId = service.Agency.Id;
            if (!string.IsNullOrWhiteSpace(s.AgencyId))
            {
                if (catalog.FindAgency(s.AgencyId) is { } a) agencyId = a.Id;
                else errors.Add($"steps[{i}].agencyId", Lang.T("Instansi tidak dikenal.", "Unknown agency."));
            }
            var actions = new List<ApplicationAction>();
            foreach (var code in s.AllowedActions ?? [])
                if (ApplicationCodes.ParseAction(code) is { } act && ApplicationCodes.OfficerActions.Contains(act)) actions.Add(act);
                else errors.Add($"steps[{i}].allowedActions", Lang.T($"Tindakan tidak dikenal: {code}.", $"Unknown action: {code}."));
            var overdue = string.IsNullOrWhiteSpace(s.Overdue) ? OverdueBehaviour.Notify : WorkflowRules.ParseOverdue(s.Overdue);
            if (overdue is null) errors.Add($"steps[{i}].overdue", Lang.T("Harus notify, escalate, atau deemedApproval.", "Must be notify, escalate or deemedApproval."));
            errors.Optional($"steps[{i}].name", s.Name, 200);
            steps.Add(new StepView(i + 1, s.Name?.Trim() ?? "", string.IsNullOrWhiteSpace(s.NameEn) ? null : s.NameEn.Trim(), agencyId,
                string.IsNullOrWhiteSpace(s.Role) ? Roles.Officer : s.Role.Trim(), actions.Distinct().ToList(), s.SlaWorkingDays, overdue ?? OverdueBehaviour.Notify));
        }
        var ruleErrors = WorkflowRules.Validate(steps, service.Standard.CompletionWorkingDays, WorkflowRules.LegalBasisAllowsDeemedApproval(service.Standard.LegalBasis));
        foreach (var (field, messages) in ruleErrors.ToDictionary()) foreach (var m in messages) errors.Add(field, m);
        if (errors.Any) return Outcome<WorkflowView>.Invalid(errors.ToDictionary());

        var open = await db.Applications.AnyAsync(a => a.ServiceId == service.Id && a.IsOpen && a.StepIndex >= steps.Count, ct);
        if (open) return Outcome<WorkflowView>.Conflict(Lang.T("Ada permohonan berjalan pada tahap yang akan dihapus. Selesaikan dahulu.",
            "Open applications are at a step that would be removed. Finish them first."));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.WorkflowSteps.Where(s => s.ServiceId == service.Id).OrderBy(s => s.Order).ToListAsync(ct);
        if (body.Version is { } expected && expected != VersionOf(existing.FirstOrDefault()?.Id)) return Outcome<WorkflowView>.StaleVersion();
        var added = steps.Select(s => new WorkflowStep
        {
            ServiceId = service.Id, Order = s.Order, Name = s.Name, NameEn = s.NameEn, AgencyId = s.AgencyId, Role = s.Role,
            AllowedActions = string.Join(',', s.Allows.Select(ApplicationCodes.Action)), SlaWorkingDays = s.SlaWorkingDays, Overdue = s.Overdue,
        }).ToList();
        try
        {
            db.WorkflowSteps.RemoveRange(existing);
            await db.SaveChangesAsync(ct);
            db.WorkflowSteps.AddRange(added);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbRetry.IsTransient(e)
                                          || UniqueViolation.On<WorkflowStep>(db, e, nameof(WorkflowStep.ServiceId), nameof(WorkflowStep.Order)))
        {
            // Another save replaced the steps at the same moment (its rows hold the step numbers).
            return Outcome<WorkflowView>.StaleVersion();
        }
        workflows.Invalidate();
        return Outcome<WorkflowView>.Ok(View(service, true, steps, VersionOf(added[0].Id)));
    }

    /// <summary>A mall manager, or the head of the agency that owns the service.</summary>
    public static bool CanEdit(ServiceView service, Caller viewer) => viewer.MayEditAgencyContent(service.Agency.Id);

    private static string VersionOf(Guid? firstStepId) => firstStepId is { } id ? id.ToString("N") : "default";

    private static WorkflowView View(ServiceView service, bool configured, IReadOnlyList<StepView> steps, string version) =>
        new(service.Id, service.Code, service.Standard.CompletionWorkingDays, configured,
            steps.Select(s => new WorkflowStepItem(s.Order, s.Name, s.NameEn, s.AgencyId, s.Role, s.Allows.Select(ApplicationCodes.Action).ToArray(),
                s.SlaWorkingDays, WorkflowRules.OverdueCode(s.Overdue))).ToList(), version);
}
