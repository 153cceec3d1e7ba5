using SatuAtap.Core.Catalog;

namespace SatuAtap.Core.Applications;

/// <summary>
/// The clock of the service standard, in working days. Counting starts on the working day after submission;
/// the due date is the last of the completion days. While the application waits on the citizen the clock
/// stops, and the working days it waited are added to the due date.
/// </summary>
public static class SlaClock
{
    public static DateOnly DueDate(WorkingDayCalendar calendar, DateOnly submittedOn, int completionWorkingDays, int pausedWorkingDays = 0) =>
        calendar.AddWorkingDays(submittedOn, Math.Max(0, completionWorkingDays) + Math.Max(0, pausedWorkingDays));

    /// <summary>Working days lost while waiting on the citizen: those after the day it was returned up to the day it came back.</summary>
    public static int PausedWorkingDays(WorkingDayCalendar calendar, DateOnly returnedOn, DateOnly resubmittedOn) =>
        resubmittedOn <= returnedOn ? 0 : calendar.CountWorkingDays(returnedOn, resubmittedOn);

    public static bool IsOverdue(DateOnly? dueDate, DateOnly today, ApplicationStatus status) =>
        dueDate is { } due && today > due && ApplicationStateMachine.ClockRuns(status);

    /// <summary>
    /// Escalated to the agency head because the step it is at now went past its due date (an escalation of an earlier
    /// step no longer counts once the application moved on).
    /// </summary>
    public static bool IsEscalated(DateTime? escalatedAtUtc, int? overdueHandledStep, int stepIndex) =>
        escalatedAtUtc is not null && overdueHandledStep == stepIndex;

    /// <summary>Working days left until the due date (negative when overdue).</summary>
    public static int WorkingDaysLeft(WorkingDayCalendar calendar, DateOnly dueDate, DateOnly today) =>
        today <= dueDate ? calendar.CountWorkingDays(today, dueDate) : -calendar.CountWorkingDays(dueDate, today);
}
