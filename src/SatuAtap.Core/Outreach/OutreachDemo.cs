using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Outreach;

/// <summary>
/// The demo circuit: one unit, the five stops' places (the district offices; coordinates, distances and travel times
/// are demo values), a weekly visit to every stop for the eight weeks after the seed date (skipping days off), each
/// with the services of five travelling agencies and bookable quotas, and three past visits with recorded tickets so
/// that the reports show figures, among them a few applications taken there. Seeded once, when there is no unit yet.
/// </summary>
public static class OutreachDemo
{
    internal sealed record StopFacts(DayOfWeek Day, double Lat, double Lon, double Km, int Minutes);

    /// <summary>Each demo stop's place and its weekday on the circuit (the Insights history visits it on that weekday too).</summary>
    internal static readonly Dictionary<string, StopFacts> Stops = new(StringComparer.Ordinal)
    {
        ["CISAAT"] = new(DayOfWeek.Monday, -6.9078, 106.8933, 74, 150),
        ["SURADE"] = new(DayOfWeek.Tuesday, -7.3386, 106.5544, 62, 130),
        ["SUKARAJA"] = new(DayOfWeek.Wednesday, -6.9117, 106.9586, 82, 165),
        ["CICURUG"] = new(DayOfWeek.Thursday, -6.7836, 106.7828, 78, 160),
        ["PALABUHANRATU"] = new(DayOfWeek.Friday, -6.9869, 106.5461, 4, 15),
    };

    /// <summary>Services of five agencies that travel (mobile channel, agreement in force), with their demo quotas.</summary>
    public static readonly (string Code, int Quota)[] Services =
        [("DKP-KTP", 30), ("DKP-KK", 20), ("POL-SKCK", 20), ("BPD-PBB-SPPT", 15), ("BKS-DAFTAR", 15), ("PTSP-NIB", 10)];

