using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Licensing;

/// <summary>
/// Submits every child of the bundle that is a draft or returned for correction, each through
/// <see cref="SubmitApplication"/> (its own checks, SLA clock and messages). Children that are complete go in; those
/// that are not are listed by tracking number with what they lack, and can be submitted again once completed.
/// </summary>
public sealed class SubmitBundle(SatuAtapDb db, SubmitApplication submit, GetBundle get)
{
    public async Task<Outcome<BundleView>> HandleAsync(Guid bundleId, Caller caller, CancellationToken ct = default)
    {
        var bundle = await db.LicensingBundles.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bundleId, ct);
        if (bundle is null) return Outcome<BundleView>.NotFound(GetBundle.NotFound());
        var children = await GetBundle.ChildrenAsync(db, bundleId, ct);
        if (!GetBundle.MaySee(caller, bundle, children)) return Outcome<BundleView>.NotFound(GetBundle.NotFound());
        if (GetBundle.RefuseApplicantWork(caller, bundle, Lang.T("Hanya pemohon yang dapat mengajukan.", "Only the applicant can submit.")) is { } refused)
            return new Outcome<BundleView>(refused.Kind, Message: refused.Message);
        var waiting = children.Where(c => c.Status is ApplicationStatus.Draft or ApplicationStatus.ReturnedForCorrection).ToList();
        if (waiting.Count == 0) return Outcome<BundleView>.Conflict(Lang.T("Tidak ada permohonan dalam bundel yang menunggu diajukan.", "No application of the bundle is waiting to be submitted."));
        var errors = new FieldErrors();
        foreach (var child in waiting)
        {
            var outcome = await submit.HandleAsync(child.Id, caller, ct);
            if (outcome.Succeeded) continue;
            if (outcome.Errors is { Count: > 0 } e)
                foreach (var (field, messages) in e) foreach (var m in messages) errors.Add($"{child.TrackingNumber}.{field}", m);
            else errors.Add(child.TrackingNumber, outcome.Message ?? "");
        }
        db.ChangeTracker.Clear();
        if (errors.Any)
            return new Outcome<BundleView>(OutcomeKind.Unprocessable, Message: Lang.T(
                "Sebagian permohonan belum lengkap dan belum diajukan; yang lengkap sudah diajukan.",
                "Some applications are not complete and were not submitted; the complete ones were."), Errors: errors.ToDictionary());
        return await get.HandleAsync(bundleId, caller, ct);
    }
}
