using SatuAtap.Core.Outreach;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Insights;

public sealed record TicketRecord(Guid SiteId, Guid ServiceId, DateOnly Day, int Hop, TicketStatus Status, DateTime ArrivedUtc, DateTime? CalledUtc,
    DateTime? StartedUtc, DateTime? FinishedUtc);

/// <summary>A booking of a closed day: checked in (kept) or still active (a no-show); cancelled ones are not read.</summary>
public sealed record BookingRecord(Guid SiteId, Guid ServiceId, DateOnly Day, bool CheckedIn);

/// <summary>An application decided on <see cref="DecidedOn"/> (the mall's date).</summary>
public sealed record ApplicationRecord(Guid AgencyId, Guid ServiceId, DateOnly DecidedOn, DateOnly? DueDate, bool Online, bool PermitIssued);

public sealed record ReturnRecord(Guid AgencyId, Guid ServiceId, DateOnly Day);

public sealed record SurveyRecord(Guid AgencyId, Guid ServiceId, Guid? SiteId, DateOnly Day, byte[] Scores);

public sealed record ComplaintRecord(Guid? AgencyId, Guid? ServiceId, Guid? SiteId, DateOnly AnsweredOn, DateOnly? AnswerDue);

public sealed record BundleRecord(DateOnly Day, string DistrictCode, long InvestmentRupiah, int Jobs);

public sealed record DayRecords(
    IReadOnlyList<TicketRecord> Tickets, IReadOnlyList<BookingRecord> Bookings, IReadOnlyList<ApplicationRecord> Applications,
    IReadOnlyList<ReturnRecord> Returns, IReadOnlyList<SurveyRecord> Surveys, IReadOnlyList<ComplaintRecord> Complaints,
    IReadOnlyList<BundleRecord> Bundles);

/// <summary>What the builder needs to know of services and sites.</summary>
public sealed record ServiceFacts(Guid AgencyId, bool Free);

/// <summary>A site's district, and for a mobile stop its distance and travel time to the mall (trips saved).</summary>
public sealed record SiteFacts(string District, bool Mobile, double RoadDistanceKm, int TravelMinutes);

public sealed record BuildContext(IReadOnlyDictionary<Guid, ServiceFacts> Services, IReadOnlyDictionary<Guid, SiteFacts> Sites, long CostPerKmRupiah);

