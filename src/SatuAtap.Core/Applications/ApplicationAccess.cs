using SatuAtap.Core.Catalog;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

/// <summary>The caller's rules (<see cref="Caller"/>) applied to an application.</summary>
public static class ApplicationAccess
{
    /// <summary>The applicant, an officer or head of the owning or acting agency, or the officer who captured it.</summary>
    public static bool CanSee(this Caller caller, Application a) =>
        caller.MaySeeRecord(a.ApplicantUserId, a.CapturedByUserId, a.AgencyId, a.CurrentAgencyId);

    public static bool IsApplicant(this Caller caller, Application a) => caller.Owns(a.ApplicantUserId, a.CapturedByUserId);

    /// <summary>Acts at the step: staff of the step's agency in the step's role (an agency head may act at any of its agency's steps).</summary>
    public static bool CanActAt(this Caller caller, StepView step) => caller.MayActAtStep(step.AgencyId, step.Role);
}

/// <summary>A service's workflow: its configured steps, or the default single step.</summary>
public static class WorkflowSource
{
    /// <summary>The service's steps as the workflow cache holds them (configured, or the default one).</summary>
    public static IReadOnlyList<StepView> Steps(IReadOnlyDictionary<Guid, IReadOnlyList<StepView>> workflows, ServiceView service) =>
        workflows.GetValueOrDefault(service.Id) ?? WorkflowRules.Default(service.Agency.Id, service.Standard.CompletionWorkingDays);

    /// <summary>The service's steps read from the database (the workflow editor reads what is stored, not the snapshot).</summary>
    public static async Task<IReadOnlyList<StepView>> StepsAsync(Data.SatuAtapDb db, ServiceView service, CancellationToken ct)
    {
        var steps = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.WorkflowSteps.Where(s => s.ServiceId == service.Id).OrderBy(s => s.Order)), ct);
        return steps.Count == 0
            ? WorkflowRules.Default(service.Agency.Id, service.Standard.CompletionWorkingDays)
            : steps.Select(View).ToList();
    }

    public static StepView View(WorkflowStep s) => new(s.Order, s.Name, s.NameEn, s.AgencyId, s.Role, s.Allows, s.SlaWorkingDays, s.Overdue);

    public static StepView At(IReadOnlyList<StepView> steps, int index) => steps[Math.Clamp(index, 0, steps.Count - 1)];
}
