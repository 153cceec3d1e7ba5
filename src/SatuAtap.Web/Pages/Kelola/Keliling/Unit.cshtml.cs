using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Outreach;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Keliling;

/// <summary>Creates or edits a unit (vehicle and crew) of the mobile mall through <see cref="OutreachEdits"/>.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class UnitModel(OutreachEdits edits) : FormPageModel
{
    public sealed class UnitForm
    {
        public string? Name { get; set; }
        public string? Vehicle { get; set; }
        public string? Crew { get; set; }
    }

    [BindProperty] public UnitForm Form { get; set; } = new();
    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, bool disimpan, CancellationToken ct)
    {
        IsNew = id == "baru";
        if (!IsNew)
        {
            if (!Guid.TryParse(id, out var guid)) return NotFound();
            var unit = (await edits.UnitsAsync(ct)).FirstOrDefault(u => u.Id == guid);
            if (unit is null) return NotFound();
            Form = new UnitForm { Name = unit.Name, Vehicle = unit.Vehicle, Crew = unit.Crew };
        }
        ShowSaved(disimpan);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        IsNew = id == "baru";
        Guid? existing = null;
        if (!IsNew)
        {
            if (!Guid.TryParse(id, out var guid)) return NotFound();
            existing = guid;
        }
        var outcome = await edits.SaveUnitAsync(existing, new UnitRequest(Form.Name, Form.Vehicle, Form.Crew), HttpContext.Caller(), ct);
        return Settle(outcome, unit => $"/kelola/keliling/unit/{unit.Id}?disimpan=true") ?? Page();
    }
}
