using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Instansi;

/// <summary>Agencies and topics, kept by the mall's managers.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(SatuAtapDb db, CatalogEdits edits) : PageModel
{
    [BindProperty] public AgencyDocument? Agency { get; set; }
    [BindProperty] public TopicDocument? Topic { get; set; }

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public IReadOnlyList<Topic> Topics { get; private set; } = [];
    public string? Message { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct);
        Topics = await db.Topics.AsNoTracking().OrderBy(t => t.Order).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAgencyAsync(CancellationToken ct) =>
        await AfterAsync(await edits.SaveAgencyAsync(Agency?.Id, Posted(Agency ?? new(null, null, null, null, null, null, null, null)), HttpContext.Caller(), ct), ct);

    // The form always sends the contact fields; an emptied one arrives as null and must clear, not keep, the value.
    private static AgencyDocument Posted(AgencyDocument a) =>
        a with { Address = a.Address ?? "", OpeningHours = a.OpeningHours ?? "", OpeningHoursEn = a.OpeningHoursEn ?? "", Phone = a.Phone ?? "", Email = a.Email ?? "" };

    public async Task<IActionResult> OnPostTopicAsync(CancellationToken ct) =>
        await AfterAsync(await edits.SaveTopicAsync(Topic?.Id, Topic ?? new(null, null, null, null, null, null), HttpContext.Caller(), ct), ct);

    private async Task<IActionResult> AfterAsync(Outcome<Guid> outcome, CancellationToken ct)
    {
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
