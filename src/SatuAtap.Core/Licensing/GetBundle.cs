using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Licensing;

public sealed record BundleApplicationView(Guid Id, string TrackingNumber, string ServiceCode, string ServiceName, string Agency, string AgencyCode,
    string Status, string StatusLabel, DateOnly? DueDate, IReadOnlyList<string> Permits);

/// <summary>A document the bundle asks for, once: the children that need it and whether each has it.</summary>
public sealed record BundleDocumentView(string Name, string? NameEn, bool Required, bool Uploaded, IReadOnlyList<string> Applications);

/// <param name="OnBehalf">Made by an officer on the business owner's behalf.</param>
/// <param name="AwaitsConfirmation">Made on the owner's behalf and not yet confirmed by the code sent to them.</param>
public sealed record BundleView(Guid Id, string TrackingNumber, string? CheckCode, string Status, string StatusLabel, string Scale, string District,
    string DistrictName, long CapitalRupiah, long? InvestmentRupiah, int? Employees, IReadOnlyList<string> Kblis, string TableVersion, DateTime CreatedAt,
    IReadOnlyList<BundleApplicationView> Applications, IReadOnlyList<BundleDocumentView> Documents, IReadOnlyList<PermitKindView> AtCounter,
    bool OnBehalf = false, bool AwaitsConfirmation = false, DateTime? ConfirmationExpiresAt = null, DateTime? ConfirmedAt = null, string? Village = null);

public sealed record PermitKindView(string Code, string Name);

/// <summary>
/// A bundle and its parts: seen by its applicant, by managers and executives, and by staff of an agency that has one
/// of its applications; anyone else is told it does not exist.
/// </summary>
public sealed class GetBundle(SatuAtapDb db, CatalogCache catalogs)
{
    internal sealed record Child(Guid Id, string TrackingNumber, Guid ServiceId, Guid AgencyId, Guid CurrentAgencyId, ApplicationStatus Status, DateOnly? DueDate,
        List<Guid> Documents);

    public async Task<Outcome<BundleView>> HandleAsync(Guid id, Caller caller, CancellationToken ct = default)
    {
        var bundle = await db.LicensingBundles.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (bundle is null) return Outcome<BundleView>.NotFound(NotFound());
        var children = await ChildrenAsync(db, id, ct);
        if (!MaySee(caller, bundle, children)) return Outcome<BundleView>.NotFound(NotFound());
        return Outcome<BundleView>.Ok(View(bundle, children, await catalogs.GetAsync(ct), IsApplicant(caller, bundle)));
    }

    /// <summary>
    /// Acts on the bundle as its applicant (uploads, submits, sees the check code): the owner who applied, or the officer
    /// who made it on the owner's behalf once the owner confirmed.
    /// </summary>
    internal static bool IsApplicant(Caller caller, LicensingBundle bundle) =>
        caller.Owns(bundle.ApplicantUserId, bundle.ConfirmedAtUtc is null ? null : bundle.CapturedByUserId);

    /// <summary>Why the applicant's work on a bundle is refused, or null when it may go ahead.</summary>
    internal static (OutcomeKind Kind, string Message)? RefuseApplicantWork(Caller caller, LicensingBundle bundle, string onlyApplicant)
    {
        if (bundle.AwaitsConfirmation && caller.UserId == bundle.CapturedByUserId)
            return (OutcomeKind.Conflict, Lang.T("Bundel ini menunggu konfirmasi pemohon: masukkan kode yang dikirim kepadanya terlebih dahulu.",
                "This bundle waits for the applicant's confirmation: enter the code sent to them first."));
        return IsApplicant(caller, bundle) ? null : (OutcomeKind.Forbidden, onlyApplicant);
    }

    public static string NotFound() => Lang.T("Bundel perizinan tidak ditemukan.", "Licensing bundle not found.");

