using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

public sealed record WorkflowStepDocument(string? Name, string? NameEn, string? AgencyId, string? Role, string[]? AllowedActions, int SlaWorkingDays, string? Overdue);

public sealed record WorkflowDocument(IReadOnlyList<WorkflowStepDocument>? Steps);

public sealed record WorkflowStepItem(int Order, string Name, string? NameEn, Guid AgencyId, string Role, string[] AllowedActions, int SlaWorkingDays, string Overdue);

public sealed record WorkflowView(Guid ServiceId, string ServiceCode, int CompletionWorkingDays, bool Configured, IReadOnlyList<WorkflowStepItem> Steps);

/// <summary>
/// Reads and replaces a service's workflow. Managers may change any service's; an agency head only those of
/// the own agency. The steps' SLAs must fit in the standard's completion time.
/// </summary>
public sealed class SaveWorkflow(SatuAtapDb db, CatalogCache cache)
{
    public async Task<Outcome<WorkflowView>> GetAsync(string serviceIdOrCode, CancellationToken ct = default)
    {
        var service = (await cache.GetAsync(ct)).FindService(serviceIdOrCode);
        if (service is null) return Outcome<WorkflowView>.NotFound(Lang.T("Layanan tidak ditemukan.", "Service not found."));
        var configured = await db.WorkflowSteps.AnyAsync(s => s.ServiceId == service.Id, ct);
        return Outcome<WorkflowView>.Ok(View(service, configured, await WorkflowSource.StepsAsync(db, service, ct)));
    }

    public async Task<Outcome<WorkflowView>> HandleAsync(string serviceIdOrCode, WorkflowDocument body, Viewer viewer, CancellationToken ct = default)
    {
        var catalog = await cache.GetAsync(ct);
        var service = catalog.FindService(serviceIdOrCode);
        if (service is null) return Outcome<WorkflowView>.NotFound(Lang.T("Layanan tidak ditemukan.", "Service not found."));
        if (!viewer.IsManager && !(viewer.IsAgencyHead && viewer.AgencyId == service.Agency.Id))
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
        db.WorkflowSteps.RemoveRange(await db.WorkflowSteps.Where(s => s.ServiceId == service.Id).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        foreach (var s in steps)
            db.WorkflowSteps.Add(new WorkflowStep
            {
                ServiceId = service.Id, Order = s.Order, Name = s.Name, NameEn = s.NameEn, AgencyId = s.AgencyId, Role = s.Role,
                AllowedActions = string.Join(',', s.Allows.Select(ApplicationCodes.Action)), SlaWorkingDays = s.SlaWorkingDays, Overdue = s.Overdue,
            });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<WorkflowView>.Ok(View(service, true, steps));
    }

    private static WorkflowView View(ServiceView service, bool configured, IReadOnlyList<StepView> steps) =>
        new(service.Id, service.Code, service.Standard.CompletionWorkingDays, configured,
            steps.Select(s => new WorkflowStepItem(s.Order, s.Name, s.NameEn, s.AgencyId, s.Role, s.Allows.Select(ApplicationCodes.Action).ToArray(),
                s.SlaWorkingDays, WorkflowRules.OverdueCode(s.Overdue))).ToList());
}
