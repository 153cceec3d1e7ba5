using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Applications;

public sealed record RevealedField(Guid RequirementId, string Name, string? NameEn, string Value);

/// <summary>The clear NIKs of an application: the applicant's and those among its fields.</summary>
public sealed record RevealedNik(Guid ApplicationId, string? Nik, IReadOnlyList<RevealedField> Fields);

/// <summary>
/// An officer chooses to see an application's NIKs in clear: allowed to agency staff who may see the application (the
/// same per-record rule as viewing it), and every reveal is written to the access log (who, whose, what, when).
/// </summary>
public sealed class RevealNik(SatuAtapDb db, CatalogCache cache, MallTime time)
{
    public async Task<Outcome<RevealedNik>> HandleAsync(Guid id, Caller viewer, CancellationToken ct = default)
    {
        var app = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null || !viewer.CanSee(app)) return Outcome<RevealedNik>.NotFound(SubmitApplication.NotFound());
        if (!viewer.IsAgencyStaff) return Outcome<RevealedNik>.Forbidden();
        var service = (await cache.GetAsync(ct)).ServicesById[app.ServiceId];
        var fields = FieldRules.Parse(app.FieldsJson);
        var niks = service.Requirements
            .Where(r => r.Kind == RequirementKind.Field && r.Type == FieldType.Nik && fields.ContainsKey(r.Id))
            .Select(r => new RevealedField(r.Id, r.Name, r.NameEn, fields[r.Id])).ToList();
        AccessLog.Add(db, time.UtcNow, viewer.UserId, viewer.Name, viewer.AgencyId, app.ApplicantUserId, AccessLog.Application, app.Id, AccessLog.NikReveal);
        await db.SaveChangesAsync(ct);
        return Outcome<RevealedNik>.Ok(new RevealedNik(app.Id, app.ApplicantNik, niks));
    }
}
