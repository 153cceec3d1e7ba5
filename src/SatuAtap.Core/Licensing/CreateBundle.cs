using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Notifications;
using Microsoft.Extensions.Options;

namespace SatuAtap.Core.Licensing;

/// <summary>
/// The navigator's answers and, once for every permit, the values of the fields the permits ask (keyed by the field's
/// name); <see cref="Applicant"/> when an officer makes the bundle on a business owner's behalf.
/// </summary>
public sealed record CreateBundleRequest(List<ActivityRequest?>? Activities, long? CapitalRupiah, string? District, bool? UsesBuilding, bool? HomeFood,
    int? Employees = null, long? InvestmentRupiah = null, Dictionary<string, string?>? Fields = null, InPersonApplicant? Applicant = null,
    string? Village = null)
{
    public AssessmentRequest Answers => new(Activities, CapitalRupiah, District, UsesBuilding, HomeFood, Employees, InvestmentRupiah, Village);
}

/// <summary>
/// Applies for every permit of an assessment at once: one bundle with one tracking number, and under it one ordinary
/// draft application per catalog service the permits go through (made by <see cref="CreateApplication"/>, so each has
/// its agency's workflow, SLA and messages). A field asked by several permits is given once and goes to each of them.
/// Items whose service cannot be applied for online are listed to be done at a counter. Nothing is kept when any
/// application cannot be made.
/// <para>
/// On a business owner's behalf (<see cref="CreateBundleRequest.Applicant"/>): an officer or head of the one-door agency
/// (the agency of the NIB assistance, DPMPTSP), at its desk or with the mobile unit, makes the bundle with the owner's
/// name, NIK or phone, and email; the applications are captured for every agency's service, and a code goes to the
/// owner (<see cref="SendBundleConfirmation"/>). Until the owner's code is entered (<see cref="ConfirmBundle"/>) nobody
/// acts on the applications as their applicant, so nothing of the bundle can be submitted.
/// </para>
/// </summary>
public sealed class CreateBundle(SatuAtapDb db, AssessBusiness assess, CreateApplication create, GetBundle get, CatalogCache catalogs, MallTime time,
    SendBundleConfirmation confirmation, IOptions<NotificationsOptions> notifications)
{
    public const int MaxAttempts = 8;

    public async Task<Outcome<BundleView>> HandleAsync(CreateBundleRequest request, Caller caller, CancellationToken ct = default)
    {
        if (caller.UserId is null) return Outcome<BundleView>.Forbidden();
        var onBehalf = request.Applicant;
        if (onBehalf is not null)
        {
            var desk = (await catalogs.GetAsync(ct)).ServicesByCode.GetValueOrDefault(PermitKinds.Get(PermitKinds.Nib).ServiceCode);
            if (desk is null || !caller.IsOfficerOf(desk.Agency.Id))
                return Outcome<BundleView>.Forbidden(Lang.T("Hanya petugas Link-Satu (DPMPTSP) yang dapat membuat bundel atas nama pelaku usaha.",
                    "Only a Link-Satu officer (DPMPTSP) can make a bundle on a business owner's behalf."));
            var phoneSent = !string.IsNullOrWhiteSpace(notifications.Value.Http.Url);
            if (string.IsNullOrWhiteSpace(onBehalf.Email) && (!phoneSent || string.IsNullOrWhiteSpace(onBehalf.Phone)))
                return Outcome<BundleView>.Invalid("applicant.email", phoneSent
                    ? Lang.T("Isi alamat email atau nomor ponsel pemohon: kode konfirmasi dikirim ke sana.", "Give the applicant's email address or mobile number: the confirmation code is sent there.")
                    : Lang.T("Isi alamat email pemohon: kode konfirmasi dikirim ke sana (SMS/WhatsApp tidak aktif di mal ini).",
                        "Give the applicant's email address: the confirmation code is sent there (this mall sends no SMS or WhatsApp)."));
        }
        var (evaluated, refusal) = await assess.EvaluateAsync(request.Answers, ct);
        if (evaluated is null) return new Outcome<BundleView>(refusal!.Kind, default, refusal.Message, refusal.Errors);
        var catalog = await catalogs.GetAsync(ct);

        var planned = BundlePlan.ServicesOf(evaluated.Assessment);
        var online = new List<ServiceView>();
        var atCounter = new List<string>();
        foreach (var (code, permits) in planned)
        {
            if (catalog.ServicesByCode.GetValueOrDefault(code) is { } s && s.Channels.HasFlag(ServiceChannels.Online)) online.Add(s);
            else atCounter.AddRange(permits);
        }
        if (online.Count == 0)
            return Outcome<BundleView>.Invalid("activities", Lang.T("Tidak ada izin yang dapat diajukan daring; datanglah ke meja Link-Satu.",
                "None of the permits can be applied for online; come to the Link-Satu desk."));

        var fields = request.Fields ?? [];
        var errors = new FieldErrors();
        foreach (var key in fields.Keys.Where(k => !online.Any(s => FieldOf(s, k) is not null)))
            errors.Add($"fields.{key}", Lang.T("Isian ini tidak diminta oleh izin mana pun dalam bundel.", "No permit of the bundle asks for this field."));
        if (errors.Any) return Outcome<BundleView>.Invalid(errors.ToDictionary());

        var bundle = new LicensingBundle
        {
            TrackingNumber = "", CheckCode = TrackingCheck.New(), ApplicantUserId = caller.UserId,
            DistrictCode = evaluated.District.Code, DistrictName = evaluated.District.Name, Village = VillageName.Normalize(request.Village), CapitalRupiah = request.CapitalRupiah!.Value,
            InvestmentRupiah = request.InvestmentRupiah, Employees = request.Employees, Scale = evaluated.View.Scale,
            Kblis = string.Join(';', evaluated.View.Items.Select(i => i.Kbli)),
            PlanJson = new BundlePlan(online.ToDictionary(s => s.Code, s => planned[s.Code]), atCounter).ToJson(),
            TableVersion = evaluated.Table.Version, CreatedAtUtc = time.UtcNow, CreatedOn = time.Today,
        };
        if (onBehalf is not null)
        {
            bundle.ApplicantUserId = null;
            bundle.CapturedByUserId = caller.UserId;
            bundle.CapturedAgencyId = caller.AgencyId;
        }
        db.LicensingBundles.Add(bundle);
        if (!await SaveWithTrackingNumberAsync(bundle, ct))
            return Outcome<BundleView>.Conflict(Lang.T("Nomor registrasi tidak dapat dibuat. Coba lagi.", "No tracking number could be made. Try again."));

        var made = new List<Guid>();
        foreach (var service in online)
        {
            var mine = fields.Where(f => FieldOf(service, f.Key) is not null).ToDictionary(f => f.Key, f => f.Value);
            var outcome = await create.HandleAsync(new CreateApplicationRequest(service.Code, mine, onBehalf), caller, anyAgency: onBehalf is not null, ct);
            if (!outcome.Succeeded)
            {
                await UndoAsync(bundle.Id, made, ct);
                return new Outcome<BundleView>(outcome.Kind, default, outcome.Message,
                    outcome.Errors?.ToDictionary(e => e.Key == "serviceId" ? $"permits.{service.Code}" : e.Key, e => e.Value));
            }
            made.Add(outcome.Value!.Id);
        }
        // Made on an owner's behalf, the applications have no one acting as their applicant until the owner confirms.
        if (onBehalf is not null)
            await db.Applications.Where(a => made.Contains(a.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.BundleId, bundle.Id).SetProperty(a => a.CapturedByUserId, (Guid?)null), ct);
        else await db.Applications.Where(a => made.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.BundleId, bundle.Id), ct);
        db.ChangeTracker.Clear();
        if (onBehalf is not null)
        {
            var sent = await confirmation.HandleAsync(bundle.Id, caller, ct);
            if (!sent.Succeeded)
            {
                await UndoAsync(bundle.Id, made, ct);
                return new Outcome<BundleView>(sent.Kind, default, sent.Message, sent.Errors);
            }
            db.ChangeTracker.Clear();
        }
        var view = await get.HandleAsync(bundle.Id, caller, ct);
        return view.Succeeded ? Outcome<BundleView>.Created(view.Value!) : view;
    }

    private static RequirementView? FieldOf(ServiceView service, string key) =>
        service.Requirements.FirstOrDefault(r => r.Kind == RequirementKind.Field
            && (string.Equals(r.Name, key.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(r.NameEn, key.Trim(), StringComparison.OrdinalIgnoreCase)));

    private async Task UndoAsync(Guid bundleId, List<Guid> made, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await db.ApplicationEvents.Where(e => made.Contains(e.ApplicationId)).ExecuteDeleteAsync(ct);
        await db.Applications.Where(a => made.Contains(a.Id)).ExecuteDeleteAsync(ct);
        await db.LicensingBundles.Where(b => b.Id == bundleId).ExecuteDeleteAsync(ct);
    }

    private async Task<bool> SaveWithTrackingNumberAsync(LicensingBundle bundle, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            bundle.TrackingNumber = TrackingNumber.New(BundlePrefix, time.Now.Year);
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException e) when (UniqueViolation.On<LicensingBundle>(db, e, nameof(LicensingBundle.TrackingNumber)))
            {
            }
        }
        db.Entry(bundle).State = EntityState.Detached;
        return false;
    }

    /// <summary>The letters bundles' tracking numbers start with (<c>LS-26-7K3QX</c>), told apart from applications' by them.</summary>
    public const string BundlePrefix = "LS";
}
