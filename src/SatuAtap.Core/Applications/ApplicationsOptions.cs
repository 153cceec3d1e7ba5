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
