using SatuAtap.Core.Common;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

/// <summary>
/// At a mobile site the kiosk issues tickets only for the services of that day's visit (not cancelled): on a day
/// without a visit it refuses and names the next visit; a service the visit does not bring is refused too. Other
/// sites are not limited.
/// </summary>
public sealed class VisitOffer(ScheduleCache schedule, OutreachReads reads) : ISiteOffer
{
    public async ValueTask<string?> RefusalAsync(Site site, Guid serviceId, DateOnly day, CancellationToken ct)
    {
        if (site.Kind != SiteKind.Mobile) return null;
        var snapshot = await schedule.GetAsync(ct);
        var visits = snapshot.Visits.Where(v => v.SiteId == site.Id && v.Day == day && v.Status != VisitStatus.Cancelled).ToList();
        if (visits.Any(v => v.Services.Any(s => s.ServiceId == serviceId))) return null;
        if (visits.Count > 0)
            return Lang.T("Layanan ini tidak dibawa pada kunjungan MPP keliling hari ini.", "This service is not offered at today's mobile-unit visit.");
        var next = (await reads.AtSiteAsync(site.Id, ct)).FirstOrDefault(v => DateOnly.FromDateTime(v.Start.DateTime) > day);
        return next is null
            ? Lang.T("Hari ini tidak ada kunjungan MPP keliling di lokasi ini.", "There is no mobile-unit visit at this site today.")
            : Lang.T($"Hari ini tidak ada kunjungan MPP keliling di lokasi ini; kunjungan berikutnya: {VisitTimes.Span(next.Start, next.End, next.Stop.TimeZone, english: false)}.",
                $"There is no mobile-unit visit at this site today; the next visit: {VisitTimes.Span(next.Start, next.End, next.Stop.TimeZone, english: true)}.");
    }
}
