using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Kalender;

/// <summary>The managers keep the holiday calendar: by year, add or correct a day, remove one, import a decree's CSV.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(SatuAtapDb db, SaveHoliday save, CatalogCache cache, MallTime time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tahun")] public int Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "mulai")] public DateOnly? Start { get; set; }
    [BindProperty(SupportsGet = true, Name = "hari")] public int? WorkingDays { get; set; }
    [BindProperty] public HolidayDocument Form { get; set; } = new(null, "national", "", null, null);

    public DateOnly? DueDate { get; private set; }
    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];
    public IReadOnlyList<int> MissingYears { get; private set; } = [];
    public string? Message { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Start is { } outside && !SupportedDates.Contains(outside))
        {
            Message = SupportedDates.Message;
            Errors = new FormErrors(new Dictionary<string, string[]> { ["mulai"] = [Message] });
        }
        else if (Start is { } start && WorkingDays is >= 0 and <= WorkingDayCalendar.MaxWorkingDays)
            DueDate = (await cache.GetAsync(ct)).Calendar.AddWorkingDays(start, WorkingDays.Value);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var editor = HttpContext.Caller();
        var existing = Form.Date is { } d ? await db.Holidays.AsNoTracking().FirstOrDefaultAsync(h => h.Date == d, ct) : null;
        var outcome = await save.HandleAsync(existing?.Date, Form with { Version = existing?.Version }, editor, ct);
        return await AfterAsync(outcome.Succeeded, outcome.Message, outcome.Errors,
            Lang.T("Hari libur tersimpan.", "Holiday saved."), ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(DateOnly date, CancellationToken ct)
    {
        var outcome = await save.DeleteAsync(date, HttpContext.Caller(), ct);
        return await AfterAsync(outcome.Succeeded, outcome.Message, outcome.Errors, Lang.T("Hari libur dihapus.", "Holiday removed."), ct);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? csv, CancellationToken ct)
    {
        if (csv is null || csv.Length == 0)
            return await AfterAsync(false, null, new Dictionary<string, string[]> { ["csv"] = [Lang.T("Pilih berkas CSV.", "Choose a CSV file.")] }, "", ct);
        using var reader = new StreamReader(csv.OpenReadStream());
        var outcome = await save.ImportAsync(reader, HttpContext.Caller(), ct);
        var errors = outcome.Errors?.ToDictionary(e => "csv", e => e.Value);
        return await AfterAsync(outcome.Succeeded, outcome.Message, errors,
            outcome.Value is { } r ? Lang.T($"Impor selesai: {r.Added} ditambahkan, {r.Updated} dikoreksi.", $"Imported: {r.Added} added, {r.Updated} corrected.") : "", ct);
    }

    private async Task<IActionResult> AfterAsync(bool ok, string? failure, IReadOnlyDictionary<string, string[]>? errors, string success, CancellationToken ct)
    {
        if (!ok)
        {
            Errors = new FormErrors(errors);
            Message = failure ?? Lang.T("Isian tidak valid.", "The input is not valid.");
            Response.StatusCode = 400;
        }
        else
        {
            Message = success;
            Form = new HolidayDocument(null, "national", "", null, null);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Year is < 1900 or > 2200) Year = time.Today.Year;
        var from = new DateOnly(Year, 1, 1);
        var to = new DateOnly(Year, 12, 31);
        Holidays = await db.Holidays.AsNoTracking().Where(h => h.Date >= from && h.Date <= to).OrderBy(h => h.Date).ToListAsync(ct);
        var today = time.Today;
        var soonest = new DateOnly(today.Year, 1, 1);
        var years = await db.Holidays.AsNoTracking().Where(h => h.Date >= soonest).Select(h => h.Date).ToListAsync(ct);
        MissingYears = CalendarCoverage.MissingYears(today, years.Select(d => d.Year).Distinct());
    }
}
