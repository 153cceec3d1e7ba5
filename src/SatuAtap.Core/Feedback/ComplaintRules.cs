using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Feedback;

/// <summary>Where a complaint stands, in the rhythm of SP4N-LAPOR!.</summary>
public enum ComplaintStatus
{
    /// <summary>Filed, waiting for the complaint desk to verify it.</summary>
    Submitted,
    /// <summary>Verified by the desk (personal data hidden from its public text), not yet with the agency.</summary>
    Verified,
    /// <summary>With the agency, which answers it.</summary>
    Forwarded,
    /// <summary>Answered by the agency; closes by itself when the reporter stays silent.</summary>
    Answered,
    Closed,
    /// <summary>Not a complaint the desk can handle (spam, no substance); ends it.</summary>
    Rejected,
}

/// <summary>What someone does to a complaint.</summary>
public enum ComplaintAction { File, Verify, Reject, Forward, Answer, Reply, Reopen, Close, Escalate, AutoClose }

/// <summary>The deadlines of a complaint in working days (SP4N-LAPOR!: forwarded within 3, answered within 5, closed 10 after the answer).</summary>
public sealed record ComplaintDeadlines(int ForwardWorkingDays = 3, int AnswerWorkingDays = 5, int CloseWorkingDays = 10)
{
    /// <summary>The last day the desk may forward a complaint filed on <paramref name="filedOn"/>.</summary>
    public DateOnly ForwardDue(WorkingDayCalendar calendar, DateOnly filedOn) => calendar.AddWorkingDays(filedOn, ForwardWorkingDays);

    /// <summary>The last day the agency may answer a complaint forwarded (or reopened) on <paramref name="forwardedOn"/>.</summary>
    public DateOnly AnswerDue(WorkingDayCalendar calendar, DateOnly forwardedOn) => calendar.AddWorkingDays(forwardedOn, AnswerWorkingDays);

    /// <summary>The day a complaint answered on <paramref name="answeredOn"/> (or last replied to by its reporter) closes when the reporter stays silent.</summary>
    public DateOnly CloseOn(WorkingDayCalendar calendar, DateOnly answeredOn) => calendar.AddWorkingDays(answeredOn, CloseWorkingDays);
}

/// <summary>Which action is allowed in which status, the status it leads to, and the codes and labels of both.</summary>
public static class ComplaintRules
{
    public static ComplaintStatus? Next(ComplaintStatus from, ComplaintAction action) => (from, action) switch
    {
        (ComplaintStatus.Submitted, ComplaintAction.Verify) => ComplaintStatus.Verified,
        (ComplaintStatus.Submitted or ComplaintStatus.Verified, ComplaintAction.Reject) => ComplaintStatus.Rejected,
        (ComplaintStatus.Verified, ComplaintAction.Forward) => ComplaintStatus.Forwarded,
        (ComplaintStatus.Forwarded, ComplaintAction.Answer) => ComplaintStatus.Answered,
        (ComplaintStatus.Answered, ComplaintAction.Reply) => ComplaintStatus.Answered,
        (ComplaintStatus.Submitted or ComplaintStatus.Verified or ComplaintStatus.Forwarded, ComplaintAction.Reply) => from,
        (ComplaintStatus.Answered or ComplaintStatus.Closed, ComplaintAction.Reopen) => ComplaintStatus.Forwarded,
        (ComplaintStatus.Answered, ComplaintAction.Close or ComplaintAction.AutoClose) => ComplaintStatus.Closed,
        _ => null,
    };

    /// <summary>Open statuses: the complaint still waits on the desk, the agency or the reporter.</summary>
    public static bool IsOpen(ComplaintStatus s) => s is not (ComplaintStatus.Closed or ComplaintStatus.Rejected);

    /// <summary>The due date the complaint is now measured against, or null when nothing is due from staff.</summary>
    public static DateOnly? StaffDue(ComplaintStatus s, DateOnly forwardDue, DateOnly? answerDue) => s switch
    {
        ComplaintStatus.Submitted or ComplaintStatus.Verified => forwardDue,
        ComplaintStatus.Forwarded => answerDue,
        _ => null,
    };

    /// <summary>Overdue: staff still owe a step and its last day has passed.</summary>
    public static bool IsOverdue(ComplaintStatus s, DateOnly forwardDue, DateOnly? answerDue, DateOnly today) =>
        StaffDue(s, forwardDue, answerDue) is { } due && today > due;

    public static string Code(ComplaintStatus s) => s switch
    {
        ComplaintStatus.Submitted => "submitted",
        ComplaintStatus.Verified => "verified",
        ComplaintStatus.Forwarded => "forwarded",
        ComplaintStatus.Answered => "answered",
        ComplaintStatus.Closed => "closed",
        _ => "rejected",
    };

    public static string Label(ComplaintStatus s) => s switch
    {
        ComplaintStatus.Submitted => Lang.T("Diterima, menunggu verifikasi", "Received, awaiting verification"),
        ComplaintStatus.Verified => Lang.T("Terverifikasi", "Verified"),
        ComplaintStatus.Forwarded => Lang.T("Diteruskan ke instansi", "Forwarded to the agency"),
        ComplaintStatus.Answered => Lang.T("Dijawab", "Answered"),
        ComplaintStatus.Closed => Lang.T("Selesai", "Closed"),
        _ => Lang.T("Tidak dapat diproses", "Not processed"),
    };

    public static string Code(ComplaintAction a) => a switch
    {
        ComplaintAction.File => "file",
        ComplaintAction.Verify => "verify",
        ComplaintAction.Reject => "reject",
        ComplaintAction.Forward => "forward",
        ComplaintAction.Answer => "answer",
        ComplaintAction.Reply => "reply",
        ComplaintAction.Reopen => "reopen",
        ComplaintAction.Close => "close",
        ComplaintAction.Escalate => "escalate",
        _ => "auto-close",
    };
}
