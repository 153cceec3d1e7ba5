using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Licensing;

/// <summary>
/// A bundle's status, the sum of its children's:
/// <list type="bullet">
/// <item><c>draft</c>: none submitted yet;</item>
/// <item><c>needsCorrection</c>: some permit is returned to the applicant, who must act;</item>
/// <item><c>incomplete</c>: some are submitted, some still drafts;</item>
/// <item><c>inProgress</c>: all submitted, some still with the agencies;</item>
/// <item><c>awaitingConfirmation</c>: made by an officer on the owner's behalf, not yet confirmed by the owner's code (set by the bundle, not its children);</item>
/// <item><c>approved</c>, <c>rejected</c>, <c>partlyApproved</c>: all decided, all approved (issued), all rejected, or some of each.</item>
/// </list>
/// </summary>
public static class BundleStatus
{
    public const string AwaitingConfirmation = "awaitingConfirmation";

    public static bool IsDecided(ApplicationStatus s) => s is ApplicationStatus.Approved or ApplicationStatus.Issued or ApplicationStatus.ReadyForPickup or ApplicationStatus.Rejected;

    public static string Of(IReadOnlyCollection<ApplicationStatus> children)
    {
        if (children.Count == 0 || children.All(s => s == ApplicationStatus.Draft)) return "draft";
        if (children.Any(s => s == ApplicationStatus.ReturnedForCorrection)) return "needsCorrection";
        if (children.Any(s => s == ApplicationStatus.Draft)) return "incomplete";
        if (!children.All(IsDecided)) return "inProgress";
        if (children.All(s => s == ApplicationStatus.Rejected)) return "rejected";
        return children.Any(s => s == ApplicationStatus.Rejected) ? "partlyApproved" : "approved";
    }

    public static string Label(string code) => code switch
    {
        AwaitingConfirmation => Lang.T("Menunggu konfirmasi pemohon", "Waiting for the applicant's confirmation"),
        "draft" => Lang.T("Draf: belum diajukan", "Draft: not submitted yet"),
        "needsCorrection" => Lang.T("Perlu perbaikan dari pemohon", "Needs the applicant's correction"),
        "incomplete" => Lang.T("Sebagian belum diajukan", "Partly not submitted yet"),
        "inProgress" => Lang.T("Dalam proses", "In progress"),
        "approved" => Lang.T("Semua izin disetujui", "All permits approved"),
        "rejected" => Lang.T("Ditolak", "Rejected"),
        _ => Lang.T("Sebagian disetujui, sebagian ditolak", "Partly approved, partly rejected"),
    };
}
