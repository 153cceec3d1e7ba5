using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Loket;

/// <summary>Counters and the services each serves: all for a manager, their agency's for an agency head.</summary>
[Authorize(Policy = Policies.CatalogEditor)]
public sealed class IndexModel(SatuAtapDb db, CatalogEdits edits) : PageModel
{
    [BindProperty] public CounterDocument Counter { get; set; } = new(null, null, null, null, null, null);

    public IReadOnlyList<Counter> Counters { get; private set; } = [];
    public IReadOnlyList<Service> Services { get; private set; } = [];
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public string? Message { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var editor = HttpContext.Caller();
        Counters = await db.Counters.AsNoTracking().Include(c => c.Agency).Include(c => c.Services)
            .Where(c => editor.IsManager || c.AgencyId == editor.AgencyId).OrderBy(c => c.Code).ToListAsync(ct);
        Services = await db.Services.AsNoTracking().Where(s => editor.IsManager || s.AgencyId == editor.AgencyId).OrderBy(s => s.Code).ToListAsync(ct);
        Agencies = await db.Agencies.AsNoTracking().Where(a => editor.IsManager || a.Id == editor.AgencyId).OrderBy(a => a.Name).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await edits.SaveCounterAsync(Counter.Id, Counter with { ServiceIds = Counter.ServiceIds ?? [] }, HttpContext.Caller(), ct);
        if (outcome.Succeeded) Message = Lang.T("Tersimpan.", "Saved.");
        else
        {
            Message = outcome.Message;
            Errors = new FormErrors(outcome.Errors);
            Response.StatusCode = Problems.StatusOf(outcome.Kind);
        }
        await OnGetAsync(ct);
        return Page();
    }
}