    internal static Task<List<Child>> ChildrenAsync(SatuAtapDb db, Guid bundleId, CancellationToken ct) =>
        db.Applications.AsNoTracking().Where(a => a.BundleId == bundleId).OrderBy(a => a.CreatedAtUtc).ThenBy(a => a.Id)
            .Select(a => new Child(a.Id, a.TrackingNumber, a.ServiceId, a.AgencyId, a.CurrentAgencyId, a.Status, a.DueDate,
                a.Documents.Select(d => d.RequirementId).ToList()))
            .ToListAsync(ct);

    internal static bool MaySee(Caller caller, LicensingBundle bundle, IReadOnlyList<Child> children) =>
        caller.Owns(bundle.ApplicantUserId, bundle.CapturedByUserId) || caller.SeesWholeMall
        || caller.IsAgencyStaff && children.Any(c => c.AgencyId == caller.AgencyId || c.CurrentAgencyId == caller.AgencyId);

    /// <summary>The key under which documents of different services are the same document: the requirement's name.</summary>
    public static string DocumentKey(string name) => name.Trim().ToLowerInvariant();

    internal static BundleView View(LicensingBundle bundle, IReadOnlyList<Child> children, CatalogSnapshot catalog, bool owner)
    {
        var plan = BundlePlan.Parse(bundle.PlanJson);
        var apps = new List<BundleApplicationView>();
        var documents = new Dictionary<string, (RequirementView First, bool Required, List<(string Number, bool Has)> Children)>(StringComparer.Ordinal);
        foreach (var c in children)
        {
            var service = catalog.ServicesById.GetValueOrDefault(c.ServiceId);
            apps.Add(new BundleApplicationView(c.Id, c.TrackingNumber, service?.Code ?? "", service?.DisplayName ?? "", service?.Agency.DisplayName ?? "",
                service?.Agency.Code ?? "", ApplicationCodes.Status(c.Status), ApplicationCodes.StatusLabel(c.Status), c.DueDate,
                service is null ? [] : plan.Services.GetValueOrDefault(service.Code) ?? []));
            foreach (var r in service?.Requirements.Where(r => r.Kind == RequirementKind.Document) ?? [])
            {
                var key = DocumentKey(r.Name);
                if (!documents.TryGetValue(key, out var d)) documents[key] = d = (r, false, []);
                d.Children.Add((c.TrackingNumber, c.Documents.Contains(r.Id)));
                documents[key] = d with { Required = d.Required || r.Required };
            }
        }
        var status = bundle.AwaitsConfirmation ? BundleStatus.AwaitingConfirmation : BundleStatus.Of(children.Select(c => c.Status).ToList());
        return new BundleView(bundle.Id, bundle.TrackingNumber, owner ? bundle.CheckCode : null, status, BundleStatus.Label(status), bundle.Scale,
            bundle.DistrictCode, bundle.DistrictName, bundle.CapitalRupiah, bundle.InvestmentRupiah, bundle.Employees,
            bundle.Kblis.Split(';', StringSplitOptions.RemoveEmptyEntries), bundle.TableVersion, DateTime.SpecifyKind(bundle.CreatedAtUtc, DateTimeKind.Utc), apps,
            documents.Values.Select(d => new BundleDocumentView(d.First.Name, d.First.NameEn, d.Required, d.Children.All(x => x.Has),
                d.Children.Select(x => x.Number).ToList())).ToList(),
            plan.AtCounter.Select(code => PermitKinds.Find(code)).OfType<PermitKind>().Select(k => new PermitKindView(k.Code, k.DisplayName)).ToList(),
            bundle.CapturedByUserId is not null, bundle.AwaitsConfirmation,
            bundle.AwaitsConfirmation && bundle.ConfirmationExpiresAtUtc is { } expires ? DateTime.SpecifyKind(expires, DateTimeKind.Utc) : null,
            bundle.ConfirmedAtUtc is { } confirmed ? DateTime.SpecifyKind(confirmed, DateTimeKind.Utc) : null, bundle.Village);
    }
}
