using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Permohonan;

/// <summary>A counter officer captures an application for someone without an account; the receipt tells them how to track it.</summary>
[RequestSizeLimit(ApplicationForm.FormLimitBytes)]
public sealed class BaruModel(CatalogCache cache, CreateApplication create, ApplicationForm form, SubmitApplication submit, FormTokens tokens, SatuAtapDb db) : PageModel
{
    /// <summary>The sites where the officer's agency has a counter: where the application is taken (optional).</summary>
    public IReadOnlyList<(Guid Id, string Name)> Sites { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "layanan")] public string? Layanan { get; set; }
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public ApplicationFormView? Form { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var catalog = await cache.GetAsync(ct);
        var agency = HttpContext.Caller().AgencyId;
        Services = catalog.Services.Where(s => s.Agency.Id == agency).ToList();
        if (!string.IsNullOrWhiteSpace(Layanan) && catalog.FindService(Layanan) is { } s && s.Agency.Id == agency)
            Form = new ApplicationFormView(s, new Dictionary<Guid, string>(), [], new Dictionary<string, string[]>(), null);
        await LoadSitesAsync(ct);
    }

    private async Task LoadSitesAsync(CancellationToken ct)
    {
        var agency = HttpContext.Caller().AgencyId;
        var sites = await (from sc in db.SiteCounters
                           join c in db.Counters on sc.CounterId equals c.Id
                           join site in db.QueueSites on sc.SiteId equals site.Id
                           where c.AgencyId == agency
                           select new { site.Id, site.Name, site.Kind }).Distinct().ToListAsync(ct);
        Sites = sites.OrderBy(x => x.Kind).ThenBy(x => x.Name, StringComparer.Ordinal).Select(x => (x.Id, x.Name)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(string? aksi, CancellationToken ct)
    {
        var service = (await cache.GetAsync(ct)).FindService(Layanan ?? "");
        if (service is null) return NotFound();
        // A second post of the same form (double click) goes to the application the first one made.
        var claim = await tokens.ClaimAsync(Request, "kelola.permohonan.baru", ct);
        if (claim.Repeat) return Redirect(claim.ResultUrl ?? "/kelola/permohonan");
        var viewer = HttpContext.Caller();
        var f = Request.Form;
        var applicant = new InPersonApplicant(f["p_name"], f["p_nik"], f["p_phone"], f["p_email"], f["p_language"]);
        var created = await create.HandleAsync(new CreateApplicationRequest(service.Id.ToString(), null, applicant, f["siteId"]), viewer, ct);
        if (!created.Succeeded)
        {
            await LoadSitesAsync(ct);
            await tokens.FailedAsync(claim, $"/kelola/permohonan/baru?layanan={Uri.EscapeDataString(service.Code)}");
            var failed = new Dictionary<string, string[]>();
            ApplicationForm.Merge(failed, created.Errors, created.Message);
            Form = new ApplicationFormView(service, new Dictionary<Guid, string>(), [], failed, null);
            return Page();
        }
        var id = created.Value!.Id;
        await tokens.CompleteAsync(claim, $"/permohonan/{id}");
        var errors = await form.SaveAsync(Request, id, service, viewer, ct);
        if (aksi == "ajukan" && errors.Count == 0)
        {
            var submitted = await submit.HandleAsync(id, viewer, ct);
            if (!submitted.Succeeded) ApplicationForm.Merge(errors, submitted.Errors, submitted.Message);
        }
        TempData["errors"] = ApplicationForm.Serialize(errors);
        return Redirect($"/permohonan/{id}");
    }
}