    public static async Task<bool> SeedAsync(SatuAtapDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.OutreachUnits.AnyAsync(ct)) return false;
        var stops = await db.MobileStops.ToListAsync(ct);
        var sites = await db.QueueSites.AsNoTracking().Where(s => s.Kind == SiteKind.Mobile && s.MobileStopId != null).ToListAsync(ct);
        if (stops.Count == 0 || sites.Count == 0) return false;
        foreach (var stop in stops)
        {
            if (!Stops.TryGetValue(stop.Code, out var facts) || stop.Latitude is not null) continue;
            stop.Latitude = facts.Lat;
            stop.Longitude = facts.Lon;
            stop.RoadDistanceKm = facts.Km;
            stop.TravelMinutes = facts.Minutes;
            stop.Facilities = "Halaman kantor kecamatan, tenda dan kursi tunggu, toilet (demo)";
        }
        var unit = new OutreachUnit { Name = "MPP Keliling 1", Vehicle = "Bus layanan keliling, F 1234 SM (demo)", Crew = "Pengemudi dan koordinator lapangan DPMPTSP (demo)", IsDemo = true };
        db.OutreachUnits.Add(unit);
        var codes = Services.Select(s => s.Code).ToArray();
        var services = await db.Services.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var daysOff = (await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct)).ToHashSet();
        var zone = sites[0].Zone;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = SiteClock.Today(now, zone);

        Visit Add(Guid stopId, Guid siteId, DateOnly day)
        {
            var visit = new Visit
            {
                UnitId = unit.Id, StopId = stopId, SiteId = siteId, Day = day, Status = VisitStatus.Planned, IsDemo = true,
                StartUtc = SiteClock.ToUtc(day.ToDateTime(new TimeOnly(8, 0)), zone), EndUtc = SiteClock.ToUtc(day.ToDateTime(new TimeOnly(14, 0)), zone),
            };
            foreach (var (code, quota) in Services)
            {
                if (!services.TryGetValue(code, out var serviceId)) continue;
                var slot = new Slot { SiteId = siteId, ServiceId = serviceId, Day = day, StartUtc = visit.StartUtc, EndUtc = visit.EndUtc, Capacity = quota };
                db.Slots.Add(slot);
                visit.Services.Add(new VisitService { VisitId = visit.Id, ServiceId = serviceId, Quota = quota, SlotId = slot.Id });
            }
            db.OutreachVisits.Add(visit);
            return visit;
        }

        var past = new List<Visit>();
        foreach (var stop in stops)
        {
            if (!Stops.TryGetValue(stop.Code, out var facts)) continue;
            var site = sites.FirstOrDefault(s => s.MobileStopId == stop.Id);
            if (site is null) continue;
            for (var day = today.AddDays(1); day <= today.AddDays(56); day = day.AddDays(1))
                if (day.DayOfWeek == facts.Day && !daysOff.Contains(day)) Add(stop.Id, site.Id, day);
            // The last visit before the seed date to three of the stops, with what was recorded there.
            if (stop.Code is "SURADE" or "CISAAT" or "CICURUG")
            {
                var day = today.AddDays(-1);
                while (day.DayOfWeek != facts.Day || daysOff.Contains(day)) day = day.AddDays(-1);
                past.Add(Add(stop.Id, site.Id, day));
            }
        }
        await db.SaveChangesAsync(ct);

        var letters = await db.QueueSeries.AsNoTracking().ToDictionaryAsync(s => s.AgencyId, s => s.Letter, ct);
        var agencyOf = await db.Services.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Id, s => s.AgencyId, ct);
        var people = 0;
        foreach (var visit in past)
        {
            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
            var i = 0;
            foreach (var vs in visit.Services)
            {
                var letter = letters.GetValueOrDefault(agencyOf[vs.ServiceId], "Z");
                // More people asked for ID cards than the quota: the ranking of demand over quota has something to show.
                var count = vs.Quota + (vs.Quota >= 30 ? 6 : -vs.Quota / 3) - (people % 3);
                for (var n = 0; n < count; n++, i++)
                {
                    var number = numbers[letter] = numbers.GetValueOrDefault(letter) + 1;
                    var arrived = visit.StartUtc.AddMinutes(n * 9 + i % 7);
                    var called = arrived.AddMinutes(8 + (n * 7 + i) % 25);
                    var noShow = n % 11 == 10;
                    db.Tickets.Add(new Ticket
                    {
                        SiteId = visit.SiteId, ServiceId = vs.ServiceId, Series = letter, Day = visit.Day, Number = number,
                        Status = noShow ? TicketStatus.NoShow : TicketStatus.Done, ArrivedUtc = arrived, CalledUtc = called, LastCalledUtc = called,
                        StartedUtc = noShow ? null : called.AddMinutes(1), FinishedUtc = noShow ? null : called.AddMinutes(9 + n % 6),
                    });
                }
                people++;
            }
            AddApplications(db, visit, stops.First(s => s.Id == visit.StopId).Code, agencyOf, services.ToDictionary(kv => kv.Value, kv => kv.Key));
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Applications officers took at a past demo visit (decided since): a few per service, marked demo.</summary>
    private static void AddApplications(SatuAtapDb db, Visit visit, string stopCode, Dictionary<Guid, Guid> agencyOf,
        Dictionary<Guid, string> codeOf)
    {
        var taken = new Dictionary<string, int>(StringComparer.Ordinal) { ["DKP-KTP"] = 4, ["DKP-KK"] = 3, ["POL-SKCK"] = 2, ["PTSP-NIB"] = 1 };
        var number = 0;
        foreach (var vs in visit.Services)
        {
            var code = codeOf.GetValueOrDefault(vs.ServiceId);
            if (code is null || !taken.TryGetValue(code, out var count)) continue;
            for (var n = 0; n < count; n++)
            {
                var at = visit.StartUtc.AddMinutes(20 + ++number * 17);
                var app = new Application
                {
                    TrackingNumber = $"KL-{visit.Day:yyMMdd}-{stopCode[..Math.Min(3, stopCode.Length)]}{number:000}", ServiceId = vs.ServiceId,
                    AgencyId = agencyOf[vs.ServiceId], CurrentAgencyId = agencyOf[vs.ServiceId], ApplicantName = "Warga Demo (keliling)",
                    Status = ApplicationStatus.Issued, IsOpen = false, CreatedAtUtc = at, SubmittedAtUtc = at, SubmittedOn = visit.Day,
                    DecidedAtUtc = visit.EndUtc, SiteId = visit.SiteId,
                };
                db.Applications.Add(app);
                db.ApplicationEvents.Add(new ApplicationEvent
                {
                    ApplicationId = app.Id, AtUtc = at, ActorName = "Petugas Demo", Action = ApplicationAction.Submit, ToStatus = ApplicationStatus.Submitted,
                });
            }
        }
    }
}
