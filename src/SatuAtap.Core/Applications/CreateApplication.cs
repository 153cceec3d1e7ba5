using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Applications;

/// <summary>Applicant details an officer captures at a counter for someone without an account.</summary>
public sealed record InPersonApplicant(string? Name, string? Nik, string? Phone, string? Email, string? Language);

/// <param name="SiteId">For an application captured at a counter: the Queue site where it is taken (optional).</param>
public sealed record CreateApplicationRequest(string? ServiceId, Dictionary<string, string?>? Fields, InPersonApplicant? Applicant = null, string? SiteId = null);

public sealed record ApplicationCreated(Guid Id, string TrackingNumber, string Status);

/// <summary>Source of randomness for tracking numbers; tests replace it to force a collision.</summary>
public class TrackingNumberSource
{
    public virtual string Next(string serviceCode, int year) => TrackingNumber.New(serviceCode, year);
}

/// <summary>
/// Starts an application as a draft: online by a citizen with a verified email for an online service, or at a
/// counter by an officer of the service's agency for someone without an account.
/// </summary>
public sealed class CreateApplication(SatuAtapDb db, CatalogCache cache, MallTime time, ApplicationJournal journal, TrackingNumberSource numbers, WorkSites workSites)
{
    public const int MaxAttempts = 8;

    public Task<Outcome<ApplicationCreated>> HandleAsync(CreateApplicationRequest request, Caller viewer, CancellationToken ct = default) =>
        HandleAsync(request, viewer, anyAgency: false, ct);

