using SatuAtap.Core.Catalog;
using SatuAtap.Core.Feedback;

namespace SatuAtap.Core.Tests.Feedback;

public sealed class ComplaintRulesTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    [Fact]
    public void Deadlines_are_working_days_of_the_calendar()
    {
        var d = new ComplaintDeadlines();
        var plain = WorkingDayCalendar.Empty;
        Assert.Equal(new DateOnly(2026, 12, 3), d.ForwardDue(plain, Monday)); // Tue, Wed, Thu
        Assert.Equal(new DateOnly(2026, 12, 10), d.AnswerDue(plain, new DateOnly(2026, 12, 3)));
        Assert.Equal(new DateOnly(2026, 12, 24), d.CloseOn(plain, new DateOnly(2026, 12, 10)));
        // A holiday on the Wednesday moves the forward date to Friday; a Friday filing skips the weekend.
        var holiday = new WorkingDayCalendar([new DateOnly(2026, 12, 2)]);
        Assert.Equal(new DateOnly(2026, 12, 4), d.ForwardDue(holiday, Monday));
        Assert.Equal(new DateOnly(2026, 12, 9), d.ForwardDue(plain, new DateOnly(2026, 12, 4)));
    }

    [Theory]
    [InlineData(ComplaintStatus.Submitted, ComplaintAction.Verify, ComplaintStatus.Verified)]
    [InlineData(ComplaintStatus.Submitted, ComplaintAction.Reject, ComplaintStatus.Rejected)]
    [InlineData(ComplaintStatus.Verified, ComplaintAction.Forward, ComplaintStatus.Forwarded)]
    [InlineData(ComplaintStatus.Forwarded, ComplaintAction.Answer, ComplaintStatus.Answered)]
    [InlineData(ComplaintStatus.Answered, ComplaintAction.Reply, ComplaintStatus.Answered)]
    [InlineData(ComplaintStatus.Answered, ComplaintAction.Reopen, ComplaintStatus.Forwarded)]
    [InlineData(ComplaintStatus.Closed, ComplaintAction.Reopen, ComplaintStatus.Forwarded)]
    [InlineData(ComplaintStatus.Answered, ComplaintAction.Close, ComplaintStatus.Closed)]
    [InlineData(ComplaintStatus.Answered, ComplaintAction.AutoClose, ComplaintStatus.Closed)]
    public void Allowed_steps(ComplaintStatus from, ComplaintAction action, ComplaintStatus to) => Assert.Equal(to, ComplaintRules.Next(from, action));

    [Theory]
    [InlineData(ComplaintStatus.Submitted, ComplaintAction.Forward)] // verified first
    [InlineData(ComplaintStatus.Submitted, ComplaintAction.Answer)]
    [InlineData(ComplaintStatus.Verified, ComplaintAction.Answer)]
    [InlineData(ComplaintStatus.Forwarded, ComplaintAction.Close)] // not before an answer
    [InlineData(ComplaintStatus.Forwarded, ComplaintAction.Reopen)]
    [InlineData(ComplaintStatus.Rejected, ComplaintAction.Reopen)]
    [InlineData(ComplaintStatus.Closed, ComplaintAction.Answer)]
    [InlineData(ComplaintStatus.Closed, ComplaintAction.Reply)]
    public void Refused_steps(ComplaintStatus from, ComplaintAction action) => Assert.Null(ComplaintRules.Next(from, action));

    [Fact]
    public void Overdue_only_after_the_last_day_and_only_while_staff_owe_a_step()
    {
        var forwardDue = new DateOnly(2026, 12, 3);
        var answerDue = new DateOnly(2026, 12, 10);
        Assert.False(ComplaintRules.IsOverdue(ComplaintStatus.Submitted, forwardDue, null, forwardDue));
        Assert.True(ComplaintRules.IsOverdue(ComplaintStatus.Verified, forwardDue, null, forwardDue.AddDays(1)));
        Assert.False(ComplaintRules.IsOverdue(ComplaintStatus.Forwarded, forwardDue, answerDue, answerDue));
        Assert.True(ComplaintRules.IsOverdue(ComplaintStatus.Forwarded, forwardDue, answerDue, answerDue.AddDays(1)));
        Assert.False(ComplaintRules.IsOverdue(ComplaintStatus.Answered, forwardDue, answerDue, answerDue.AddDays(30)));
    }
}
