using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Pengaduan;

/// <summary>The public complaint form (text, a service, a place, a photo or PDF, a way to reach the reporter); answers with the number and check code.</summary>
[EnableRateLimiting(RateLimiting.PublicWrites)]
public sealed class IndexModel(FileComplaint file, CatalogCache catalog, IOptions<FeedbackOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "layanan")] public string? Layanan { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty(Name = "serviceId")] public string? ServiceId { get; set; }
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public ComplaintView? Filed { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task OnGetAsync(CancellationToken ct) => Services = await ServicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        NoReferrer.Apply(Response);
        Services = await ServicesAsync(ct);
        Layanan = ServiceId;
        ComplaintAttachment? attachment = null;
        var posted = Request.Form.Files.GetFile("file");
        if (posted is { Length: > 0 })
        {
            if (posted.Length > options.Value.MaxAttachmentBytes)
                return Refuse(400, "file", Lang.T("Berkas terlalu besar.", "The file is too large."));
            await using var stream = posted.OpenReadStream();
            var (buffer, type) = await FileSniffer.ReadAsync(stream, ct);
            if (type is null) return Refuse(400, "file", FileSniffer.NotAFile());
            attachment = new ComplaintAttachment(buffer.ToArray(), type);
        }
        var outcome = await file.HandleAsync(new ComplaintInput(Text, ServiceId, null, null, Name, Email, Phone, null, null, Address), attachment, HttpContext.Caller(), ct: ct);
        if (outcome.Succeeded)
        {
            Filed = outcome.Value;
            Text = Name = Email = Phone = Address = null;
            return Page();
        }
        Errors = new FormErrors(outcome.Errors);
        Response.StatusCode = Problems.StatusOf(outcome.Kind);
        return Page();
    }

    private PageResult Refuse(int status, string field, string message)
    {
        Errors = new FormErrors(new Dictionary<string, string[]> { [field] = [message] });
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IReadOnlyList<ServiceView>> ServicesAsync(CancellationToken ct) =>
        (await catalog.GetAsync(ct)).Services.OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).ToList();
}
