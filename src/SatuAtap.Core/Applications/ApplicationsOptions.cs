namespace SatuAtap.Core.Applications;

public sealed class ApplicationsOptions
{
    public const string Section = "Applications";
    /// <summary>Largest document an applicant may upload, in bytes (default 5 MB).</summary>
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;
    /// <summary>Address the public reaches the mall at (for links in messages and the QR of documents); empty: taken from the request.</summary>
    public string PublicBaseUrl { get; set; } = "";
    /// <summary>Minutes between runs of the overdue check (default 15); 0 switches it off in this process.</summary>
    public double OverdueCheckMinutes { get; set; } = 15;
}
