using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Licensing;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.IzinUsaha;

/// <summary>A bundle as its applicant follows it: its number and check code, each permit's application, the documents (each uploaded once), submit.</summary>
[Authorize]
[RequestSizeLimit(ApplicationForm.FormLimitBytes)]
public sealed class BundelModel(GetBundle get, UploadBundleDocument upload, SubmitBundle submit) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public BundleView Bundle { get; private set; } = null!;
    public string? Message { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostUploadAsync(string? name, IFormFile? file, CancellationToken ct)
    {
        await using var stream = file?.OpenReadStream();
        var outcome = await upload.HandleAsync(Id, name, stream, file?.FileName, file?.Length ?? 0, HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded) Message = Lang.T($"Dokumen diterima untuk {outcome.Value!.Applications.Count} permohonan.", $"Document received for {outcome.Value!.Applications.Count} applications.");
        else Fail(outcome.Kind, outcome.Message, outcome.Errors);
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        var outcome = await submit.HandleAsync(Id, HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded) Message = Lang.T("Bundel sudah diajukan. Setiap izin diproses oleh instansinya.", "The bundle is submitted. Each permit is processed by its agency.");
        else Fail(outcome.Kind, outcome.Message, outcome.Errors);
        return await ShowAsync(ct);
    }

    private void Fail(OutcomeKind kind, string? message, IReadOnlyDictionary<string, string[]>? errors)
    {
        Message = message;
        Errors = errors ?? new Dictionary<string, string[]>();
        Response.StatusCode = Problems.StatusOf(kind);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var found = await get.HandleAsync(Id, HttpContext.Caller(), ct);
        if (!found.Succeeded) return NotFound();
        Bundle = found.Value!;
        return Page();
    }
}