/// <summary>Turns the records of some days into their day rows (pure): what the rebuild writes and what a test recomputes.</summary>
public static class DayBuilder
{
    public static List<InsightDay> Build(DayRecords records, BuildContext context)
    {
        var rows = new Dictionary<(DateOnly, Guid, Guid, Guid, string), InsightDay>();
        var waits = new Dictionary<InsightDay, Dictionary<int, int>>();
        InsightDay Row(DateOnly day, Guid agency, Guid site, Guid service, string district)
        {
            var key = (day, agency, site, service, district);
            if (!rows.TryGetValue(key, out var row))
                rows[key] = row = new InsightDay { Day = day, AgencyId = agency, SiteId = site, ServiceId = service, District = district };
            return row;
        }
        Guid AgencyOf(Guid service) => context.Services.TryGetValue(service, out var s) ? s.AgencyId : Guid.Empty;
        bool Free(Guid service) => context.Services.TryGetValue(service, out var s) && s.Free;
        string DistrictOf(Guid? site) => site is { } id && context.Sites.TryGetValue(id, out var s) ? s.District : "";

        foreach (var t in records.Tickets)
        {
            var row = Row(t.Day, AgencyOf(t.ServiceId), t.SiteId, t.ServiceId, DistrictOf(t.SiteId));
            if (t.Hop == 0)
            {
                row.People++;
                if (t.CalledUtc is { } called)
                {
                    var minutes = WaitHistogram.Minutes(t.ArrivedUtc, called);
                    if (!waits.TryGetValue(row, out var h)) waits[row] = h = [];
                    h[minutes] = h.GetValueOrDefault(minutes) + 1;
                    row.WaitCount++;
                    row.WaitSeconds += (long)Math.Max(0, (called - t.ArrivedUtc).TotalSeconds);
                }
            }
            if (t.Status == TicketStatus.Done)
            {
                row.TicketsServed++;
                if (Free(t.ServiceId)) row.FreeServed++;
                if (t.StartedUtc is { } start && t.FinishedUtc is { } end)
                {
                    row.ServiceCount++;
                    row.ServiceSeconds += (long)Math.Max(0, (end - start).TotalSeconds);
                }
            }
        }
        foreach (var b in records.Bookings)
        {
            var row = Row(b.Day, AgencyOf(b.ServiceId), b.SiteId, b.ServiceId, DistrictOf(b.SiteId));
            if (b.CheckedIn) row.BookingsKept++; else row.BookingNoShows++;
        }
        foreach (var a in records.Applications)
        {
            var row = Row(a.DecidedOn, a.AgencyId, Guid.Empty, a.ServiceId, "");
            row.ApplicationsCompleted++;
            if (a.DueDate is not null) row.ApplicationsWithDue++;
            if (a.DueDate is not null && InsightFigures.OnTime(a.DecidedOn, a.DueDate)) row.ApplicationsOnTime++;
            if (a.Online) row.ApplicationsOnline++;
            if (a.PermitIssued) row.PermitsIssued++;
            if (Free(a.ServiceId)) row.FreeServed++;
        }
        foreach (var r in records.Returns) Row(r.Day, r.AgencyId, Guid.Empty, r.ServiceId, "").Returns++;
        foreach (var s in records.Surveys)
        {
            var row = Row(s.Day, s.AgencyId, s.SiteId ?? Guid.Empty, s.ServiceId, DistrictOf(s.SiteId));
            row.SurveyResponses++;
            row.U1 += s.Scores[0]; row.U2 += s.Scores[1]; row.U3 += s.Scores[2]; row.U4 += s.Scores[3]; row.U5 += s.Scores[4];
            row.U6 += s.Scores[5]; row.U7 += s.Scores[6]; row.U8 += s.Scores[7]; row.U9 += s.Scores[8];
        }
        foreach (var c in records.Complaints)
        {
            var row = Row(c.AnsweredOn, c.AgencyId ?? (c.ServiceId is { } sv ? AgencyOf(sv) : Guid.Empty), c.SiteId ?? Guid.Empty,
                c.ServiceId ?? Guid.Empty, DistrictOf(c.SiteId));
            row.ComplaintsAnswered++;
            if (InsightFigures.AnsweredOnTime(c.AnsweredOn, c.AnswerDue)) row.ComplaintsAnsweredOnTime++;
        }
        foreach (var b in records.Bundles)
        {
            var row = Row(b.Day, Guid.Empty, Guid.Empty, Guid.Empty, b.DistrictCode);
            row.Bundles++;
            row.InvestmentRupiah += b.InvestmentRupiah;
            row.Jobs += b.Jobs;
        }
        foreach (var row in rows.Values)
        {
            if (waits.TryGetValue(row, out var h)) row.Waits = WaitHistogram.Write(h);
            // Trips saved (Outreach's rule): each person served at a mobile stop did not travel to the mall.
            if (row.TicketsServed > 0 && context.Sites.TryGetValue(row.SiteId, out var site) && site.Mobile)
            {
                var trips = TripsSaved.Of(row.TicketsServed, site.RoadDistanceKm, site.TravelMinutes, context.CostPerKmRupiah);
                row.TripsPeople = trips.People;
                row.TripsKm = trips.Kilometres;
                row.TripsHours = trips.Hours;
                row.TripsFareRupiah = trips.FareRupiah;
            }
        }
        return rows.Values.OrderBy(r => r.Day).ThenBy(r => r.AgencyId).ThenBy(r => r.SiteId).ThenBy(r => r.ServiceId).ThenBy(r => r.District, StringComparer.Ordinal).ToList();
    }
}
