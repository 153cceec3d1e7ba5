using Microsoft.Extensions.Options;

namespace SatuAtap.Core.Feedback;

/// <summary>The satisfaction survey and the complaint desk (<c>Feedback:*</c>).</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";
    /// <summary>Days a survey link works after the ticket was finished or the application completed (default 30).</summary>
    public int SurveyLinkDays { get; set; } = 30;
    /// <summary>Working days the desk has to forward a complaint (SP4N-LAPOR!: 3).</summary>
    public int ForwardWorkingDays { get; set; } = 3;
    /// <summary>Working days the agency has to answer a forwarded complaint (5).</summary>
    public int AnswerWorkingDays { get; set; } = 5;
    /// <summary>Working days after the answer an answered complaint closes when the reporter is silent (10).</summary>
    public int CloseWorkingDays { get; set; } = 10;
    /// <summary>Minutes between runs of the escalation job (default 60); 0 switches the job off in this process.</summary>
    public int OverdueCheckMinutes { get; set; } = 60;
    /// <summary>Largest photo or PDF attached to a complaint, in bytes (default 5 MB).</summary>
    public int MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    public ComplaintDeadlines Deadlines => new(ForwardWorkingDays, AnswerWorkingDays, CloseWorkingDays);
}

/// <summary>Checks the <c>Feedback</c> settings at start; each message names its key.</summary>
public sealed class FeedbackOptionsValidator : IValidateOptions<FeedbackOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedbackOptions o)
    {
        var failures = new List<string>();
        if (o.SurveyLinkDays is < 1 or > 365) failures.Add("Feedback:SurveyLinkDays must be between 1 and 365.");
        if (o.ForwardWorkingDays is < 1 or > 60) failures.Add("Feedback:ForwardWorkingDays must be between 1 and 60.");
        if (o.AnswerWorkingDays is < 1 or > 60) failures.Add("Feedback:AnswerWorkingDays must be between 1 and 60.");
        if (o.CloseWorkingDays is < 1 or > 60) failures.Add("Feedback:CloseWorkingDays must be between 1 and 60.");
        if (o.OverdueCheckMinutes is < 0 or > 1440) failures.Add("Feedback:OverdueCheckMinutes must be between 0 and 1440.");
        if (o.MaxAttachmentBytes is < 1024 or > 50 * 1024 * 1024) failures.Add("Feedback:MaxAttachmentBytes must be between 1024 and 52428800.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
