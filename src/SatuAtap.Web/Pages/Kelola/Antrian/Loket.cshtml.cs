using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Queue;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Antrian;

/// <summary>The officer's counter: call next, recall, start, finish, no-show, transfer, park and resume.</summary>
public sealed class LoketModel(SatuAtapDb db, QueueReads reads, CatalogCache catalog, CallNextTicket callNext, ActOnTicket act) : PageModel
{
    [FromRoute] public Guid CounterId { get; set; }
    public string CounterName { get; private set; } = "";
    public Guid SiteId { get; private set; }
    public string SiteName { get; private set; } = "";
    public TicketView? Current { get; private set; }
    public IReadOnlyList<TicketView> Parked { get; private set; } = [];
    public int Waiting { get; private set; }
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public IReadOnlyList<SiteCounterView> OtherCounters { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    private CatalogSnapshot _catalog = null!;

    public string ServiceName(Guid id) => _catalog.ServicesById.GetValueOrDefault(id)?.DisplayName ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var counter = await db.Counters.AsNoTracking().FirstOrDefaultAsync(c => c.Id == CounterId, ct);
        if (counter is null) return NotFound();
        if (!HttpContext.Caller().MayActFor(counter.AgencyId)) return Forbid();
        var place = await db.SiteCounters.AsNoTracking().FirstOrDefaultAsync(c => c.CounterId == CounterId, ct);
        if (place is null) return NotFound();
        var site = (await reads.SiteAsync(place.SiteId, ct))!;
        CounterName = counter.Name;
        SiteId = site.Id;
        SiteName = site.Name;
        _catalog = await catalog.GetAsync(ct);
        (Current, Parked, Waiting) = await reads.DeskAsync(CounterId, site.Id, ct);
        var served = await reads.ServicesAtAsync(site.Id, ct);
        Services = _catalog.Services.Where(s => served.Contains(s.Id)).ToList();
        OtherCounters = (await reads.CountersAsync(site.Id, ct)).Where(c => c.Id != CounterId).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostCallAsync(CancellationToken ct)
    {
        var outcome = await callNext.HandleAsync(CounterId, HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        Message = outcome.Succeeded
            ? outcome.Value is { } t ? Lang.T($"Memanggil {t.Number}.", $"Calling {t.Number}.") : Lang.T("Tidak ada yang menunggu.", "Nobody is waiting.")
            : outcome.Message;
        return RedirectToPage(new { CounterId });
    }

    public async Task<IActionResult> OnPostActAsync(Guid ticketId, string? action, string? outcome, Guid? serviceId, Guid? targetCounterId, CancellationToken ct)
    {
        var result = await act.HandleAsync(ticketId, new TicketActionRequest(action, outcome, serviceId, targetCounterId, null), HttpContext.Caller(), ct);
        if (result.Kind == OutcomeKind.Forbidden) return Forbid();
        Message = result.Succeeded
            ? Lang.T($"{result.Value!.Number}: {TicketStateMachine.Label(Enum.Parse<TicketStatus>(result.Value.Status.Replace("-", ""), true))}.",
                     $"{result.Value!.Number}: {TicketStateMachine.Label(Enum.Parse<TicketStatus>(result.Value.Status.Replace("-", ""), true))}.")
            : result.Message + (result.Errors is { } e ? " " + string.Join(" ", e.Values.SelectMany(v => v)) : "");
        return RedirectToPage(new { CounterId });
    }
}
