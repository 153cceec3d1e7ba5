using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Perjanjian;

/// <summary>All agreements, and first those that expire within 90 days, so that renewal starts in time.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(SatuAtapDb db, MallTime time) : PageModel
{
    public const int ExpiryWarningDays = 90;

    public DateOnly Today { get; private set; }
    public IReadOnlyList<Agreement> All { get; private set; } = [];
    public IReadOnlyList<Agreement> Expiring { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = time.Today;
        All = await db.Agreements.AsNoTracking().Include(a => a.Agency).OrderBy(a => a.ValidUntil).ToListAsync(ct);
        Expiring = All.Where(a => a.ExpiresWithin(Today, ExpiryWarningDays)).ToList();
    }
}
