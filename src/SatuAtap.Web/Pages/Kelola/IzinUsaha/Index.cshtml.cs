using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Licensing;
using SatuAtap.Web.Infrastructure;
using SatuAtap.Web.Licensing;

namespace SatuAtap.Web.Pages.Kelola.IzinUsaha;

/// <summary>
/// Link-Satu for staff: bundles per district and period with their progress per agency and the investment and jobs
/// they represent; for managers, the activity table in force and its import from CSV.
/// </summary>
[RequestSizeLimit(LicensingEndpoints.MaxTableBytes + 64 * 1024)]
public sealed class IndexModel(ListBundles list, ActivityTableCache tables, ImportActivityTable import) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kecamatan")] public string? District { get; set; }
    [BindProperty(SupportsGet = true, Name = "dari")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "sampai")] public string? To { get; set; }

    public BundleList? Bundles { get; private set; }
    public ActivityTableView Table { get; private set; } = null!;
    public string? Message { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Message = Lang.T("Pilih berkas CSV.", "Choose a CSV file.");
            Response.StatusCode = 400;
            return await ShowAsync(ct);
        }
        using var reader = new StreamReader(file.OpenReadStream());
        var outcome = await import.HandleAsync(new StringReader(await reader.ReadToEndAsync(ct)), HttpContext.Caller(), ct);
        if (outcome.Succeeded) Message = Lang.T($"Tabel diimpor: {outcome.Value!.Activities} kegiatan.", $"Table imported: {outcome.Value!.Activities} activities.");
        else
        {
            Message = outcome.Message;
            Errors = outcome.Errors ?? new Dictionary<string, string[]>();
            Response.StatusCode = Problems.StatusOf(outcome.Kind);
        }
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Table = await tables.GetAsync(ct);
        var from = Date(From);
        var to = Date(To);
        var outcome = await list.HandleAsync(new BundleQuery(string.IsNullOrWhiteSpace(District) ? null : District, from, to, 1, 100), HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        Bundles = outcome.Value;
        return Page();
    }

    private static DateOnly? Date(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && SupportedDates.Contains(d) ? d : null;
}
