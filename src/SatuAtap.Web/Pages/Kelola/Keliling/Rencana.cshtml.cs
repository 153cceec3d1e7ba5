using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Outreach;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Keliling;

/// <summary>
/// Plans visits of the mobile unit: one visit (<see cref="CreateVisit"/>) or a recurring rule, every N weeks or the nth
/// weekday of each month (<see cref="PlanCircuit"/>). The use cases' messages are shown in the form.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class RencanaModel(CreateVisit create, PlanCircuit plan, OutreachReads reads, OutreachEdits edits, CatalogCache catalog) : FormPageModel
{
    public const int ServiceRows = 4;

    public sealed class ServiceRow
    {
        public Guid? ServiceId { get; set; }
        public int? Quota { get; set; }
    }

    public sealed class PlanForm
    {
        /// <summary><c>sekali</c> (one visit), <c>mingguan</c> (every N weeks) or <c>bulanan</c> (nth weekday of the month).</summary>
        public string Kind { get; set; } = "sekali";
        public Guid? UnitId { get; set; }
        public Guid? StopId { get; set; }
        public string? Date { get; set; }
        public string? Until { get; set; }
        public string? Start { get; set; } = "08:00";
        public string? End { get; set; } = "14:00";
        public int? EveryWeeks { get; set; } = 2;
        public int? NthWeekday { get; set; } = 1;
        public string? Weekday { get; set; } = "tuesday";
        public bool ConfirmHoliday { get; set; }
        public List<ServiceRow> Services { get; set; } = [];
    }

    [BindProperty] public PlanForm Form { get; set; } = new();
    public IReadOnlyDictionary<string, string[]> ErrorList { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<VisitView> Planned { get; private set; } = [];
    public IReadOnlyList<DateOnly> Skipped { get; private set; } = [];
    public IReadOnlyList<UnitView> Units { get; private set; } = [];
    public IReadOnlyList<StopView> Stops { get; private set; } = [];
    public IReadOnlyList<ServiceView> ServiceChoices { get; private set; } = [];

    public async Task OnGetAsync(Guid? lokasi, CancellationToken ct)
    {
        Form.StopId = lokasi;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var services = (Form.Services ?? []).Where(s => s.ServiceId is not null).ToList();
        Form.Services = services;
        var chosen = services.Select(s => new VisitServiceRequest(s.ServiceId, s.Quota)).ToArray();
        var caller = HttpContext.Caller();
        IActionResult? answer;
        if (Form.Kind == "sekali")
        {
            var outcome = await create.HandleAsync(new CreateVisitRequest(Form.UnitId, Form.StopId, At(Form.Date, Form.Start), At(Form.Date, Form.End), chosen, Form.ConfirmHoliday), caller, ct);
            if (outcome.Succeeded) Planned = [outcome.Value!];
            answer = Settle(outcome, doneMessage: PlannedMessage(), notFoundShowsForm: true);
            ErrorList = outcome.Errors ?? ErrorList;
        }
        else
        {
            var monthly = Form.Kind == "bulanan";
            var outcome = await plan.HandleAsync(new PlanCircuitRequest(Form.UnitId, Form.StopId, Form.Date, monthly ? null : Form.EveryWeeks, Form.Until,
                Form.Start, Form.End, chosen, Form.ConfirmHoliday, monthly ? Form.NthWeekday : null, monthly ? Form.Weekday : null), caller, ct);
            if (outcome.Succeeded) (Planned, Skipped) = (outcome.Value!.Visits, outcome.Value.SkippedDaysOff);
            answer = Settle(outcome, doneMessage: PlannedMessage(), notFoundShowsForm: true);
            ErrorList = outcome.Errors ?? ErrorList;
        }
        if (answer is not null) return answer;
        if (Done) Form = new PlanForm { UnitId = Form.UnitId, StopId = Form.StopId };
        await LoadAsync(ct);
        return Page();
    }

    private string PlannedMessage() => Lang.T($"{Planned.Count} kunjungan direncanakan.", $"{Planned.Count} visit(s) planned.");

    /// <summary>A local date and time of the stop as the use case reads it (ISO 8601 without an offset); null when either is missing.</summary>
    internal static string? At(string? date, string? time) =>
        string.IsNullOrWhiteSpace(date) || string.IsNullOrWhiteSpace(time) ? null : $"{date.Trim()}T{time.Trim()}";

    private async Task LoadAsync(CancellationToken ct)
    {
        Units = await edits.UnitsAsync(ct);
        Stops = await reads.StopsAsync(ct);
        ServiceChoices = (await catalog.GetAsync(ct)).Services.OrderBy(s => s.Agency.Code).ThenBy(s => s.Code).ToList();
        while (Form.Services.Count < ServiceRows) Form.Services.Add(new ServiceRow());
    }
}
