using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Permohonan;

/// <summary>Backlog and SLA compliance per agency and service, for agency heads (own agency), managers and executives.</summary>
public sealed class KinerjaModel(ApplicationStats stats, CatalogCache cache) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "instansi")] public string? Instansi { get; set; }
    [BindProperty(SupportsGet = true, Name = "dari")] public string? Dari { get; set; }
    [BindProperty(SupportsGet = true, Name = "sampai")] public string? Sampai { get; set; }
    public StatsReport? Report { get; private set; }
    public IReadOnlyList<AgencyView> Agencies { get; private set; } = [];
    public bool AllAgencies { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Caller();
        if (!ApplicationStats.MaySee(viewer)) return Forbid();
        AllAgencies = viewer.SeesWholeMall;
        Agencies = (await cache.GetAsync(ct)).Agencies;
        DateOnly? from = null, to = null;
        if (!string.IsNullOrWhiteSpace(Dari))
        {
            if (DateOnly.TryParseExact(Dari, "yyyy-MM-dd", out var d) && SupportedDates.Contains(d)) from = d;
            else Error = Lang.T("Tanggal awal harus berbentuk TTTT-BB-HH.", "The start date must be YYYY-MM-DD.");
        }
        if (!string.IsNullOrWhiteSpace(Sampai))
        {
            if (DateOnly.TryParseExact(Sampai, "yyyy-MM-dd", out var d) && SupportedDates.Contains(d)) to = d;
            else Error = Lang.T("Tanggal akhir harus berbentuk TTTT-BB-HH.", "The end date must be YYYY-MM-DD.");
        }
        if (Error is not null) return Page();
        var outcome = await stats.HandleAsync(new StatsQuery(AllAgencies ? Instansi : null, null, from, to), viewer, ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (outcome.Succeeded) Report = outcome.Value;
        else Error = outcome.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? outcome.Message;
        return Page();
    }

    public static string Percent(double? p) => p is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) + " %" : "–";
}
