using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Antrian;

/// <summary>Book a visit: service and site → days with places left → a time, name, phone (NIK optional) → a booking code.</summary>
public sealed class PesanModel(QueueReads reads, CatalogCache catalog, BookSlot book, SatuAtap.Web.Queue.BookingLimits limits, FormTokens tokens,
    SatuAtap.Core.Outreach.OutreachReads outreach) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "lokasi")] public Guid? SiteId { get; set; }
    [BindProperty(SupportsGet = true, Name = "layanan")] public Guid? ServiceId { get; set; }
    [BindProperty(SupportsGet = true, Name = "tanggal")] public string? Date { get; set; }
    /// <summary>Narrows the service list (the catalog's search), a GET form without JavaScript.</summary>
    [BindProperty(SupportsGet = true, Name = "cari")] public string? Query { get; set; }
    /// <summary>How the service list is grouped: <c>instansi</c> (agency) or by need (the default).</summary>
    [BindProperty(SupportsGet = true, Name = "kelompok")] public string? Grouping { get; set; }
    public bool ByAgency => Grouping == "instansi";
    /// <summary>The services of the site, filtered and grouped for the list.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<ServiceView> Services)> ServiceGroups { get; private set; } = [];
    /// <summary>What to bring for the chosen service: its document requirements.</summary>
    public IReadOnlyList<RequirementView> ToBring => Service?.Requirements.Where(r => r.Kind == RequirementKind.Document).ToList() ?? [];
    [BindProperty] public Guid? SlotId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Nik { get; set; }

    public IReadOnlyList<SiteView> Sites { get; private set; } = [];
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public Site? Site { get; private set; }
    public ServiceView? Service { get; private set; }
    public DateOnly? Day { get; private set; }
    public IReadOnlyList<(DateOnly Day, int Remaining, int Slots)> Days { get; private set; } = [];
    public IReadOnlyList<SlotView> Slots { get; private set; } = [];
    public IReadOnlyList<SlotView> NextSlots { get; private set; } = [];
    public string? Message { get; private set; }
    /// <summary>For a mobile-unit site: its coming visits, whose services are the ones to book.</summary>
    public IReadOnlyList<SatuAtap.Core.Outreach.VisitView>? Visits { get; private set; }
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    public IHtmlContent ErrorFor(string field) => _errors.TryGetValue(field, out var list)
        ? new HtmlString($"<p class=\"error\" id=\"{field}-error\">{System.Net.WebUtility.HtmlEncode(string.Join(" ", list))}</p>")
        : HtmlString.Empty;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A second post of the same form (double click) goes to the booking the first one made.
        var claim = await tokens.ClaimAsync(Request, "antrian.pesan", ct);
        if (claim.Repeat) return Redirect(claim.ResultUrl ?? Request.Path + Request.QueryString);
        if (limits.Check(HttpContext, Phone) is { } refusal)
        {
            Message = refusal.Message;
            Response.StatusCode = 429;
            if (refusal.RetryAfter is { } retry) Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await tokens.FailedAsync(claim, Request.Path + Request.QueryString);
            await LoadAsync(ct);
            return Page();
        }
        var attempt = await book.HandleAsync(new BookSlotRequest(SlotId, Name, Phone, Nik), User.UserId(), ct);
        if (attempt.Outcome.Succeeded)
        {
            var url = $"/antrian/pesan/{attempt.Outcome.Value!.Code}";
            await tokens.CompleteAsync(claim, url);
            return Redirect(url);
        }
        await tokens.FailedAsync(claim, Request.Path + Request.QueryString);
        Message = attempt.Outcome.Message;
        _errors = attempt.Outcome.Errors ?? new Dictionary<string, string[]>();
        NextSlots = attempt.NextSlots ?? [];
        Response.StatusCode = attempt.Outcome.Kind switch
        {
            OutcomeKind.Invalid => 400, OutcomeKind.NotFound => 404, OutcomeKind.Conflict => 409, _ => 422,
        };
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Sites = await reads.SitesAsync(ct);
        var snapshot = await catalog.GetAsync(ct);
        SiteId ??= Sites is [var first, ..] ? first.Id : null;
        Site = SiteId is { } id ? await reads.SiteAsync(id, ct) : null;
        if (Site is null) return;
        var served = await reads.ServicesAtAsync(Site.Id, ct);
        if (Site.Kind == SiteKind.Mobile)
        {
            // The mobile unit's services are those its coming visits bring, whatever counters stand at the stop today.
            Visits = await outreach.AtSiteAsync(Site.Id, ct);
            served = Visits.SelectMany(v => v.Services.Select(s => s.ServiceId)).ToHashSet();
        }
        Services = snapshot.Services.Where(s => served.Contains(s.Id)).ToList();
        Service = ServiceId is { } sid ? Services.FirstOrDefault(s => s.Id == sid) : null;
        IEnumerable<ServiceView> listed = Services;
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var found = snapshot.Search(Query[..Math.Min(Query.Length, 100)]).ToHashSet();
            listed = listed.Where(s => found.Contains(s.Id) || s.Id == Service?.Id);
        }
        var other = Lang.T("Lainnya", "Other");
        ServiceGroups = ByAgency
            ? listed.GroupBy(s => s.Agency.DisplayName).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, (IReadOnlyList<ServiceView>)g.OrderBy(s => s.DisplayName, StringComparer.Ordinal).ToList())).ToList()
            : listed.GroupBy(s => s.Topics.OrderBy(t => t.Order).FirstOrDefault())
                .OrderBy(g => g.Key is null ? int.MaxValue : g.Key.Order)
                .Select(g => (g.Key?.DisplayName ?? other, (IReadOnlyList<ServiceView>)g.OrderBy(s => s.DisplayName, StringComparer.Ordinal).ToList())).ToList();
        if (Service is null) return;
        Days = await reads.DaysAsync(Site, Service.Id, 31, ct);
        if (DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && Core.Common.SupportedDates.Contains(day))
        {
            Day = day;
            Slots = await reads.SlotsAsync(Site, Service.Id, day, ct);
        }
    }
}
