using Microsoft.Extensions.Options;

namespace SatuAtap.Core.Insights;

/// <summary>The Insights module's settings (<c>Insights:*</c>).</summary>
public sealed class InsightsOptions
{
    public const string Section = "Insights";
    /// <summary>Minutes between runs of the job that keeps the closed days' figures (default 60); 0 switches it off in this process.</summary>
    public int RefreshMinutes { get; set; } = 60;
    /// <summary>Closed days the job builds again on every run (default 7), so that late changes to recent records show.</summary>
    public int RefreshDays { get; set; } = 7;
    /// <summary>The median wait the staffing advice aims at, in minutes (default 15).</summary>
    public int TargetWaitMinutes { get; set; } = 15;
    /// <summary>The longest period one question may cover, in days (default 1100, three years).</summary>
    public int MaxRangeDays { get; set; } = 1100;
    /// <summary>Requests to the public open data per client address per minute (default 60).</summary>
    public int OpenDataPerMinute { get; set; } = 60;
    /// <summary>Seconds a computed answer (summary, series, the public page) is remembered in this process (default 60);
    /// 0 switches the memory off. See <see cref="InsightsCache"/>.</summary>
    public int CacheSeconds { get; set; } = 60;
}

/// <summary>Checks the <c>Insights</c> settings at start; each message names its key.</summary>
public sealed class InsightsOptionsValidator : IValidateOptions<InsightsOptions>
{
    public ValidateOptionsResult Validate(string? name, InsightsOptions o)
    {
        var failures = new List<string>();
        if (o.RefreshMinutes is < 0 or > 1440) failures.Add("Insights:RefreshMinutes must be between 0 and 1440.");
        if (o.RefreshDays is < 1 or > 366) failures.Add("Insights:RefreshDays must be between 1 and 366.");
        if (o.TargetWaitMinutes is < 1 or > 240) failures.Add("Insights:TargetWaitMinutes must be between 1 and 240.");
        if (o.MaxRangeDays is < 31 or > 3660) failures.Add("Insights:MaxRangeDays must be between 31 and 3660.");
        if (o.OpenDataPerMinute is < 1 or > 100_000) failures.Add("Insights:OpenDataPerMinute must be between 1 and 100000.");
        if (o.CacheSeconds is < 0 or > 3600) failures.Add("Insights:CacheSeconds must be between 0 and 3600.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
