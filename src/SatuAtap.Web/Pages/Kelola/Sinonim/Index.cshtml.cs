using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Sinonim;

[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(SatuAtapDb db, CatalogEdits edits) : PageModel
{
    [BindProperty] public SynonymDocument Form { get; set; } = new(null, null, null, null);
    [BindProperty] public string? Alternatives { get; set; }

    public IReadOnlyList<Synonym> Synonyms { get; private set; } = [];
    public string? Message { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task OnGetAsync(CancellationToken ct) => Synonyms = await db.Synonyms.AsNoTracking().OrderBy(s => s.Term).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var alternatives = (Alternatives ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var outcome = await edits.SaveSynonymAsync(Form.Id, Form with { Alternatives = alternatives }, HttpContext.Caller(), ct);
        if (outcome.Succeeded) Message = Lang.T("Sinonim tersimpan.", "Synonym saved.");
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
