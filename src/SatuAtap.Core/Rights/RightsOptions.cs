using Microsoft.Extensions.Options;

namespace SatuAtap.Core.Rights;

/// <summary>People's rights over their data (UU 27/2022).</summary>
public sealed class RightsOptions
{
    public const string Section = "Rights";
    /// <summary>Working days the managers have to answer a correction request (default 5).</summary>
    public int CorrectionWorkingDays { get; set; } = 5;
    /// <summary>Show citizens the name of the officer who looked at their data (default true); the agency is always shown.</summary>
    public bool ShowOfficerNames { get; set; } = true;
}

/// <summary>How long personal data is kept, and how often the retention job runs.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";
    /// <summary>Run the daily retention job in this process (default on; tests and extra nodes may switch it off).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Hours between runs (default 24).</summary>
    public double RunHours { get; set; } = 24;
    /// <summary>Drafts never submitted are deleted this many days after they were started.</summary>
    public int DraftDays { get; set; } = 30;
    /// <summary>Uploaded documents of finished applications are deleted this many days after the last activity.</summary>
    public int DocumentDays { get; set; } = 365;
    /// <summary>Message bodies are cleared this many days after sending.</summary>
    public int MessageDays { get; set; } = 30;
    /// <summary>Names, phone numbers and NIKs of bookings are cleared this many days after the booked day.</summary>
    public int BookingDays { get; set; } = 90;
}

/// <summary>Checks the <c>Rights</c> settings at start; the message names the key.</summary>
public sealed class RightsOptionsValidator : IValidateOptions<RightsOptions>
{
    public ValidateOptionsResult Validate(string? name, RightsOptions o) =>
        o.CorrectionWorkingDays is >= 1 and <= 60
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Rights:CorrectionWorkingDays must be between 1 and 60.");
}

/// <summary>Checks the <c>Retention</c> settings at start; each message names its key.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions o)
    {
        var failures = new List<string>();
        if (!(o.RunHours is > 0 and <= 168)) failures.Add("Retention:RunHours must be greater than 0 and at most 168.");
        if (o.DraftDays <= 0) failures.Add("Retention:DraftDays must be greater than 0.");
        if (o.DocumentDays <= 0) failures.Add("Retention:DocumentDays must be greater than 0.");
        if (o.MessageDays <= 0) failures.Add("Retention:MessageDays must be greater than 0.");
        if (o.BookingDays <= 0) failures.Add("Retention:BookingDays must be greater than 0.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
