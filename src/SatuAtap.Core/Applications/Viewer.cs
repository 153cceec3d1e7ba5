using SatuAtap.Core.Catalog;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

/// <summary>Who asks: the signed-in person's id, name, agency and roles.</summary>
public sealed record Viewer(Guid? UserId, string Name, Guid? AgencyId, IReadOnlyCollection<string> Roles)
{
    public static readonly Viewer Anonymous = new(null, "", null, []);
    public static readonly Viewer System = new(null, "Sistem", null, []);

    public bool IsAgencyStaff => AgencyId is not null && (Roles.Contains(Identity.Roles.Officer) || Roles.Contains(Identity.Roles.AgencyHead));
    public bool IsAgencyHead => AgencyId is not null && Roles.Contains(Identity.Roles.AgencyHead);
    public bool IsManager => Roles.Contains(Identity.Roles.Manager) || Roles.Contains(Identity.Roles.Administrator);

    /// <summary>The applicant, an officer or head of the owning or acting agency, or the officer who captured it.</summary>
    public bool CanSee(Application a) =>
        UserId is { } me && (a.ApplicantUserId == me || a.CapturedByUserId == me)
        || IsAgencyStaff && (a.AgencyId == AgencyId || a.CurrentAgencyId == AgencyId);

    public bool IsApplicant(Application a) =>
        UserId is { } me && (a.ApplicantUserId == me || a.ApplicantUserId is null && a.CapturedByUserId == me);

    /// <summary>Acts at the step: staff of the step's agency in the step's role (an agency head may act at any of its agency's steps).</summary>
    public bool CanActAt(StepView step) =>
        AgencyId == step.AgencyId && (Roles.Contains(step.Role) || Roles.Contains(Identity.Roles.AgencyHead));
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
