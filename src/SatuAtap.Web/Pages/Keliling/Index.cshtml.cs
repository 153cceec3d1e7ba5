using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Outreach;

namespace SatuAtap.Web.Pages.Keliling;

/// <summary>The mobile unit's schedule: the coming visits as a list and a month calendar, filtered by service and stop.</summary>
public sealed class IndexModel(OutreachReads reads, CatalogCache catalog, MallTime time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "layanan")] public string? ServiceCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "lokasi")] public string? StopCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "bulan")] public string? MonthText { get; set; }

    public IReadOnlyList<StopView> Stops { get; private set; } = [];
    /// <summary>The services the coming visits bring, for the filter.</summary>
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public ServiceView? Service { get; private set; }
    public StopView? Stop { get; private set; }
    public IReadOnlyList<VisitView> Visits { get; private set; } = [];
    public DateOnly Month { get; private set; }
    public IReadOnlyList<VisitView> MonthVisits { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = time.Today;
        Stops = await reads.StopsAsync(ct);
        var snapshot = await catalog.GetAsync(ct);
        var coming = await reads.ComingAsync(null, null, ct);
        var offered = coming.SelectMany(v => v.Services.Select(s => s.ServiceId)).ToHashSet();
        Services = snapshot.Services.Where(s => offered.Contains(s.Id)).OrderBy(s => s.DisplayName, StringComparer.Ordinal).ToList();
        Service = string.IsNullOrWhiteSpace(ServiceCode) ? null : snapshot.FindService(ServiceCode);
        Stop = string.IsNullOrWhiteSpace(StopCode) ? null : Stops.FirstOrDefault(s => string.Equals(s.Code, StopCode, StringComparison.OrdinalIgnoreCase));
        Visits = coming.Where(v => (Service is null || v.Services.Any(s => s.ServiceId == Service.Id)) && (Stop is null || v.Stop.Id == Stop.Id)).ToList();
        Month = DateOnly.TryParseExact(MonthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) && SupportedDates.Contains(m)
            ? m : new DateOnly(Today.Year, Today.Month, 1);
        MonthVisits = (await reads.VisitsAsync(time.ToUtc(Month.ToDateTime(TimeOnly.MinValue)), time.ToUtc(Month.AddMonths(1).ToDateTime(TimeOnly.MinValue)),
                Stop?.Id, Service?.Id, includeCancelled: false, ct)).ToList();
    }

    /// <summary>The query of this page with another month, keeping the filters.</summary>
    public string MonthLink(DateOnly month)
    {
        var parts = new List<string> { "bulan=" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture) };
        if (Service is not null) parts.Add("layanan=" + Uri.EscapeDataString(Service.Code));
        if (Stop is not null) parts.Add("lokasi=" + Uri.EscapeDataString(Stop.Code.ToLowerInvariant()));
        return "/keliling?" + string.Join("&", parts);
    }
}
