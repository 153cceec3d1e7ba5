using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Survei;

/// <summary>
/// For an agency's staff and managers: the index of a service this year, the report downloads, and the questionnaire —
/// entered from paper, or in kiosk mode on a counter tablet (large targets; after each response the form is empty again).
/// Executives see every service's index and report, read-only (no questionnaire).
/// </summary>
public sealed class IndexModel(CatalogCache catalog, SubmitSurveyResponse submit, GetSurveyIndex index, GetSurveyTrend trend, MallTime time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "layanan")] public string? Layanan { get; set; }
    [BindProperty(SupportsGet = true, Name = "kiosk")] public string? KioskFlag { get; set; }
    public bool Kiosk => KioskFlag == "1" && !ReadOnly;
    /// <summary>An executive: sees every unit, enters nothing.</summary>
    public bool ReadOnly => HttpContext.Caller() is var c && !c.IsManager && !c.IsAgencyStaff;
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public SurveyIndex? Index { get; private set; }
    /// <summary>The unit's index per month over the last twelve months.</summary>
    public SurveyTrendView? Trend { get; private set; }
    public string? UnitName { get; private set; }
    public string Query => "serviceId=" + Uri.EscapeDataString(Layanan ?? "");
    public string? Message { get; private set; }
    public bool Done { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (scores, respondent, comment) = SurveyForm.Read(Request.Form);
        var outcome = await submit.HandleAsync(new SurveyInput(Layanan, null, null, scores, respondent, comment, Kiosk ? "kiosk" : "paper", Lang.Code),
            HttpContext.Caller(), ct);
        if (outcome.Succeeded)
        {
            Done = true;
            Message = Kiosk ? Lang.T("Terima kasih atas penilaian Anda!", "Thank you for your rating!") : Lang.T("Kuesioner tersimpan.", "The questionnaire is saved.");
        }
        else
        {
            Message = outcome.Message;
            Errors = new FormErrors(outcome.Errors);
            Response.StatusCode = Problems.StatusOf(outcome.Kind);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var caller = HttpContext.Caller();
        var snapshot = await catalog.GetAsync(ct);
        Services = snapshot.Services.Where(s => caller.SeesWholeMall || caller.AgencyId == s.Agency.Id).OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).ToList();
        var chosen = Services.FirstOrDefault(s => s.Code == Layanan) ?? (Services.Count > 0 ? Services[0] : null);
        Layanan = chosen?.Code;
        if (chosen is null || Kiosk) return;
        UnitName = chosen.DisplayName;
        var today = time.Today;
        var outcome = await index.HandleAsync(new IndexFilter(null, chosen.Id, null, new DateOnly(today.Year, 1, 1), today), caller, ct);
        Index = outcome.Value;
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        Trend = (await trend.HandleAsync(new IndexFilter(null, chosen.Id, null, firstMonth, today), caller, ct)).Value;
    }
}
