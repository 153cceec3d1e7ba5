using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Antrian;

/// <summary>The kiosk at a site's entrance: pick a service, or check in with a booking code; get a printable ticket.</summary>
public sealed class KioskModel(QueueReads reads, CatalogCache catalog, IssueTicket issue, SatuAtap.Core.Outreach.OutreachReads outreach,
    SiteOpening opening, Microsoft.Extensions.Options.IOptions<QueueOptions> options) : PageModel
{
    [FromRoute] public Guid SiteId { get; set; }
    /// <summary>The search (a GET form, works without JavaScript).</summary>
    [BindProperty(SupportsGet = true, Name = "cari")] public string? Query { get; set; }
    /// <summary>The thermal printer's paper width, 58 or 80 mm (default 80), passed on to the printed ticket.</summary>
    [BindProperty(SupportsGet = true, Name = "kertas")] public int? Paper { get; set; }
    public int PaperWidth => Paper == 58 ? 58 : 80;
    /// <summary>The services to show, grouped by need (the service's first topic), then by agency.</summary>
    public IReadOnlyList<(string Need, IReadOnlyList<(AgencyView Agency, IReadOnlyList<ServiceView> Services)> Agencies)> Groups { get; private set; } = [];
    public Site Site { get; private set; } = null!;
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public string? Message { get; private set; }
    /// <summary>Closed now (opening hours enforced): the site's hours and when it opens next; walk-ins wait, check-ins still work.</summary>
    public OpeningCheck? Closed { get; private set; }
    /// <summary>For a mobile-unit site: its coming visits; the kiosk offers only the services of the one under way.</summary>
    public IReadOnlyList<SatuAtap.Core.Outreach.VisitView>? Visits { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostServiceAsync(Guid serviceId, CancellationToken ct) =>
        IssueAsync(new IssueTicketRequest(serviceId, null, null), ct);

    public Task<IActionResult> OnPostBookingAsync(string? bookingCode, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(bookingCode)
            ? Fail(Core.Common.Lang.T("Masukkan kode pemesanan.", "Enter the booking code."), ct)
            : IssueAsync(new IssueTicketRequest(null, bookingCode, null), ct);

    private async Task<IActionResult> IssueAsync(IssueTicketRequest request, CancellationToken ct)
    {
        var outcome = (await issue.HandleAsync(SiteId, request, HttpContext.Caller().IsStaff, User.Identity?.Name ?? "kiosk", ct)).Outcome;
        if (outcome.Succeeded) return Redirect($"/antrian/tiket/{outcome.Value!.Id}?cetak=1&kios=1&kertas={PaperWidth}");
        var message = outcome.Message ?? "";
        if (outcome.Errors is { } errors) message = string.Join(" ", errors.Values.SelectMany(v => v));
        return await Fail(message, ct);
    }

    private async Task<IActionResult> Fail(string message, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Message = message;
        Response.StatusCode = 422;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var site = await reads.SiteAsync(SiteId, ct);
        if (site is null) return false;
        Site = site;
        var served = await reads.ServicesAtAsync(SiteId, ct);
        if (site.Kind == SiteKind.Mobile)
        {
            Visits = await outreach.AtSiteAsync(SiteId, ct);
            var today = SiteClock.Today(outreach.UtcNow, site.Zone);
            var current = Visits.FirstOrDefault(v => DateOnly.FromDateTime(v.Start.DateTime) == today);
            served = current is null ? [] : served.Intersect(current.Services.Select(s => s.ServiceId)).ToHashSet();
        }
        if (options.Value.EnforceOpeningHours && await opening.CheckAsync(site, ct) is { Open: false } shut) Closed = shut;
        var snapshot = await catalog.GetAsync(ct);
        IEnumerable<ServiceView> shown = snapshot.Services.Where(s => served.Contains(s.Id));
        if (site.Kind == SiteKind.Building && options.Value.EnforceOpeningHours)
        {
            // Only what is served today: a counter placed here whose agreement staffs it on this weekday (or names no
            // days). With the hours not enforced (load tests, a demo at night or at the weekend) every placed service.
            var placed = (await reads.CountersAsync(SiteId, ct)).Select(c => c.Id).ToHashSet();
            var weekday = SiteClock.Today(outreach.UtcNow, site.Zone).DayOfWeek;
            shown = shown.Where(s => s.Counters.Any(c => placed.Contains(c.Id) && (c.Weekdays == Weekdays.None || c.Weekdays.Days().Contains(weekday))));
        }
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var found = snapshot.Search(Query[..Math.Min(Query.Length, 100)]).ToHashSet();
            shown = shown.Where(s => found.Contains(s.Id));
        }
        Services = shown.OrderBy(s => s.Agency.Name, StringComparer.Ordinal).ThenBy(s => s.DisplayName, StringComparer.Ordinal).ToList();
        var other = Core.Common.Lang.T("Lainnya", "Other");
        Groups = Services
            .GroupBy(s => s.Topics.OrderBy(t => t.Order).FirstOrDefault())
            .OrderBy(g => g.Key is null ? int.MaxValue : g.Key.Order)
            .Select(g => (g.Key?.DisplayName ?? other,
                (IReadOnlyList<(AgencyView, IReadOnlyList<ServiceView>)>)g.GroupBy(s => s.Agency.Id)
                    .Select(a => (a.First().Agency, (IReadOnlyList<ServiceView>)a.ToList()))
                    .OrderBy(a => a.Item1.DisplayName, StringComparer.Ordinal).ToList()))
            .ToList();
        return true;
    }
}
