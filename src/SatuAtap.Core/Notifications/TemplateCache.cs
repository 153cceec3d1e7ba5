using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Notifications;

/// <summary>
/// The managers' notification templates per event code (an event without any is absent: the defaults apply), so that
/// a message does not query them. Refreshed like the catalog: at once after a change on this node (the template
/// editor invalidates it), otherwise after <c>Catalog:CacheSeconds</c>.
/// </summary>
public sealed class TemplateCache(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CatalogOptions> options)
    : RefreshingCache<IReadOnlyDictionary<string, IReadOnlyList<NotificationTemplate>>>(scopes, clock, () => options.Value.CacheSeconds)
{
    protected override async Task<IReadOnlyDictionary<string, IReadOnlyList<NotificationTemplate>>> BuildAsync(SatuAtapDb db, DateTime nowUtc, CancellationToken ct) =>
        (await db.NotificationTemplates.AsNoTracking().ToListAsync(ct))
            .GroupBy(t => t.EventCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<NotificationTemplate>)g.ToList(), StringComparer.Ordinal);
}
