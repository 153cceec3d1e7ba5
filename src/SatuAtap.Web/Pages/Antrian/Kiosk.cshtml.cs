using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Antrian;

/// <summary>The kiosk at a site's entrance: pick a service, or check in with a booking code; get a printable ticket.</summary>
public sealed class KioskModel(QueueReads reads, CatalogCache catalog, IssueTicket issue, SatuAtap.Core.Outreach.OutreachReads outreach) : PageModel
{
    [FromRoute] public Guid SiteId { get; set; }
    public Site Site { get; private set; } = null!;
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public string? Message { get; private set; }
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
        var outcome = await issue.HandleAsync(SiteId, request, User.IsStaff(), User.Identity?.Name ?? "kiosk", ct);
        if (outcome.Succeeded) return Redirect($"/antrian/tiket/{outcome.Value!.Id}?cetak=1");
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
        Services = (await catalog.GetAsync(ct)).Services.Where(s => served.Contains(s.Id))
            .OrderBy(s => s.Agency.Name, StringComparer.Ordinal).ThenBy(s => s.DisplayName, StringComparer.Ordinal).ToList();
        return true;
    }
}
