using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Applications;

public sealed record TrackingView(string TrackingNumber, string Status, string StatusLabel, string ServiceName, DateTime? SubmittedAt, DateOnly? DueDate,
    bool Overdue, IReadOnlyList<TimelineEntry> Timeline);

public sealed record VerificationView(bool Genuine, string? Code, string? ServiceName, DateTime? IssuedAt, string? IssuedBy, string? IssuedByAgency,
    bool Revoked, DateTime? RevokedAt, string? HolderMasked, string? TrackingNumber, string? RevokedReason = null);

/// <summary>
/// Public look-ups. Tracking needs the number plus the check (<see cref="TrackingCheck"/>: the code on the receipt
/// or the applicant's full NIK), and shows no personal data; any mismatch is the same "not found", so it tells
/// nothing about which part was wrong.
/// </summary>
public sealed class TrackApplication(SatuAtapDb db, CatalogCache cache, MallTime time)
{
    public async Task<Outcome<TrackingView>> HandleAsync(string? trackingNumber, string? check, CancellationToken ct = default)
    {
        var notFound = Outcome<TrackingView>.NotFound(Lang.T("Nomor registrasi atau kode pemeriksa tidak cocok.", "The tracking number or the check does not match."));
        var number = TrackingNumber.Normalize(trackingNumber);
        if (!TrackingNumber.IsWellFormed(number) || string.IsNullOrWhiteSpace(check) || check.Length > 32) return notFound;
        var app = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.TrackingNumber == number, ct);
        if (app is null || app.Status == ApplicationStatus.Draft) return notFound;
        if (!TrackingCheck.Matches(app.CheckCode, app.ApplicantNik, check)) return notFound;
        var service = (await cache.GetAsync(ct)).ServicesById.GetValueOrDefault(app.ServiceId);
        var events = await db.ApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == app.Id).ToListAsync(ct);
        return Outcome<TrackingView>.Ok(new TrackingView(app.TrackingNumber, ApplicationCodes.Status(app.Status), ApplicationCodes.StatusLabel(app.Status),
            service?.DisplayName ?? "", app.SubmittedAtUtc, app.DueDate, SlaClock.IsOverdue(app.DueDate, time.Today, app.Status),
            GetApplication.Timeline(events, includeNotes: false)));
    }

    public async Task<VerificationView> VerifyAsync(string? code, CancellationToken ct = default)
    {
        var c = (code ?? "").Trim().ToUpperInvariant();
        if (!VerificationCode.IsWellFormed(c)) return new VerificationView(false, null, null, null, null, null, false, null, null, null);
        var r = await db.IssuedResults.AsNoTracking().FirstOrDefaultAsync(x => x.VerificationCode == c, ct);
        if (r is null) return new VerificationView(false, c, null, null, null, null, false, null, null, null);
        var number = await db.Applications.AsNoTracking().Where(a => a.Id == r.ApplicationId).Select(a => a.TrackingNumber).FirstOrDefaultAsync(ct);
        return new VerificationView(true, r.VerificationCode, Lang.Pick(r.ServiceName, r.ServiceNameEn), DateTime.SpecifyKind(r.IssuedAtUtc, DateTimeKind.Utc),
            r.IssuedByName, r.IssuedByAgency, r.RevokedAtUtc is not null,
            r.RevokedAtUtc is { } revoked ? DateTime.SpecifyKind(revoked, DateTimeKind.Utc) : null, NameMask.Mask(r.HolderName), number, r.RevokedReason);
    }
}
