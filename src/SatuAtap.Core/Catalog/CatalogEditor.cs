using System.Security.Claims;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Catalog;

/// <summary>Who edits the catalog: a mall manager edits everything; an agency head only their own agency's services and counters.</summary>
public sealed record CatalogEditor(bool IsManager, Guid? AgencyId)
{
    public static CatalogEditor From(ClaimsPrincipal user) => new(
        user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Administrator),
        user.IsInRole(Roles.AgencyHead) && Guid.TryParse(user.FindFirstValue(SatuAtapClaims.AgencyId), out var a) ? a : null);

    public bool CanEditAgencyContent(Guid agencyId) => IsManager || AgencyId == agencyId;

    public bool CanEditAnything => IsManager || AgencyId is not null;
}
