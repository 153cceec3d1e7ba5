using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Data;
using SatuAtap.Core.Notifications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.KotakKeluar;

/// <summary>
/// The latest messages of the outbox, for an administrator of a demo or development mall without a mail server (a
/// registration code can be read here). It exists only while <c>Demo:OutboxPage</c> is on: elsewhere it is a 404.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(SatuAtapDb db, IOptions<DemoOptions> demo, IHostEnvironment env) : PageModel
{
    public const int Shown = 50;

    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SettingsValidator.OutboxPageOn(demo.Value, env)) return NotFound();
        Messages = await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Take(Shown).ToListAsync(ct);
        return Page();
    }
}
