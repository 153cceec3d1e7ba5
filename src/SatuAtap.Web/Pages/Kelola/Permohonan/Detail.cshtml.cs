using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Permohonan;

/// <summary>An application as an officer works it: the data, the documents, the actions allowed now, issuing with a signed PDF, revoking a result.</summary>
[RequestSizeLimit(SatuAtap.Web.Applications.ApplicationForm.FormLimitBytes)]
public sealed class DetailModel(GetApplication get, ActOnApplication act, RevealNik reveal, IOptions<ApplicationsOptions> options, MallTime time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public ApplicationDetail Detail { get; private set; } = null!;
    public string? Message { get; private set; }
    /// <summary>The clear NIKs after the officer chose to see them ("Tampilkan NIK"); null while they are masked.</summary>
    public RevealedNik? Revealed { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Errors of the revoke and upload forms, by field (<c>alasan</c>, <c>berkas</c>), shown beside the inputs.</summary>
    public FormErrors Errors => new(_errors);
    private readonly Dictionary<string, string[]> _errors = [];

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? aksi, string? catatan, bool diambil, CancellationToken ct)
    {
        var outcome = await act.HandleAsync(Id, new ActionRequest(aksi, catatan, diambil), HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded) Message = Done(outcome.Value!);
        else Error = outcome.Errors is { Count: > 0 } e ? string.Join(" ", e.Values.SelectMany(v => v)) : outcome.Message;
        return await ShowAsync(ct);
    }

    /// <summary>Shows the NIKs in clear on this answer only; the reveal is written to the access log.</summary>
    public async Task<IActionResult> OnPostNikAsync(CancellationToken ct)
    {
        var outcome = await reveal.HandleAsync(Id, HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded) Revealed = outcome.Value;
        else Error = outcome.Message;
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostCabutAsync(string? alasan, CancellationToken ct)
    {
        var outcome = await act.HandleAsync(Id, new ActionRequest("revoke", alasan), HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded) Message = Lang.T("Hasil telah dicabut.", "The result has been revoked.");
        else if (outcome.Errors?.GetValueOrDefault("note") is { } note) _errors["alasan"] = note;
        else Error = outcome.Message;
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostHasilAsync(IFormFile? berkas, string? catatan, CancellationToken ct)
    {
        var max = options.Value.MaxUploadBytes;
        if (berkas is not null && berkas.Length > max)
        {
            _errors["berkas"] = [Lang.T($"Berkas melebihi batas {max / 1024 / 1024.0:0.#} MB.", $"The file is over the {max / 1024 / 1024.0:0.#} MB limit.")];
            return await ShowAsync(ct);
        }
        await using var stream = berkas is { Length: > 0 } ? berkas.OpenReadStream() : null;
        var outcome = await act.IssueWithFileAsync(Id, stream, catatan, HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded) Message = Done(outcome.Value!);
        else if (outcome.Errors?.GetValueOrDefault("file") is { } file) _errors["berkas"] = file;
        else Error = outcome.Errors is { Count: > 0 } e ? string.Join(" ", e.Values.SelectMany(v => v)) : outcome.Message;
        return await ShowAsync(ct);
    }

    public DateTime Local(DateTime utc) => time.ToLocal(utc);

    private static string Done(ActionDone done) =>
        Lang.T("Tersimpan: ", "Done: ") + ApplicationCodes.StatusLabel(ApplicationCodes.ParseStatus(done.Status)!.Value);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var found = await get.HandleAsync(Id, HttpContext.Caller(), HttpContext.BaseUrl(), ct);
        if (!found.Succeeded) return NotFound();
        Detail = found.Value!;
        return Page();
    }
}
