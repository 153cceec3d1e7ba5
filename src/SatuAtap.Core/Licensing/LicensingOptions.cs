using System.Globalization;
using Microsoft.Extensions.Options;

namespace SatuAtap.Core.Licensing;

public sealed class LicensingOptions
{
    public const string Section = "Licensing";
    /// <summary>The national OSS system, linked from every item done there.</summary>
    public string OssUrl { get; set; } = "https://oss.go.id";
    /// <summary>Days before a permit's expiry on which its holder is reminded, comma-separated.</summary>
    public string ReminderDays { get; set; } = "60,30,7";
    /// <summary>Minutes between runs of the expiry reminders (0: off in this process).</summary>
    public double ReminderCheckMinutes { get; set; } = 60;
    /// <summary>Minutes a confirmation code sent to a business owner stays valid (a bundle an officer made on their behalf).</summary>
    public int ConfirmationCodeMinutes { get; set; } = 30;
    /// <summary>Hours after the confirmation code's window ends that a bundle made on an owner's behalf and never confirmed is removed.</summary>
    public int UnconfirmedBundleHours { get; set; } = 24;
    /// <summary>Years a permit holds from its issue, by permit code; a permit not listed does not expire.</summary>
    public Dictionary<string, int> ValidityYears { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SPP-IRT"] = 5,
        ["SLHS"] = 3,
        ["SLF"] = 5,
    };

    /// <summary>The reminder days, largest first (checked valid at start).</summary>
    public IReadOnlyList<int> ReminderDayList() =>
        ReminderDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, CultureInfo.InvariantCulture)).Distinct().OrderDescending().ToList();
}

/// <summary>Checks the <c>Licensing</c> settings at start; each message names its key.</summary>
public sealed class LicensingOptionsValidator : IValidateOptions<LicensingOptions>
{
    public ValidateOptionsResult Validate(string? name, LicensingOptions o)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(o.OssUrl, UriKind.Absolute, out var oss) || oss.Scheme is not ("http" or "https"))
            failures.Add($"Licensing:OssUrl '{o.OssUrl}' must be an absolute http or https URL.");
        var days = (o.ReminderDays ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (days.Length == 0 || days.Any(d => !int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 365))
            failures.Add("Licensing:ReminderDays must be whole numbers of days from 1 to 365, comma-separated (for example 60,30,7).");
        if (!(o.ReminderCheckMinutes is >= 0 and <= 1440))
            failures.Add("Licensing:ReminderCheckMinutes must be between 0 (off in this process) and 1440.");
        if (o.ConfirmationCodeMinutes is < 1 or > 1440)
            failures.Add("Licensing:ConfirmationCodeMinutes must be between 1 and 1440.");
        if (o.UnconfirmedBundleHours is < 1 or > 8760)
            failures.Add("Licensing:UnconfirmedBundleHours must be between 1 and 8760 (a year).");
        foreach (var (code, years) in o.ValidityYears)
        {
            if (PermitKinds.Find(code) is null) failures.Add($"Licensing:ValidityYears:{code} is not a known permit code ({string.Join(", ", PermitKinds.All.Select(k => k.Code))}).");
            else if (years is < 1 or > 100) failures.Add($"Licensing:ValidityYears:{code} must be between 1 and 100 years.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
