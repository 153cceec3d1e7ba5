using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Audit;

/// <summary>The latest 200 changes to audited data, newest first.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(SatuAtapDb db, MallTime time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jenis")] public string? Type { get; set; }

    public MallTime Time => time;
    public IReadOnlyList<string> Types { get; private set; } = [];
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Types = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(Type)) query = query.Where(a => a.EntityType == Type);
        Entries = await query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(200).ToListAsync(ct);
    }
}
