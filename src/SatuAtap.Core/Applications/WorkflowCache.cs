using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Applications;

/// <summary>
/// The configured workflow steps per service, in order (a service without any is absent: it uses the default), read
/// by every application change. Refreshed like the catalog: at once after a change on this node (the workflow editor
/// invalidates it), otherwise after <c>Catalog:CacheSeconds</c>.
/// </summary>
public sealed class WorkflowCache(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CatalogOptions> options)
    : RefreshingCache<IReadOnlyDictionary<Guid, IReadOnlyList<StepView>>>(scopes, clock, () => options.Value.CacheSeconds)
{
    protected override async Task<IReadOnlyDictionary<Guid, IReadOnlyList<StepView>>> BuildAsync(SatuAtapDb db, DateTime nowUtc, CancellationToken ct) =>
        (await db.WorkflowSteps.AsNoTracking().ToListAsync(ct))
            .GroupBy(s => s.ServiceId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<StepView>)g.OrderBy(s => s.Order).Select(WorkflowSource.View).ToList());
}
