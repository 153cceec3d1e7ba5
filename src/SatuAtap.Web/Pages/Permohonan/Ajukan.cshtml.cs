using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Permohonan;

/// <summary>The apply form of a service: creates the draft, saves fields and documents, and submits when asked.</summary>
[Authorize]
[RequestSizeLimit(ApplicationForm.FormLimitBytes)]
public sealed class AjukanModel(CatalogCache cache, CreateApplication create, ApplicationForm form, SubmitApplication submit, FormTokens tokens) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public ApplicationFormView Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var service = (await cache.GetAsync(ct)).FindService(Code);
        if (service is null || !service.Channels.HasFlag(ServiceChannels.Online)) return NotFound();
        Form = new ApplicationFormView(service, new Dictionary<Guid, string>(), [], new Dictionary<string, string[]>(), null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? aksi, CancellationToken ct)
    {
        var service = (await cache.GetAsync(ct)).FindService(Code);
        if (service is null) return NotFound();
        // A second post of the same form (double click) goes to the draft the first one made.
        var claim = await tokens.ClaimAsync(Request, "permohonan.ajukan", ct);
        if (claim.Repeat) return Redirect(claim.ResultUrl ?? "/permohonan");
        var viewer = HttpContext.Caller();
        var created = await create.HandleAsync(new CreateApplicationRequest(service.Id.ToString(), null), viewer, ct);
        if (!created.Succeeded)
        {
            await tokens.FailedAsync(claim, $"/permohonan/ajukan/{service.Code}");
            var failed = new Dictionary<string, string[]>();
            ApplicationForm.Merge(failed, null, created.Message);
            Form = new ApplicationFormView(service, new Dictionary<Guid, string>(), [], failed, null);
            return Page();
        }
        var id = created.Value!.Id;
        await tokens.CompleteAsync(claim, $"/permohonan/{id}");
        var errors = await form.SaveAsync(Request, id, service, viewer, ct);
        if (aksi == "ajukan" && errors.Count == 0)
        {
            var submitted = await submit.HandleAsync(id, viewer, ct);
            if (submitted.Succeeded) TempData["message"] = "submitted";
            else ApplicationForm.Merge(errors, submitted.Errors, submitted.Message);
        }
        TempData["errors"] = ApplicationForm.Serialize(errors);
        return Redirect($"/permohonan/{id}");
    }
}
