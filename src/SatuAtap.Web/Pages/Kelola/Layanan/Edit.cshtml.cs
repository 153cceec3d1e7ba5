using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Layanan;

/// <summary>Creates or edits a service with all fourteen components of its standard; errors are shown beside each field.</summary>
[Authorize(Policy = Policies.CatalogEditor)]
public sealed class EditModel(CatalogCache cache, SaveService save, SatuAtapDb db) : FormPageModel
{
    private const int EmptyRows = 3;

    [BindProperty] public ServiceDocument Form { get; set; } = null!;

    public bool IsNew { get; private set; }
    public IReadOnlyList<AgencyView> Agencies { get; private set; } = [];
    public IReadOnlyList<TopicView> Topics { get; private set; } = [];
    public IReadOnlyList<Counter> Counters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, bool disimpan, CancellationToken ct)
    {
        var editor = HttpContext.Caller();
        if (id == "baru")
        {
            IsNew = true;
            Form = new ServiceDocument(null, "", "", null, "", null, editor.AgencyId, [], ["building"], [],
                new StandardDocument([], "", null, 1, 0, "", null, "", null, "", new InternalStandardDocument("", "", "", "", "", "", "")), null);
        }
        else
        {
            var service = (await cache.GetAsync(ct)).FindService(id);
            if (service is null) return NotFound();
            if (!editor.MayEditAgencyContent(service.Agency.Id)) return Forbid();
            Form = ServiceDocument.From(service, withInternal: true);
        }
        ShowSaved(disimpan);
        await LoadChoicesAsync(editor, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        var editor = HttpContext.Caller();
        IsNew = id == "baru";
        var standard = Form.Standard ?? new StandardDocument(null, null, null, null, null, null, null, null, null, null, null);
        // Rows without a name are blank rows or removed requirements.
        var requirements = (standard.Requirements ?? []).Where(r => !string.IsNullOrWhiteSpace(r.Name)).ToList();
        var document = Form with { Standard = standard with { Requirements = requirements }, Topics = Form.Topics ?? [], Channels = Form.Channels ?? [], CounterIds = Form.CounterIds ?? [] };
        Outcome<Guid> outcome;
        if (IsNew) outcome = await save.HandleAsync(null, document, editor, ct);
        else if (Guid.TryParse(id, out var guid)) outcome = await save.HandleAsync(guid, document, editor, ct);
        else return NotFound();
        if (Settle(outcome, saved => $"/kelola/layanan/{saved}?disimpan=true") is { } answer) return answer;
        Form = document with { Standard = document.Standard! with { Requirements = requirements, Internal = document.Standard.Internal ?? new InternalStandardDocument("", "", "", "", "", "", "") } };
        await LoadChoicesAsync(editor, ct);
        return Page();
    }

    private async Task LoadChoicesAsync(Caller editor, CancellationToken ct)
    {
        var catalog = await cache.GetAsync(ct);
        Agencies = catalog.Agencies.Where(a => editor.MayEditAgencyContent(a.Id)).ToList();
        Topics = catalog.Topics;
        Counters = await db.Counters.AsNoTracking().Include(c => c.Agency)
            .Where(c => editor.IsManager || c.AgencyId == editor.AgencyId).OrderBy(c => c.Code).ToListAsync(ct);
        var rows = (Form.Standard!.Requirements ?? []).ToList();
        for (var i = 0; i < EmptyRows; i++) rows.Add(new RequirementDocument(null, "", null, "document", true));
        Form = Form with { Standard = Form.Standard with { Requirements = rows } };
    }
}
