using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Catalog;

namespace SatuAtap.Web.Pages.Layanan;

/// <summary>Search and browse the catalog (by topic or agency), 20 to a page; works without JavaScript.</summary>
public sealed class IndexModel(CatalogCache cache) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "topik")] public string? TopicCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "instansi")] public string? AgencyCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;

    public TopicView? Topic { get; private set; }
    public AgencyView? Agency { get; private set; }
    public IReadOnlyList<ServiceView> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => (Total + PageSize - 1) / PageSize;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var catalog = await cache.GetAsync(ct);
        if (Q?.Length > 200) Q = Q[..200];
        Topic = string.IsNullOrWhiteSpace(TopicCode) ? null : catalog.FindTopic(TopicCode);
        Agency = string.IsNullOrWhiteSpace(AgencyCode) ? null : catalog.FindAgency(AgencyCode);
        var found = catalog.Find(Q, Agency?.Id, Topic?.Id).ToList();
        Total = found.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, Pages));
        Items = found.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    }

    public string PageUrl(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["topik"] = Topic?.Code, ["instansi"] = Agency?.Code, ["hal"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))) is var qs ? "/layanan" + qs : "/layanan";
}
