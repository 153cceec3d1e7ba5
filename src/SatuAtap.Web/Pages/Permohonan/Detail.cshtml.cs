using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Permohonan;

/// <summary>An application as its applicant follows it: status, due date, timeline, downloads; the form while it is a draft or returned.</summary>
[Authorize]
[RequestSizeLimit(ApplicationForm.FormLimitBytes)]
public sealed class DetailModel(GetApplication get, CatalogCache cache, ApplicationForm form, SubmitApplication submit, Core.Feedback.SurveyLinks surveys) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public ApplicationDetail Detail { get; private set; } = null!;
    public ApplicationFormView Form { get; private set; } = null!;
    public string? Message { get; private set; }
    /// <summary>For the applicant of a completed application not yet rated: the once-only survey link (Feedback).</summary>
    public string? SurveyUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var errors = ApplicationForm.Deserialize(TempData["errors"] as string);
        if (TempData["message"] as string == "submitted") Message = Lang.T("Permohonan sudah diajukan. Unduh tanda terima Anda.", "The application is submitted. Download your receipt.");
        var shown = await ShowAsync(errors, ct);
        if (Detail?.Result is not null && !HttpContext.Caller().IsStaff) SurveyUrl = await surveys.ForApplicationAsync(Id, ct);
        return shown;
    }

    public async Task<IActionResult> OnPostAsync(string? aksi, CancellationToken ct)
    {
        var viewer = HttpContext.Caller();
        var found = await get.HandleAsync(Id, viewer, HttpContext.BaseUrl(), ct);
        if (!found.Succeeded) return NotFound();
        var service = (await cache.GetAsync(ct)).ServicesById[found.Value!.Service.Id];
        var errors = await form.SaveAsync(Request, Id, service, viewer, ct);
        if (aksi == "ajukan" && errors.Count == 0)
        {
            var submitted = await submit.HandleAsync(Id, viewer, ct);
            if (submitted.Succeeded)
            {
                TempData["message"] = "submitted";
                return Redirect($"/permohonan/{Id}");
            }
            ApplicationForm.Merge(errors, submitted.Errors, submitted.Message);
        }
        if (errors.Count == 0) Message = Lang.T("Draf tersimpan.", "Draft saved.");
        return await ShowAsync(errors, ct);
    }

    private async Task<IActionResult> ShowAsync(Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var found = await get.HandleAsync(Id, HttpContext.Caller(), HttpContext.BaseUrl(), ct);
        if (!found.Succeeded) return NotFound();
        Detail = found.Value!;
        var service = (await cache.GetAsync(ct)).ServicesById[Detail.Service.Id];
        var values = Detail.Fields.Where(f => f.Value is not null).ToDictionary(f => f.RequirementId, f => f.Value!);
        Form = new ApplicationFormView(service, values, Detail.Documents, errors, Detail.Id);
        return Page();
    }
}
