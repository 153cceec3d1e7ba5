using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Feedback;

/// <summary>A complaint as filed: the text and what it is about (a service, an agency or a site), a way to reach the reporter, a place.</summary>
public sealed record ComplaintInput(string? Text, string? ServiceId = null, string? AgencyId = null, string? SiteId = null,
    string? Name = null, string? Email = null, string? Phone = null, double? Latitude = null, double? Longitude = null, string? Address = null);

/// <summary>An attached photo or PDF, already read (its type told by its content).</summary>
public sealed record ComplaintAttachment(byte[] Content, string ContentType);

/// <summary>
/// Files a complaint: anyone may; the text is required; the service, agency or site named must exist. It gets a tracking
/// number and a check code (given once, to the reporter), and the day by which the desk forwards it.
/// </summary>
public sealed class FileComplaint(SatuAtapDb db, CatalogCache catalog, MallTime time, FileStore files, IOptions<FeedbackOptions> options)
{
    public async Task<Outcome<ComplaintView>> HandleAsync(ComplaintInput input, ComplaintAttachment? attachment, Caller caller,
        Guid? open311ClientId = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.Required("text", input.Text, Complaint.MaxText);
        errors.Optional("name", input.Name, 200);
        errors.Optional("email", input.Email, 254);
        errors.Optional("address", input.Address, 300);
        if (!string.IsNullOrWhiteSpace(input.Email) && !input.Email.Contains('@', StringComparison.Ordinal))
            errors.Add("email", Lang.T("Alamat email tidak valid.", "Not a valid email address."));
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            phone = PhoneNumber.Normalize(input.Phone);
            if (phone is null) errors.Add("phone", Lang.T("Nomor telepon tidak valid.", "Not a valid phone number."));
        }
        if (input.Latitude is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90)) errors.Add("lat", Lang.T("Lintang harus -90 sampai 90.", "Latitude must be -90 to 90."));
        if (input.Longitude is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180)) errors.Add("long", Lang.T("Bujur harus -180 sampai 180.", "Longitude must be -180 to 180."));
        if (input.Latitude.HasValue != input.Longitude.HasValue) errors.Add("lat", Lang.T("Isi lintang dan bujur bersama.", "Give latitude and longitude together."));
        var snapshot = await catalog.GetAsync(ct);
        ServiceView? service = null;
        if (!string.IsNullOrWhiteSpace(input.ServiceId) && (service = snapshot.FindService(input.ServiceId.Trim())) is null)
            errors.Add("serviceId", Lang.T("Layanan tidak ditemukan.", "Unknown service."));
        AgencyView? agency = null;
        if (!string.IsNullOrWhiteSpace(input.AgencyId) && (agency = snapshot.FindAgency(input.AgencyId.Trim())) is null)
            errors.Add("agencyId", Lang.T("Instansi tidak ditemukan.", "Unknown agency."));
        Guid? siteId = null;
        if (!string.IsNullOrWhiteSpace(input.SiteId))
        {
            if (Guid.TryParse(input.SiteId, out var s) && await db.QueueSites.AnyAsync(x => x.Id == s, ct)) siteId = s;
            else errors.Add("siteId", Lang.T("Lokasi tidak ditemukan.", "Unknown site."));
        }
        if (attachment is not null && attachment.Content.Length > options.Value.MaxAttachmentBytes)
            errors.Add("file", Lang.T($"Berkas paling besar {options.Value.MaxAttachmentBytes:N0} bita.", $"The file may be at most {options.Value.MaxAttachmentBytes:N0} bytes."));
        if (errors.Any) return Outcome<ComplaintView>.Invalid(errors.ToDictionary());

        var now = time.UtcNow;
        var today = time.Today;
        var complaint = new Complaint
        {
            Number = TrackingNumber.New("ADU", today.Year),
            CheckCode = TrackingCheck.New(),
            ServiceId = service?.Id,
            AgencyId = service?.Agency.Id ?? agency?.Id,
            SiteId = siteId,
            Text = input.Text!.Trim(),
            ReporterName = Blank(input.Name),
            ReporterEmail = Blank(input.Email),
            ReporterPhone = phone,
            ReporterUserId = caller.UserId,
            Latitude = input.Latitude,
            Longitude = input.Longitude,
            Address = Blank(input.Address),
            Status = ComplaintStatus.Submitted,
            SubmittedAtUtc = now,
            SubmittedOn = today,
            UpdatedAtUtc = now,
            ForwardDue = options.Value.Deadlines.ForwardDue(snapshot.Calendar, today),
            Open311ClientId = open311ClientId,
        };
        if (attachment is not null)
        {
            complaint.AttachmentKey = await files.SaveAsync(new MemoryStream(attachment.Content), $"complaints/{complaint.Id:N}", ct);
            complaint.AttachmentType = attachment.ContentType;
        }
        complaint.Events.Add(new ComplaintEvent
        {
            ComplaintId = complaint.Id, AtUtc = now, Action = ComplaintAction.File, ToStatus = ComplaintStatus.Submitted, ActorUserId = caller.UserId, Public = true,
        });
        db.Set<Complaint>().Add(complaint);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException e) when (attempt < 3 && UniqueViolation.Is(e))
            {
                complaint.Number = TrackingNumber.New("ADU", today.Year);
            }
        }
        var view = ComplaintView.Of(complaint, snapshot, today, full: true, staff: false) with { CheckCode = complaint.CheckCode };
        return Outcome<ComplaintView>.Created(view);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