    /// <summary>
    /// As above; with <paramref name="anyAgency"/> an officer captures for someone without an account an application of
    /// another agency's service too (the mall's one-door desk applying for several agencies' permits at once; the
    /// caller of this overload decides who may).
    /// </summary>
    internal async Task<Outcome<ApplicationCreated>> HandleAsync(CreateApplicationRequest request, Caller viewer, bool anyAgency, CancellationToken ct)
    {
        if (viewer.UserId is null) return Outcome<ApplicationCreated>.Forbidden();
        var catalog = await cache.GetAsync(ct);
        var errors = new FieldErrors();
        var service = string.IsNullOrWhiteSpace(request.ServiceId) ? null : catalog.FindService(request.ServiceId.Trim());
        if (service is null)
            return Outcome<ApplicationCreated>.Invalid("serviceId", string.IsNullOrWhiteSpace(request.ServiceId)
                ? Lang.T("Wajib diisi.", "Required.") : Lang.T("Layanan tidak dikenal.", "Unknown service."));
        var app = new Application
        {
            TrackingNumber = "", ServiceId = service.Id, AgencyId = service.Agency.Id, CurrentAgencyId = service.Agency.Id,
            Status = ApplicationStatus.Draft, CreatedAtUtc = time.UtcNow,
        };
        var fields = FieldRules.Read(service, request.Fields, errors);
        if (request.Applicant is { } person)
        {
            if (!viewer.IsAgencyStaff || service.Agency.Id != viewer.AgencyId && !anyAgency)
                return Outcome<ApplicationCreated>.Invalid("applicant", Lang.T(
                    "Hanya petugas instansi pemilik layanan yang dapat mencatat permohonan atas nama orang lain.",
                    "Only an officer of the service's agency can capture an application for someone else."));
            errors.Required("applicant.name", person.Name, 200);
            var nikProblem = string.IsNullOrWhiteSpace(person.Nik) ? Nik.Problem.None : Nik.Validate(person.Nik.Trim());
            if (nikProblem != Nik.Problem.None) errors.Add("applicant.nik", Nik.Message(nikProblem));
            var phone = PhoneNumber.Normalize(person.Phone);
            if (!string.IsNullOrWhiteSpace(person.Phone) && phone is null)
                errors.Add("applicant.phone", Lang.T("Nomor ponsel tidak valid.", "Not a valid mobile number."));
            if (!string.IsNullOrWhiteSpace(person.Email) && !System.Net.Mail.MailAddress.TryCreate(person.Email.Trim(), out _))
                errors.Add("applicant.email", Lang.T("Alamat email tidak valid.", "Not a valid email address."));
            if (string.IsNullOrWhiteSpace(person.Nik) && phone is null)
                errors.Add("applicant.nik", Lang.T("Isi NIK atau nomor ponsel, agar pemohon dapat melacak permohonannya.",
                    "Give the NIK or a mobile number, so that the applicant can track the application."));
            app.ApplicantName = person.Name?.Trim() ?? "";
            app.ApplicantNik = string.IsNullOrWhiteSpace(person.Nik) ? null : person.Nik.Trim();
            app.ApplicantPhone = phone;
            app.ApplicantEmail = string.IsNullOrWhiteSpace(person.Email) ? null : person.Email.Trim();
            app.Language = person.Language == Lang.English ? Lang.English : Lang.Indonesian;
            app.CapturedByUserId = viewer.UserId;
            if (!string.IsNullOrWhiteSpace(request.SiteId))
            {
                if (!Guid.TryParse(request.SiteId.Trim(), out var siteId))
                    return Outcome<ApplicationCreated>.Invalid("siteId", Lang.T("Harus berupa id lokasi (GUID).", "Must be a site id (GUID)."));
                // Only a site the officer works at today: a counter of their agency is there and, at a mobile stop,
                // they are on the crew of the day's visit.
                var site = await workSites.CaptureSiteAsync(siteId, viewer, ct);
                if (!site.Succeeded)
                    return new Outcome<ApplicationCreated>(OutcomeKind.Unprocessable, Message: site.Message,
                        Errors: new Dictionary<string, string[]> { ["siteId"] = [site.Message!] });
                app.SiteId = siteId;
            }
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(request.SiteId))
                return Outcome<ApplicationCreated>.Invalid("siteId", Lang.T(
                    "Lokasi hanya dicatat untuk permohonan yang diterima petugas di loket.",
                    "A site is recorded only for an application an officer takes at a counter."));
            if (!service.Channels.HasFlag(ServiceChannels.Online))
                return Outcome<ApplicationCreated>.Invalid("serviceId", Lang.T(
                    "Layanan ini tidak dapat diajukan secara daring. Silakan datang ke loket MPP.",
                    "This service cannot be applied for online. Please come to the mall's counter."));
            var user = await db.Users.AsNoTracking().Where(u => u.Id == viewer.UserId)
                .Select(u => new { u.FullName, u.Email, u.EmailConfirmed, u.PhoneNumber, u.PreferredLanguage }).FirstOrDefaultAsync(ct);
            if (user is null) return Outcome<ApplicationCreated>.Forbidden();
            if (!user.EmailConfirmed)
                return Outcome<ApplicationCreated>.Forbidden(Lang.T("Verifikasi email Anda terlebih dahulu.", "Verify your email first."));
            app.ApplicantUserId = viewer.UserId;
            app.ApplicantName = user.FullName;
            app.ApplicantEmail = user.Email;
            app.ApplicantPhone = PhoneNumber.Normalize(user.PhoneNumber);
            app.Language = user.PreferredLanguage == Lang.English ? Lang.English : Lang.Indonesian;
        }
        if (errors.Any) return Outcome<ApplicationCreated>.Invalid(errors.ToDictionary());
        ApplyFields(app, service, fields);
        db.Applications.Add(app);
        await journal.RecordAsync(db, app, service, ApplicationAction.Create, null, viewer, null, ct);
        var saved = await SaveWithTrackingNumberAsync(db, app, service.Code, time.Now.Year, numbers, ct);
        if (!saved) return Outcome<ApplicationCreated>.Conflict(Lang.T("Nomor registrasi tidak dapat dibuat. Coba lagi.", "No tracking number could be made. Try again."));
        return Outcome<ApplicationCreated>.Created(new ApplicationCreated(app.Id, app.TrackingNumber, ApplicationCodes.Status(app.Status)));
    }

    internal static void ApplyFields(Application app, ServiceView service, IReadOnlyDictionary<Guid, string> fields)
    {
        app.FieldsJson = FieldRules.Serialize(fields);
        var (nik, phone, email) = FieldRules.Identity(service, fields);
        if (app.CapturedByUserId is null || app.ApplicantNik is null) app.ApplicantNik = nik ?? app.ApplicantNik;
        if (phone is not null && app.ApplicantPhone is null) app.ApplicantPhone = phone;
        if (email is not null && app.ApplicantEmail is null) app.ApplicantEmail = email;
    }

    /// <summary>Saves with a fresh tracking number; on the rare collision with an existing one (unique index), draws again.</summary>
    internal static async Task<bool> SaveWithTrackingNumberAsync(SatuAtapDb db, Application app, string serviceCode, int year, TrackingNumberSource numbers, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            app.TrackingNumber = numbers.Next(serviceCode, year);
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException e) when (UniqueViolation.On<Application>(db, e, nameof(Application.TrackingNumber)))
            {
            }
        }
        return false;
    }
}
