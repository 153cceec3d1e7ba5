using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;

namespace SatuAtap.Core.Tests.Applications;

public sealed class SlaClockTests
{
    // 2026-12-24 and 2026-12-25: collective leave and Christmas (Thursday, Friday).
    private static readonly WorkingDayCalendar Calendar = new([new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)]);

    [Fact]
    public void DueDate_CountsFromTheWorkingDayAfterSubmission()
    {
        // Submitted Monday 30 Nov; 5 working days: Tue 1 .. Mon 7 Dec.
        Assert.Equal(new DateOnly(2026, 12, 7), SlaClock.DueDate(Calendar, new DateOnly(2026, 11, 30), 5));
    }

    [Fact]
    public void DueDate_SubmittedOnSaturday_StartsMonday()
    {
        Assert.Equal(new DateOnly(2026, 12, 7), SlaClock.DueDate(Calendar, new DateOnly(2026, 12, 5), 1));
    }

    [Fact]
    public void DueDate_SkipsHolidays()
    {
        // Submitted Tue 22 Dec; 3 working days: Wed 23, (24, 25 off, weekend), Mon 28, Tue 29.
        Assert.Equal(new DateOnly(2026, 12, 29), SlaClock.DueDate(Calendar, new DateOnly(2026, 12, 22), 3));
    }

    [Fact]
    public void DueDate_PausedWorkingDays_ExtendIt()
    {
        var paused = SlaClock.PausedWorkingDays(Calendar, new DateOnly(2026, 12, 22), new DateOnly(2026, 12, 28));
        Assert.Equal(2, paused); // Wed 23 and Mon 28; the holidays and the weekend were not working days anyway.
        Assert.Equal(new DateOnly(2026, 12, 31), SlaClock.DueDate(Calendar, new DateOnly(2026, 12, 22), 3, paused));
    }

    [Fact]
    public void PausedWorkingDays_SameDay_IsZero() =>
        Assert.Equal(0, SlaClock.PausedWorkingDays(Calendar, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1)));

    [Fact]
    public void IsEscalated_OnlyForTheStepItIsAtNow()
    {
        var at = new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
        Assert.True(SlaClock.IsEscalated(at, 1, 1));
        Assert.False(SlaClock.IsEscalated(at, 0, 1)); // escalated at step 1, now at step 2
        Assert.False(SlaClock.IsEscalated(null, 1, 1)); // step 1 was overdue, but only notified
        Assert.False(SlaClock.IsEscalated(null, null, 0));
    }

    [Fact]
    public void IsOverdue_OnlyAfterTheDueDate_AndOnlyWhileTheClockRuns()
    {
        var due = new DateOnly(2026, 12, 7);
        Assert.False(SlaClock.IsOverdue(due, due, ApplicationStatus.InVerification));
        Assert.True(SlaClock.IsOverdue(due, due.AddDays(1), ApplicationStatus.InVerification));
        Assert.False(SlaClock.IsOverdue(due, due.AddDays(1), ApplicationStatus.ReturnedForCorrection));
        Assert.False(SlaClock.IsOverdue(due, due.AddDays(1), ApplicationStatus.Issued));
    }

    [Fact]
    public void WorkingDaysLeft_IsNegativeWhenLate()
    {
        Assert.Equal(2, SlaClock.WorkingDaysLeft(Calendar, new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 1)));
        Assert.Equal(-1, SlaClock.WorkingDaysLeft(Calendar, new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 7)));
    }
}
