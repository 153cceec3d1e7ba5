using SatuAtap.Core.Common;

namespace SatuAtap.Core.Applications;

/// <summary>Where an application (permohonan) stands.</summary>
public enum ApplicationStatus
{
    Draft,
    Submitted,
    InVerification,
    ReturnedForCorrection,
    Resubmitted,
    InProcess,
    Approved,
    Rejected,
    Issued,
    ReadyForPickup,
}

/// <summary>What someone does to an application. Submit and resubmit are the applicant's; the rest are officers'.</summary>
public enum ApplicationAction
{
    Create,
    Submit,
    Resubmit,
    Claim,
    Approve,
    Return,
    Reject,
    Forward,
    Issue,
    Overdue,
    /// <summary>An issued result withdrawn by the issuing agency's head or a manager; the status stays, the document no longer holds.</summary>
    Revoke,
}

/// <summary>The words of the API for statuses and actions, and their labels.</summary>
public static class ApplicationCodes
{
    public static string Status(ApplicationStatus s) => s switch
    {
        ApplicationStatus.Draft => "draft",
        ApplicationStatus.Submitted => "submitted",
        ApplicationStatus.InVerification => "inVerification",
        ApplicationStatus.ReturnedForCorrection => "returnedForCorrection",
        ApplicationStatus.Resubmitted => "resubmitted",
        ApplicationStatus.InProcess => "inProcess",
        ApplicationStatus.Approved => "approved",
        ApplicationStatus.Rejected => "rejected",
        ApplicationStatus.Issued => "issued",
        _ => "readyForPickup",
    };

    public static ApplicationStatus? ParseStatus(string? code) =>
        Enum.GetValues<ApplicationStatus>().Cast<ApplicationStatus?>().FirstOrDefault(s => Status(s!.Value) == code);

    public static string Action(ApplicationAction a) => a switch
    {
        ApplicationAction.Create => "create",
        ApplicationAction.Submit => "submit",
        ApplicationAction.Resubmit => "resubmit",
        ApplicationAction.Claim => "claim",
        ApplicationAction.Approve => "approve",
        ApplicationAction.Return => "return",
        ApplicationAction.Reject => "reject",
        ApplicationAction.Forward => "forward",
        ApplicationAction.Issue => "issue",
        ApplicationAction.Revoke => "revoke",
        _ => "overdue",
    };

    public static ApplicationAction? ParseAction(string? code) =>
        Enum.GetValues<ApplicationAction>().Cast<ApplicationAction?>().FirstOrDefault(a => Action(a!.Value) == code);

    /// <summary>Actions an officer may name in <c>POST /actions</c>.</summary>
    public static readonly ApplicationAction[] OfficerActions =
        [ApplicationAction.Claim, ApplicationAction.Approve, ApplicationAction.Return, ApplicationAction.Reject, ApplicationAction.Forward, ApplicationAction.Issue];

    public static string StatusLabel(ApplicationStatus s) => s switch
    {
        ApplicationStatus.Draft => Lang.T("Draf", "Draft"),
        ApplicationStatus.Submitted => Lang.T("Diajukan", "Submitted"),
        ApplicationStatus.InVerification => Lang.T("Dalam verifikasi", "In verification"),
        ApplicationStatus.ReturnedForCorrection => Lang.T("Dikembalikan untuk perbaikan", "Returned for correction"),
        ApplicationStatus.Resubmitted => Lang.T("Diajukan ulang", "Resubmitted"),
        ApplicationStatus.InProcess => Lang.T("Dalam proses", "In process"),
        ApplicationStatus.Approved => Lang.T("Disetujui", "Approved"),
        ApplicationStatus.Rejected => Lang.T("Ditolak", "Rejected"),
        ApplicationStatus.Issued => Lang.T("Terbit", "Issued"),
        _ => Lang.T("Siap diambil", "Ready for pickup"),
    };

    public static string StatusLabel(ApplicationStatus s, string language) =>
        Lang.IsEnglish == (language == Lang.English) ? StatusLabel(s) : WithLanguage(language, () => StatusLabel(s));

    public static string ActionLabel(ApplicationAction a) => a switch
    {
        ApplicationAction.Create => Lang.T("Dibuat", "Created"),
        ApplicationAction.Submit => Lang.T("Diajukan", "Submitted"),
        ApplicationAction.Resubmit => Lang.T("Diajukan ulang setelah perbaikan", "Resubmitted after correction"),
        ApplicationAction.Claim => Lang.T("Diambil petugas untuk diperiksa", "Taken up by an officer"),
        ApplicationAction.Approve => Lang.T("Disetujui", "Approved"),
        ApplicationAction.Return => Lang.T("Dikembalikan untuk perbaikan", "Returned for correction"),
        ApplicationAction.Reject => Lang.T("Ditolak", "Rejected"),
        ApplicationAction.Forward => Lang.T("Diteruskan ke tahap berikutnya", "Forwarded to the next step"),
        ApplicationAction.Issue => Lang.T("Hasil diterbitkan", "Result issued"),
        ApplicationAction.Revoke => Lang.T("Hasil dicabut", "Result revoked"),
        _ => Lang.T("Melewati batas waktu", "Overdue"),
    };

    public static T WithLanguage<T>(string language, Func<T> f)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language == Lang.English ? "en-GB" : "id-ID");
        try { return f(); }
        finally { System.Globalization.CultureInfo.CurrentUICulture = before; }
    }
}
