using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Permohonan;

/// <summary>The officer's inbox: the agency's open applications, soonest due first, overdue marked.</summary>
public sealed class IndexModel(ListApplications list) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tahap")] public int? Tahap { get; set; }
    [BindProperty(SupportsGet = true, Name = "terlambat")] public string? Terlambat { get; set; }
    [BindProperty(SupportsGet = true, Name = "halaman")] public int Nomor { get; set; } = 1;
    public ApplicationPage List { get; private set; } = new([], 0, 1, 25);
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Nomor = Math.Clamp(Nomor, 1, 100_000);
        var outcome = await list.InboxAsync(HttpContext.Caller(), new InboxQuery(Tahap is > 0 and <= 50 ? Tahap : null, Terlambat == "ya" ? true : null, Nomor, 25), ct);
        if (outcome.Succeeded) List = outcome.Value!;
        else Error = outcome.Message;
    }
}
