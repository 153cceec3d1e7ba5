using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Layanan;

/// <summary>
/// A service's workflow as a form: the steps (name, agency, role, allowed actions, SLA, overdue handling), add and
/// remove a step (buttons that re-show the form, no script), and save through <see cref="SaveWorkflow"/>.
/// </summary>
[Authorize(Policy = Policies.CatalogEditor)]
public sealed class AlurModel(CatalogCache cache, SaveWorkflow workflows) : PageModel
{
    public sealed class StepForm
    {
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public string? AgencyId { get; set; }
        public string? Role { get; set; }
        public List<string> AllowedActions { get; set; } = [];
        public string? SlaWorkingDays { get; set; }
        public string? Overdue { get; set; }
    }

    [BindProperty] public List<StepForm> Steps { get; set; } = [];
    [BindProperty] public string? Version { get; set; }

    public ServiceView Service { get; private set; } = null!;
    public IReadOnlyList<AgencyView> Agencies { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Saved { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task<IActionResult> OnGetAsync(string code, bool disimpan, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        var current = await workflows.GetAsync(Service.Id.ToString(), ct);
        if (!current.Succeeded) return NotFound();
        Fill(current.Value!);
        if (disimpan) { Saved = true; Message = Lang.T("Alur tersimpan.", "Workflow saved."); }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string? perintah, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        if (perintah == "tambah")
        {
            Steps.Add(new StepForm { AgencyId = Service.Agency.Id.ToString(), Role = Core.Identity.Roles.Officer,
                AllowedActions = ApplicationCodes.OfficerActions.Select(ApplicationCodes.Action).ToList(), SlaWorkingDays = "0", Overdue = "notify" });
            return Page();
        }
        if (perintah is { } p && p.StartsWith("hapus:", StringComparison.Ordinal)
            && int.TryParse(p["hapus:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var remove) && remove >= 0 && remove < Steps.Count)
        {
            Steps.RemoveAt(remove);
            return Page();
        }

        var parseErrors = new Dictionary<string, string[]>();
        var documents = Steps.Select((s, i) =>
        {
            var sla = 0;
            if (!int.TryParse(s.SlaWorkingDays, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out sla))
                parseErrors[$"steps[{i}].slaWorkingDays"] = [Lang.T("Isi jumlah hari kerja (bilangan bulat).", "Enter a number of working days (a whole number).")];
            return new WorkflowStepDocument(s.Name, s.NameEn, s.AgencyId, s.Role, s.AllowedActions.ToArray(), sla, s.Overdue);
        }).ToList();
        if (parseErrors.Count > 0) return Refused(OutcomeKind.Invalid, Lang.T("Isian tidak valid.", "The input is not valid."), parseErrors);

        var outcome = await workflows.HandleAsync(Service.Id.ToString(), new WorkflowDocument(documents, Version), HttpContext.Caller(), ct);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => Redirect($"/kelola/layanan/{Uri.EscapeDataString(Service.Code)}/alur?disimpan=true"),
            OutcomeKind.NotFound => NotFound(),
            OutcomeKind.Forbidden => Forbid(),
            _ => Refused(outcome.Kind, outcome.Message, outcome.Errors),
        };
    }

    private PageResult Refused(OutcomeKind kind, string? message, IReadOnlyDictionary<string, string[]>? errors)
    {
        Message = message;
        Errors = new FormErrors(errors);
        Response.StatusCode = Problems.StatusOf(kind);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        var catalog = await cache.GetAsync(ct);
        var service = catalog.FindService(code);
        if (service is null) return NotFound();
        if (!SaveWorkflow.CanEdit(service, HttpContext.Caller())) return Forbid();
        Service = service;
        Agencies = catalog.Agencies;
        return null;
    }

    private void Fill(WorkflowView view)
    {
        Version = view.Version;
        Steps = view.Steps.Select(s => new StepForm
        {
            Name = s.Name, NameEn = s.NameEn, AgencyId = s.AgencyId.ToString(), Role = s.Role, AllowedActions = [.. s.AllowedActions],
            SlaWorkingDays = s.SlaWorkingDays.ToString(CultureInfo.InvariantCulture), Overdue = s.Overdue,
        }).ToList();
    }

    public static string ActionLabel(string action) => action switch
    {
        "claim" => Lang.T("Ambil (klaim)", "Claim"),
        "approve" => Lang.T("Setujui", "Approve"),
        "return" => Lang.T("Kembalikan untuk perbaikan", "Return for correction"),
        "reject" => Lang.T("Tolak", "Reject"),
        "forward" => Lang.T("Teruskan", "Forward"),
        "issue" => Lang.T("Terbitkan hasil", "Issue the result"),
        _ => action,
    };

    public static string OverdueLabel(string code) => code switch
    {
        "escalate" => Lang.T("Eskalasi ke kepala instansi", "Escalate to the agency head"),
        "deemedApproval" => Lang.T("Dianggap disetujui (fiktif positif)", "Deemed approval"),
        _ => Lang.T("Beri tahu petugas", "Notify the staff"),
    };
}
