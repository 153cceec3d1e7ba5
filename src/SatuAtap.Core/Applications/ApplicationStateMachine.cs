using SatuAtap.Core.Common;

namespace SatuAtap.Core.Applications;

/// <summary>Where the application is in its workflow: which step (0-based) of how many, what that step allows, and whether an officer has claimed it.</summary>
public sealed record WorkflowPosition(int StepIndex, int StepCount, IReadOnlyCollection<ApplicationAction> StepAllows, bool Claimed)
{
    public bool AtLastStep => StepIndex >= StepCount - 1;

    public static WorkflowPosition OneStep(bool claimed = false) =>
        new(0, 1, ApplicationCodes.OfficerActions, claimed);
}

/// <summary>The answer of the state machine: the new status and step, or why the action is not allowed now.</summary>
public sealed record Transition(bool Allowed, ApplicationStatus To, int StepIndex, string? Reason)
{
    public static Transition Go(ApplicationStatus to, int step) => new(true, to, step, null);
    public static Transition No(ApplicationStatus from, int step, string reason) => new(false, from, step, reason);
}

/// <summary>
/// The life of an application: draft → submitted → in verification → (returned for correction ↔ resubmitted)
/// → in process (one state per further workflow step) → approved or rejected → issued or ready for pickup.
/// An officer claims an application before acting on it, so two officers never work the same one unknowingly.
/// </summary>
public static class ApplicationStateMachine
{
    public static bool IsOpen(ApplicationStatus s) =>
        s is ApplicationStatus.Submitted or ApplicationStatus.Resubmitted or ApplicationStatus.InVerification
            or ApplicationStatus.InProcess or ApplicationStatus.Approved;

    /// <summary>The SLA clock runs from submission until a decision, except while the application waits on the citizen.</summary>
    public static bool ClockRuns(ApplicationStatus s) =>
        s is ApplicationStatus.Submitted or ApplicationStatus.Resubmitted or ApplicationStatus.InVerification or ApplicationStatus.InProcess;

    public static Transition Decide(ApplicationStatus from, ApplicationAction action, WorkflowPosition at, bool pickup = false)
    {
        var step = at.StepIndex;
        Transition No(string reason) => Transition.No(from, step, reason);
        var working = from is ApplicationStatus.InVerification or ApplicationStatus.InProcess;
        if (ApplicationCodes.OfficerActions.Contains(action) && action != ApplicationAction.Issue && !at.StepAllows.Contains(action))
            return No(Lang.T($"Tahap ini tidak mengizinkan tindakan '{ApplicationCodes.Action(action)}'.",
                $"This step does not allow the action '{ApplicationCodes.Action(action)}'."));
        switch (action)
        {
            case ApplicationAction.Submit:
                return from == ApplicationStatus.Draft ? Transition.Go(ApplicationStatus.Submitted, 0)
                    : from == ApplicationStatus.ReturnedForCorrection ? Transition.Go(ApplicationStatus.Resubmitted, step)
                    : No(Lang.T("Permohonan ini sudah diajukan.", "This application has already been submitted."));
            case ApplicationAction.Resubmit:
                return from == ApplicationStatus.ReturnedForCorrection ? Transition.Go(ApplicationStatus.Resubmitted, step)
                    : No(Lang.T("Hanya permohonan yang dikembalikan untuk perbaikan yang dapat diajukan ulang.",
                        "Only an application returned for correction can be resubmitted."));
            case ApplicationAction.Claim:
                if (from is ApplicationStatus.Submitted or ApplicationStatus.Resubmitted)
                    return Transition.Go(step == 0 ? ApplicationStatus.InVerification : ApplicationStatus.InProcess, step);
                if (from == ApplicationStatus.InProcess && !at.Claimed) return Transition.Go(ApplicationStatus.InProcess, step);
                if (working) return No(Lang.T("Permohonan ini sudah diambil petugas.", "An officer has already taken up this application."));
                return No(NotOpen(from));
            case ApplicationAction.Forward:
                if (!working) return No(NotOpen(from));
                if (!at.Claimed) return No(ClaimFirst());
                if (at.AtLastStep) return No(Lang.T("Ini tahap terakhir: setujui atau tolak.", "This is the last step: approve or reject."));
                return Transition.Go(ApplicationStatus.InProcess, step + 1);
            case ApplicationAction.Approve:
                if (!working) return No(NotOpen(from));
                if (!at.Claimed) return No(ClaimFirst());
                if (!at.AtLastStep) return No(Lang.T("Masih ada tahap berikutnya: teruskan dahulu.", "There is a further step: forward it first."));
                return Transition.Go(ApplicationStatus.Approved, step);
            case ApplicationAction.Return:
            case ApplicationAction.Reject:
                if (!working) return No(NotOpen(from));
                if (!at.Claimed) return No(ClaimFirst());
                return Transition.Go(action == ApplicationAction.Return ? ApplicationStatus.ReturnedForCorrection : ApplicationStatus.Rejected, step);
            case ApplicationAction.Issue:
                return from == ApplicationStatus.Approved
                    ? Transition.Go(pickup ? ApplicationStatus.ReadyForPickup : ApplicationStatus.Issued, step)
                    : No(Lang.T("Hasil hanya dapat diterbitkan setelah permohonan disetujui.", "A result can only be issued once the application is approved."));
            default:
                return No(Lang.T("Tindakan tidak dikenal.", "Unknown action."));
        }
    }

    /// <summary>The officer actions that would be allowed now (for <c>allowedActions</c>).</summary>
    public static IEnumerable<ApplicationAction> AllowedOfficerActions(ApplicationStatus from, WorkflowPosition at) =>
        ApplicationCodes.OfficerActions.Where(a => Decide(from, a, at).Allowed);

    private static string ClaimFirst() => Lang.T("Ambil (klaim) permohonan ini terlebih dahulu.", "Claim this application first.");

    private static string NotOpen(ApplicationStatus from) =>
        from is ApplicationStatus.Submitted or ApplicationStatus.Resubmitted ? ClaimFirst() : Lang.T(
        $"Tidak dapat dilakukan pada status '{ApplicationCodes.StatusLabel(from)}'.",
        $"Not possible in the status '{ApplicationCodes.StatusLabel(from)}'.");
}
