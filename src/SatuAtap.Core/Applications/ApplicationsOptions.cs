using Microsoft.Extensions.Options;

namespace SatuAtap.Core.Applications;

public sealed class ApplicationsOptions
{
    public const string Section = "Applications";
    /// <summary>Largest document an applicant may upload, in bytes (default 5 MB).</summary>
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;
    /// <summary>Superseded by <c>Mall:PublicBaseUrl</c>; still read when that is not set.</summary>
    public string PublicBaseUrl { get; set; } = "";
    /// <summary>Minutes between runs of the overdue check (default 15); 0 switches it off in this process.</summary>
    public double OverdueCheckMinutes { get; set; } = 15;
}

/// <summary>Checks the <c>Applications</c> settings at start; each message names its key.</summary>
public sealed class ApplicationsOptionsValidator : IValidateOptions<ApplicationsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApplicationsOptions o)
    {
        var failures = new List<string>();
        if (o.MaxUploadBytes is < 1024 or > 100 * 1024 * 1024) failures.Add("Applications:MaxUploadBytes must be between 1024 and 104857600.");
        if (!(o.OverdueCheckMinutes is >= 0 and <= 1440)) failures.Add("Applications:OverdueCheckMinutes must be between 0 (off in this process) and 1440.");
        if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl) && !Common.PublicLinks.IsBaseUrl(o.PublicBaseUrl))
            failures.Add($"Applications:PublicBaseUrl '{o.PublicBaseUrl}' must be an absolute http or https URL without query or fragment.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
