using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

/// <summary>What happens when a step passes its SLA.</summary>
public enum OverdueBehaviour { Notify, Escalate, DeemedApproval }

/// <summary>
/// One step of a service's workflow, configured by the agency head or a manager: which role of which agency
/// acts, which actions it allows, and its SLA in working days.
/// </summary>
public sealed class WorkflowStep : Entity, IAudited
{
    public Guid ServiceId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public Guid AgencyId { get; set; }
    public string Role { get; set; } = Roles.Officer;
    /// <summary>Allowed officer actions as API words, comma-separated (<c>claim,return,forward</c>).</summary>
    public string AllowedActions { get; set; } = "";
    public int SlaWorkingDays { get; set; }
    public OverdueBehaviour Overdue { get; set; }

    public IReadOnlyCollection<ApplicationAction> Allows =>
        AllowedActions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ApplicationCodes.ParseAction).OfType<ApplicationAction>().ToList();
}

/// <summary>A step as the rules see it (configured or the default one).</summary>
public sealed record StepView(int Order, string Name, string? NameEn, Guid AgencyId, string Role, IReadOnlyCollection<ApplicationAction> Allows, int SlaWorkingDays, OverdueBehaviour Overdue)
{
    public string DisplayName => Lang.Pick(Name, NameEn);
}

/// <summary>Pure rules of a workflow.</summary>
public static class WorkflowRules
{
    public static readonly string[] OverdueCodes = ["notify", "escalate", "deemedApproval"];

    public static string OverdueCode(OverdueBehaviour o) => o switch
    {
        OverdueBehaviour.Escalate => "escalate",
        OverdueBehaviour.DeemedApproval => "deemedApproval",
        _ => "notify",
    };

    public static OverdueBehaviour? ParseOverdue(string? code) => code switch
    {
        "notify" => OverdueBehaviour.Notify,
        "escalate" => OverdueBehaviour.Escalate,
        "deemedApproval" => OverdueBehaviour.DeemedApproval,
        _ => null,
    };

    /// <summary>The workflow of a service without a configured one: one step by its agency's officers, the whole completion time.</summary>
    public static IReadOnlyList<StepView> Default(Guid agencyId, int completionWorkingDays) =>
        [new StepView(1, "Verifikasi dan proses", "Verification and processing", agencyId, Roles.Officer, ApplicationCodes.OfficerActions, completionWorkingDays, OverdueBehaviour.Notify)];

    /// <summary>Checks a workflow against the service standard: at least one step, SLAs not negative and their sum within the completion time.</summary>
    public static FieldErrors Validate(IReadOnlyList<StepView> steps, int completionWorkingDays, bool deemedApprovalAllowed)
    {
        var errors = new FieldErrors();
        if (steps.Count == 0) errors.Add("steps", Lang.T("Alur harus punya paling sedikit satu tahap.", "A workflow needs at least one step."));
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (string.IsNullOrWhiteSpace(s.Name)) errors.Add($"steps[{i}].name", Lang.T("Wajib diisi.", "Required."));
            if (s.SlaWorkingDays < 0) errors.Add($"steps[{i}].slaWorkingDays", Lang.T("Tidak boleh negatif.", "Cannot be negative."));
            if (s.Role is not (Roles.Officer or Roles.AgencyHead))
                errors.Add($"steps[{i}].role", Lang.T("Peran harus 'officer' atau 'agency-head'.", "The role must be 'officer' or 'agency-head'."));
            if (s.Allows.Count == 0) errors.Add($"steps[{i}].allowedActions", Lang.T("Pilih paling sedikit satu tindakan.", "Choose at least one action."));
            if (s.Overdue == OverdueBehaviour.DeemedApproval && !deemedApprovalAllowed)
                errors.Add($"steps[{i}].overdue", Lang.T("Persetujuan otomatis (fiktif positif) hanya bila dasar hukum layanan mengaturnya.",
                    "Deemed approval only where the service's legal basis provides for it."));
        }
        var sum = steps.Sum(s => Math.Max(0, s.SlaWorkingDays));
        if (sum > completionWorkingDays)
            errors.Add("steps", Lang.T($"Jumlah SLA tahap ({sum} hari kerja) melebihi waktu penyelesaian standar layanan ({completionWorkingDays} hari kerja).",
                $"The steps' SLAs add up to {sum} working days, more than the standard's completion time ({completionWorkingDays} working days)."));
        return errors;
    }

    /// <summary>Whether the service's legal basis provides for deemed approval (fiktif positif).</summary>
    public static bool LegalBasisAllowsDeemedApproval(string? legalBasis) =>
        legalBasis is not null && (legalBasis.Contains("fiktif positif", StringComparison.OrdinalIgnoreCase)
                                   || legalBasis.Contains("28 Tahun 2025", StringComparison.OrdinalIgnoreCase)
                                   || legalBasis.Contains("28/2025", StringComparison.OrdinalIgnoreCase));
}

internal sealed class WorkflowStepConfiguration : IEntityTypeConfiguration<WorkflowStep>
{
    public void Configure(EntityTypeBuilder<WorkflowStep> b)
    {
        b.HasIndex(s => new { s.ServiceId, s.Order }).IsUnique();
        b.HasOne<Catalog.Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.NameEn).HasMaxLength(200);
        b.Property(s => s.Role).HasMaxLength(32);
        b.Property(s => s.AllowedActions).HasMaxLength(200);
        b.Property(s => s.Overdue).HasConversion<string>().HasMaxLength(32);
    }
}
