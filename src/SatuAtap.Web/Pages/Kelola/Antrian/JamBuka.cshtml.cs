using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Antrian;

/// <summary>
/// Managers: a building's opening hours per weekday (a day not ticked is closed), as the kiosk and the booking check-in
/// hold to them. Saved through <see cref="SetSiteHours"/>, like <c>PUT /api/v1/sites/{siteId}/hours</c>.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class JamBukaModel(SatuAtapDb db, SetSiteHours set) : PageModel
{
    public sealed record Day(int Weekday, string Name, bool Open, string Opens, string Closes, string? OpensError, string? ClosesError);

    [BindProperty(SupportsGet = true, Name = "lokasi")] public Guid? SiteId { get; set; }
    public IReadOnlyList<Site> Sites { get; private set; } = [];
    public Site? Site { get; private set; }
    public IReadOnlyList<Day> Days { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Message { get; set; }

    public static string DayName(int iso) => CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName((DayOfWeek)(iso % 7));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var byDay = Site!.Hours.ToDictionary(h => h.Weekday);
        Days = Enumerable.Range(1, 7).Select(d => byDay.TryGetValue(d, out var h)
            ? new Day(d, DayName(d), true, OpeningHours.Format(h.Opens), OpeningHours.Format(h.Closes), null, null)
            : new Day(d, DayName(d), false, "", "", null, null)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var open = Request.Form["buka"].Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0).ToHashSet();
        string Value(string name, int day) => Request.Form[$"{name}-{day}"].ToString();
        // The API's rows: the ticked days in weekday order; an error of row i belongs to the i-th ticked day.
        var ticked = Enumerable.Range(1, 7).Where(open.Contains).ToList();
        var items = ticked.Select(d => (SiteHoursItem?)new SiteHoursItem(d, Value("buka", d), Value("tutup", d))).ToList();
        var outcome = await set.HandleAsync(Site!.Id, items, HttpContext.Caller(), ct);
        if (outcome.Succeeded)
        {
            Message = Lang.T("Jam buka disimpan. Kios dan check-in mengikutinya sekarang.", "Opening hours saved. The kiosk and check-in follow them now.");
            return RedirectToPage(new { lokasi = Site.Id });
        }
        var errors = outcome.Errors ?? new Dictionary<string, string[]>();
        string? ErrorOf(int day, string field) =>
            ticked.IndexOf(day) is var i and >= 0 && errors.TryGetValue($"[{i}].{field}", out var e) ? string.Join(" ", e) : null;
        Days = Enumerable.Range(1, 7).Select(d => new Day(d, DayName(d), open.Contains(d), Value("buka", d), Value("tutup", d),
            ErrorOf(d, "opens"), ErrorOf(d, "closes"))).ToList();
        Error = errors.TryGetValue("hours", out var whole) ? string.Join(" ", whole) : outcome.Message;
        Response.StatusCode = Problems.StatusOf(outcome.Kind);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Sites = (await db.QueueSites.AsNoTracking().Where(s => s.Active && s.Kind == SiteKind.Building).ToListAsync(ct))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Site = SiteId is { } id ? Sites.FirstOrDefault(s => s.Id == id) : Sites.Count > 0 ? Sites[0] : null;
        return Site is not null;
    }
}
