using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Antrian;

/// <summary>Managers: create booking slots from a plan (weekdays × windows × capacity, skipping holidays) and place counters at sites.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class JadwalModel(SatuAtapDb db, QueueReads reads, CatalogCache catalog, PlanSlots plans, MallTime time) : PageModel
{
    public IReadOnlyList<SiteView> Sites { get; private set; } = [];
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public IReadOnlyList<Counter> Counters { get; private set; } = [];
    public Dictionary<Guid, Guid> Placement { get; private set; } = [];
    public DateOnly Today => time.Today;
    [TempData] public string? Message { get; set; }

    public string DayName(int iso) => CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName((DayOfWeek)(iso % 7));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sites = await reads.SitesAsync(ct);
        Services = (await catalog.GetAsync(ct)).Services;
        Counters = await db.Counters.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        Placement = await db.SiteCounters.AsNoTracking().ToDictionaryAsync(c => c.CounterId, c => c.SiteId, ct);
    }

    public async Task<IActionResult> OnPostPlanAsync(Guid siteId, Guid serviceId, DateOnly from, DateOnly to, int[] weekdays, string? windows, int capacity, CancellationToken ct)
    {
        var parsed = new List<(TimeOnly, TimeOnly)>();
        foreach (var part in (windows ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length == 2 && TimeOnly.TryParse(ends[0], CultureInfo.InvariantCulture, out var s) && TimeOnly.TryParse(ends[1], CultureInfo.InvariantCulture, out var e))
                parsed.Add((s, e));
            else
            {
                Message = Lang.T($"Jendela waktu '{part}' tidak dapat dibaca (contoh 08:00-09:00).", $"The window '{part}' cannot be read (e.g. 08:00-09:00).");
                return RedirectToPage();
            }
        }
        var outcome = await plans.ApplyAsync(siteId, new SlotPlan(serviceId, from, to, weekdays, [.. parsed], capacity), ct);
        Message = outcome.Succeeded ? Lang.T($"{outcome.Value} slot dibuat.", $"{outcome.Value} slots created.")
            : outcome.Message + (outcome.Errors is { } errs ? " " + string.Join(" ", errs.Values.SelectMany(v => v)) : "");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPlaceAsync(Guid counterId, Guid? siteId, CancellationToken ct)
    {
        var outcome = await plans.PlaceCounterAsync(counterId, siteId, ct);
        Message = outcome.Succeeded ? Lang.T("Penempatan loket disimpan.", "Counter placement saved.") : outcome.Message;
        return RedirectToPage();
    }
}
