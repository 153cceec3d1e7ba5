using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Feedback;
using SatuAtap.Core.Licensing;
using SatuAtap.Core.Outreach;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Insights;

/// <summary>
/// The demo history (setting <c>Demo:HistoryDays</c>, 180 outside the tests): for every working day before the seed date,
/// <list type="bullet">
/// <item>tickets at the building for six services with arrivals shaped by weekday and hour, served first come first
/// served by the counters of <see cref="CountersOpen"/> (so waits grow at the busy hours), some no-shows; about one in
/// eight arrivals came with a booking of that hour's slot (checked in), and some bookings were not kept (no-shows);</item>
/// <item>the demo mobile unit's visit to the stop of that weekday (the circuit of <see cref="OutreachDemo"/>), with its
/// slots, bookings and the tickets served there (so trips are saved);</item>
/// <item>applications submitted, some returned for correction, decided around their due date (some late); survey
/// answers of a fifth of the people served;</item>
/// <item>complaints filed, verified, forwarded and answered (most within the answer deadline, some late and escalated),
/// closed once their closing day has passed, a few rejected;</item>
/// <item>Link-Satu bundles of the demo activity table, each with its NIB application issued.</item>
/// </list>
/// Written as the modules' rules would write them (due dates and deadlines from the working-day calendar, waits from
/// the calls, booking keys from the personal-data protector). Marked demo: tickets of the history use the series
/// <c>HD</c> (numbered 1..n per site and day), applications, bundles and bookings codes starting <c>HD</c>, applicant
/// "Warga Demo"; survey answers, complaints and visits carry their <c>IsDemo</c> flag. Seeded once (when no history
/// ticket exists), about two weeks of records per write, table by table (<c>HistoryRows.WriteAsync</c>); the start-up then
/// has the Insights rebuild keep the figures of those days.
/// </summary>
public static class InsightsDemo
{
    public const string Series = "HD";
    public const string BookingPrefix = "HD";
    public static readonly string[] ServiceCodes = FeedbackDemo.ServiceCodes;

    /// <summary>People arriving for one history service in an hour of a weekday, on average: six, times the weekday's
    /// factor (Monday 1.3, Friday 0.7, else 1) and the hour's (08: 0.8, 09–10: 1.6, 11: 1.2, 12: 0.6, 13–14: 0.8).</summary>
    public static double ArrivalsPerHour(DayOfWeek weekday, int hour) =>
        6.0 * (weekday switch { DayOfWeek.Monday => 1.3, DayOfWeek.Friday => 0.7, _ => 1.0 })
            * (hour switch { 8 => 0.8, 9 or 10 => 1.6, 11 => 1.2, 12 => 0.6, _ => 0.8 });

    /// <summary>The mean minutes at the counter of the history's n-th service (<see cref="ServiceCodes"/> order):
    /// 6, 7.5, 9, … (drawn from an exponential distribution with that mean, at least one minute).</summary>
    public static double MeanServiceMinutes(int serviceIndex) => 6.0 + serviceIndex * 1.5;

    /// <summary>
    /// Counters an agency opens at the building at an hour of a weekday, for <paramref name="erlangs"/> of expected
    /// traffic (the sum over its history services of arrivals per hour × mean service minutes ÷ 60): enough to keep the
    /// expected load per counter at or under 0.7, at least two; except on Monday, when at 09–10 only half of them are
    /// open (at least two; the counters cannot keep up and the queue grows) and at 11 two more, to clear the queue.
    /// Every agency's history services share one first-come-first-served queue of these counters.
    /// </summary>
    public static int CountersOpen(double erlangs, DayOfWeek weekday, int hour)
    {
        var counters = Math.Max(2, (int)Math.Ceiling(erlangs / 0.7 - 1e-9));
        if (weekday == DayOfWeek.Monday && hour is 9 or 10) return Math.Max(2, counters / 2);
        if (weekday == DayOfWeek.Monday && hour == 11) return counters + 2;
        return counters;
    }

    /// <summary>The counters open for an agency whose history services have the given indexes.</summary>
    public static int CountersOpen(IEnumerable<int> serviceIndexes, DayOfWeek weekday, int hour) =>
        CountersOpen(serviceIndexes.Sum(i => ArrivalsPerHour(weekday, hour) * MeanServiceMinutes(i) / 60), weekday, hour);

    private sealed record MobileSite(Guid StopId, Guid SiteId, DayOfWeek Weekday);

    private sealed class Seeding(SatuAtapDb db, MallTime time, WorkingDayCalendar calendar, DateOnly today, Random random, PersonalDataProtector? protector)
    {
        public readonly SatuAtapDb Db = db;
        public readonly MallTime Time = time;
        public readonly WorkingDayCalendar Calendar = calendar;
        public readonly DateOnly Today = today;
        public readonly Random Random = random;
        public int Applications;
        public int Bookings;
        public int Complaints;
        public int Bundles;
        /// <summary>The records generated and not written yet.</summary>
        public readonly HistoryRows Rows = new();
        private readonly Dictionary<Guid, List<Guid>> positions = [];

        /// <summary>The ids of an agency's counter positions in the history, at least <paramref name="count"/>.</summary>
        public List<Guid> CounterPositions(Guid agency, int count)
        {
            if (!positions.TryGetValue(agency, out var list)) positions[agency] = list = [];
            while (list.Count < count) list.Add(Guid.CreateVersion7());
            return list;
        }

        /// <summary>A booking of the slot, made one to five days before; checked in by <paramref name="ticket"/> or
        /// left active (a no-show of a closed day). None when the slot is full.</summary>
        public void Book(Slot slot, Ticket? ticket)
        {
            if (slot.Booked >= slot.Capacity) return;
            var n = ++Bookings;
            var phone = $"0899{n:00000000}";
            var booking = new Booking
            {
                Code = $"{BookingPrefix}{n:0000000}", SlotId = slot.Id, SiteId = slot.SiteId, ServiceId = slot.ServiceId, Day = slot.Day,
                StartUtc = slot.StartUtc, Name = "Warga Demo", Phone = phone, Status = ticket is null ? BookingStatus.Active : BookingStatus.CheckedIn,
                CreatedUtc = slot.StartUtc.AddDays(-1 - Random.Next(5)), CheckedInUtc = ticket?.ArrivedUtc,
                PhoneKey = protector is null ? null : Booking.PersonKey(protector, slot.ServiceId, slot.Day, "p" + phone),
            };
            slot.Booked++;
            if (ticket is not null)
            {
                ticket.BookingId = booking.Id;
                ticket.DueUtc = slot.StartUtc;
            }
            Rows.Bookings.Add(booking);
        }
    }

    /// <summary>The records of the history generated for some days, per table, until they are written.</summary>
    private sealed class HistoryRows
    {
        public readonly List<Slot> Slots = [];
        public readonly List<Booking> Bookings = [];
        public readonly List<Ticket> Tickets = [];
        public readonly List<SurveyResponse> SurveyResponses = [];
        public readonly List<Visit> Visits = [];
        public readonly List<LicensingBundle> LicensingBundles = [];
        public readonly List<Application> Applications = [];
        public readonly List<ApplicationEvent> ApplicationEvents = [];
        public readonly List<Complaint> Complaints = [];

        public int Count => Slots.Count + Bookings.Count + Tickets.Count + SurveyResponses.Count + Visits.Count + LicensingBundles.Count
                            + Applications.Count + ApplicationEvents.Count + Complaints.Count;

        /// <summary>
        /// Writes the rows in one transaction, parents before children (slots before the bookings, tickets and visits that
        /// name them; bundles before their applications; applications before their events), each table timed as a part.
        /// Visits are audited: they go through <c>SaveChangesAsync</c>, which writes their audit entries; the other tables
        /// are written by <see cref="InsertRows"/> (the same rows, without the change tracker).
        /// </summary>
        public async Task WriteAsync(SatuAtapDb db, SeedingParts parts, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await parts.TimeAsync("QueueSlots", () => InsertRows.InsertAsync(db, Slots, ct));
            await parts.TimeAsync("QueueBookings", () => InsertRows.InsertAsync(db, Bookings, ct));
            await parts.TimeAsync("QueueTickets", () => InsertRows.InsertAsync(db, Tickets, ct));
            await parts.TimeAsync("SurveyResponses", () => InsertRows.InsertAsync(db, SurveyResponses, ct));
            await parts.TimeAsync("OutreachVisits (saved, audited)", async () =>
            {
                db.OutreachVisits.AddRange(Visits);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return Visits.Count + Visits.Sum(v => v.Services.Count);
            });
            await parts.TimeAsync("LicensingBundles", () => InsertRows.InsertAsync(db, LicensingBundles, ct));
            await parts.TimeAsync("Applications", () => InsertRows.InsertAsync(db, Applications, ct));
            await parts.TimeAsync("ApplicationEvents", () => InsertRows.InsertAsync(db, ApplicationEvents, ct));
            await parts.TimeAsync("Complaints", () => InsertRows.InsertAsync(db, Complaints, ct));
            await parts.TimeAsync("ComplaintEvents", () => InsertRows.InsertAsync(db, Complaints.SelectMany(c => c.Events).ToList(), ct));
            await parts.TimeAsync("commit", async () =>
            {
                await transaction.CommitAsync(ct);
                return 0;
            });
            Slots.Clear(); Bookings.Clear(); Tickets.Clear(); SurveyResponses.Clear(); Visits.Clear(); LicensingBundles.Clear();
            Applications.Clear(); ApplicationEvents.Clear(); Complaints.Clear();
        }
    }

    /// <summary>
    /// Seeds the history (see the class summary) when there is none; null when it was not seeded. The parts' times and
    /// allocations are returned for the start-up's log: generating the records, then writing each table.
    /// </summary>
    public static async Task<SeedingParts?> SeedAsync(SatuAtapDb db, CatalogSnapshot catalog, TimeProvider clock, int days, CancellationToken ct = default)
    {
        if (days <= 0 || await db.Tickets.AnyAsync(t => t.Series == Series, ct)) return null;
        var parts = new SeedingParts();
        var time = new MallTime(clock, TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Jakarta", out var z) ? z : TimeZoneInfo.Utc);
        var services = ServiceCodes.Select(c => catalog.ServicesByCode.GetValueOrDefault(c)).OfType<ServiceView>().ToList();
        var site = await db.QueueSites.AsNoTracking().Where(s => s.Kind == SiteKind.Building).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (services.Count == 0 || site is not { } building) return null;
        var today = time.Today;
        var s = new Seeding(db, time, catalog.Calendar, today, new Random(20261201), PersonalDataModel.ProtectorOf(db));

        // The mobile unit's circuit (when the Outreach demo is there): the stop of each weekday and the services it takes.
        var unit = await db.OutreachUnits.AsNoTracking().Where(u => u.IsDemo).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var mobile = new List<MobileSite>();
        var visited = new HashSet<(Guid, DateOnly)>();
        if (unit is not null)
        {
            var stops = await db.MobileStops.AsNoTracking().Select(x => new { x.Id, x.Code }).ToListAsync(ct);
            var sites = await db.QueueSites.AsNoTracking().Where(x => x.Kind == SiteKind.Mobile && x.MobileStopId != null)
                .Select(x => new { x.Id, x.MobileStopId }).ToListAsync(ct);
            foreach (var stop in stops)
                if (OutreachDemo.Stops.TryGetValue(stop.Code, out var facts) && sites.FirstOrDefault(x => x.MobileStopId == stop.Id) is { } ms)
                    mobile.Add(new MobileSite(stop.Id, ms.Id, facts.Day));
            foreach (var v in await db.OutreachVisits.AsNoTracking().Where(v => v.UnitId == unit).Select(v => new { v.StopId, v.Day }).ToListAsync(ct))
                visited.Add((v.StopId, v.Day));
        }
        var travelling = OutreachDemo.Services.Select(x => (Service: catalog.ServicesByCode.GetValueOrDefault(x.Code), x.Quota))
            .Where(x => x.Service is not null).Select(x => (Service: x.Service!, x.Quota)).ToList();

        // Link-Satu: the districts, the demo activity table's activities, the NIB service.
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Code, d.Name }).ToListAsync(ct);
        var table = await db.LicensingTables.AsNoTracking().OrderByDescending(t => t.ImportedAtUtc).FirstOrDefaultAsync(ct);
        var kblis = await db.LicensingActivities.AsNoTracking().OrderBy(a => a.Kbli).Select(a => a.Kbli).Take(50).ToListAsync(ct);
        var nib = catalog.ServicesByCode.GetValueOrDefault(PermitKinds.Get(PermitKinds.Nib).ServiceCode);

        var areas = districts.Select(d => (d.Code, d.Name)).ToList();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var day = today.AddDays(-days); day < today; day = day.AddDays(1))
            {
                if (s.Calendar.IsWorkingDay(day))
                    parts.Time("generating", () =>
                    {
                        var before = s.Rows.Count;
                        BuildingDay(s, services, building, day);
                        if (unit is { } u && mobile.FirstOrDefault(m => m.Weekday == day.DayOfWeek) is { } stop && !visited.Contains((stop.StopId, day)))
                            Visit(s, u, stop, travelling, day);
                        ComplaintsOf(s, services, building, day);
                        if (nib is not null && areas.Count > 0 && kblis.Count > 0 && table is not null)
                            BundlesOf(s, nib, areas, kblis, table.Version, day);
                        return s.Rows.Count - before;
                    });
                // A few weeks per write: the generated records held in memory stay a few megabytes.
                if (s.Rows.Count >= RowsPerWrite || day.AddDays(1) == today && s.Rows.Count > 0) await s.Rows.WriteAsync(db, parts, ct);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        return parts;
    }

    /// <summary>Records generated before they are written (about two weeks of the history).</summary>
    private const int RowsPerWrite = 10_000;

    /// <summary>
    /// A day at the building: per agency, the people of its history services arrive at random (a Poisson process per
    /// service at <see cref="ArrivalsPerHour"/>) and wait in one first-come-first-served queue served by the agency's
    /// <see cref="CountersOpen(IEnumerable{int}, DayOfWeek, int)"/>: each person is called by the counter that can call
    /// first (a counter calls only in an hour it is open; one closing at an hour's end finishes its person), so the waits
    /// follow from the arrivals, the service times and the counters. The counter is recorded on the ticket
    /// (<c>CounterId</c>: positions of the history, one id per agency and position, not counters of the catalog).
    /// </summary>
    private static void BuildingDay(Seeding s, List<ServiceView> services, Guid building, DateOnly day)
    {
        var random = s.Random;
        var open = s.Time.ToUtc(day.ToDateTime(new TimeOnly(8, 0)));
        var weekday = day.DayOfWeek;
        var number = 0;
        foreach (var agency in services.Select((service, index) => (service, index)).GroupBy(x => x.service.Agency.Id))
        {
            var indexes = agency.Select(x => x.index).ToList();
            var counters = Enumerable.Range(8, 7).Select(h => CountersOpen(indexes, weekday, h)).ToArray();
            var positions = s.CounterPositions(agency.Key, counters.Max());
            var arrivals = new List<(double At, int Index)>();
            foreach (var (_, index) in agency)
                for (var hour = 8; hour < 15; hour++)
                {
                    var rate = ArrivalsPerHour(weekday, hour);
                    for (var t = Exponential(random, 60 / rate); t < 60; t += Exponential(random, 60 / rate)) arrivals.Add(((hour - 8) * 60 + t, index));
                }
            arrivals.Sort((a, b) => a.At.CompareTo(b.At));
            var free = new double[positions.Count];
            // The first moment at or after t at which counter k is open (after 15:00 the last hour's counters go on).
            double Start(int k, double t)
            {
                while (true)
                {
                    var h = Math.Min(6, (int)(t / 60));
                    if (k < counters[h]) return t;
                    if (h >= 6) return double.PositiveInfinity;
                    t = (h + 1) * 60;
                }
            }
            var slots = new Dictionary<(int, int), Slot>();
            foreach (var (at, index) in arrivals)
            {
                var service = services[index];
                var counter = 0;
                var called = double.PositiveInfinity;
                for (var k = 0; k < free.Length; k++)
                {
                    var when = Start(k, Math.Max(at, free[k]));
                    if (when < called) { called = when; counter = k; }
                }
                var noShow = random.NextDouble() < 0.04;
                var took = noShow ? 1 : Math.Max(1, Exponential(random, MeanServiceMinutes(index)));
                free[counter] = called + took;
                var ticket = new Ticket
                {
                    SiteId = building, ServiceId = service.Id, Series = Series, Day = day, Number = ++number, Status = noShow ? TicketStatus.NoShow : TicketStatus.Done,
                    ArrivedUtc = open.AddMinutes(at), CalledUtc = open.AddMinutes(called), LastCalledUtc = open.AddMinutes(called), CounterId = positions[counter],
                    StartedUtc = noShow ? null : open.AddMinutes(called), FinishedUtc = noShow ? null : open.AddMinutes(called + took),
                };
                s.Rows.Tickets.Add(ticket);
                // About one in eight came with a booking of this hour's slot.
                var hour = 8 + (int)(at / 60);
                if (random.NextDouble() < 0.125)
                {
                    if (!slots.TryGetValue((index, hour), out var slot)) slots[(index, hour)] = slot = Slot(s, building, service.Id, day, hour);
                    s.Book(slot, ticket);
                }
                if (!noShow && random.NextDouble() < 0.2) Survey(s, service, building, day, ticket.FinishedUtc!.Value, ticket.Id);
            }
            // Some booked a place and did not come.
            foreach (var slot in slots.OrderBy(x => x.Key).Select(x => x.Value).ToList())
                if (random.NextDouble() < 0.5) s.Book(slot, null);
        }
        foreach (var service in services) AddApplications(s, service, day, null);
    }

    private static Slot Slot(Seeding s, Guid site, Guid service, DateOnly day, int hour)
    {
        var slot = new Slot
        {
            SiteId = site, ServiceId = service, Day = day, StartUtc = s.Time.ToUtc(day.ToDateTime(new TimeOnly(hour, 0))),
            EndUtc = s.Time.ToUtc(day.ToDateTime(new TimeOnly(hour + 1, 0))), Capacity = 6,
        };
        s.Rows.Slots.Add(slot);
        return slot;
    }

    private static void Survey(Seeding s, ServiceView service, Guid site, DateOnly day, DateTime finishedUtc, Guid ticketId)
    {
        var random = s.Random;
        var low = random.NextDouble() < 0.3;
        byte Score() => (byte)(low ? random.Next(2, 4) : random.Next(3, 5));
        s.Rows.SurveyResponses.Add(new SurveyResponse
        {
            ServiceId = service.Id, AgencyId = service.Agency.Id, SiteId = site, Day = day, SubmittedAtUtc = finishedUtc.AddMinutes(5),
            Channel = SurveyChannel.Kiosk, TicketId = ticketId, U1 = Score(), U2 = Score(), U3 = Score(), U4 = Score(), U5 = Score(), U6 = Score(),
            U7 = Score(), U8 = Score(), U9 = Score(), IsDemo = true,
        });
    }

    /// <summary>The unit's visit of the day to its stop (08:00–14:00), a slot per service with the quota, and the people
    /// served there: most of the quota, some with a booking, a few no-shows; two counters first come first served.</summary>
    private static void Visit(Seeding s, Guid unit, MobileSite stop, List<(ServiceView Service, int Quota)> services, DateOnly day)
    {
        var random = s.Random;
        var visit = new Visit
        {
            UnitId = unit, StopId = stop.StopId, SiteId = stop.SiteId, Day = day, Status = VisitStatus.Planned, IsDemo = true,
            StartUtc = s.Time.ToUtc(day.ToDateTime(new TimeOnly(8, 0))), EndUtc = s.Time.ToUtc(day.ToDateTime(new TimeOnly(14, 0))),
        };
        var free = new double[2];
        var number = 0;
        foreach (var (service, quota) in services)
        {
            var slot = new Slot { SiteId = stop.SiteId, ServiceId = service.Id, Day = day, StartUtc = visit.StartUtc, EndUtc = visit.EndUtc, Capacity = quota };
            s.Rows.Slots.Add(slot);
            visit.Services.Add(new VisitService { VisitId = visit.Id, ServiceId = service.Id, Quota = quota, SlotId = slot.Id });
            var people = (int)Math.Round(quota * (0.6 + random.NextDouble() * 0.4));
            var arrivals = Enumerable.Range(0, people).Select(_ => random.NextDouble() * 300).Order().ToList();
            foreach (var at in arrivals)
            {
                var counter = free[0] <= free[1] ? 0 : 1;
                var called = Math.Max(at, free[counter]);
                var noShow = random.NextDouble() < 0.05;
                var took = noShow ? 1 : Math.Max(1, Exponential(random, 7));
                free[counter] = called + took;
                var ticket = new Ticket
                {
                    SiteId = stop.SiteId, ServiceId = service.Id, Series = Series, Day = day, Number = ++number, Status = noShow ? TicketStatus.NoShow : TicketStatus.Done,
                    ArrivedUtc = visit.StartUtc.AddMinutes(at), CalledUtc = visit.StartUtc.AddMinutes(called), LastCalledUtc = visit.StartUtc.AddMinutes(called),
                    StartedUtc = noShow ? null : visit.StartUtc.AddMinutes(called), FinishedUtc = noShow ? null : visit.StartUtc.AddMinutes(called + took),
                };
                s.Rows.Tickets.Add(ticket);
                if (random.NextDouble() < 0.3) s.Book(slot, ticket);
            }
            if (random.NextDouble() < 0.4) s.Book(slot, null);
        }
        s.Rows.Visits.Add(visit);
    }

    /// <summary>
    /// Applications of the day for a service; with <paramref name="bundle"/> the NIB application of a Link-Satu bundle.
    /// Most are decided by the due date; about one in seven one to three working days late; a return pauses the clock
    /// two working days.
    /// </summary>
    private static Application? AddApplications(Seeding s, ServiceView service, DateOnly day, LicensingBundle? bundle)
    {
        var random = s.Random;
        var calendar = s.Calendar;
        var workingDays = service.Standard.CompletionWorkingDays;
        Application? last = null;
        for (var i = 0; i < (bundle is null ? 2 : 1); i++)
        {
            var submitted = bundle?.CreatedAtUtc ?? s.Time.ToUtc(day.ToDateTime(new TimeOnly(9 + random.Next(6), random.Next(60))));
            var due = workingDays > 0 ? calendar.AddWorkingDays(day, workingDays) : (DateOnly?)null;
            var returned = bundle is null && random.NextDouble() < 0.1;
            var late = random.NextDouble() < 0.15 ? random.Next(1, 4) : 0;
            var decidedOn = due is { } d ? calendar.AddWorkingDays(d, late) : day;
            if (due is not null && late == 0 && random.NextDouble() < 0.5 && calendar.AddWorkingDays(day, 1) < due) decidedOn = calendar.AddWorkingDays(day, 1);
            if (returned && due is not null) { due = calendar.AddWorkingDays(due.Value, 2); decidedOn = calendar.AddWorkingDays(decidedOn, 2); }
            var open = decidedOn >= s.Today;
            var app = new Application
            {
                TrackingNumber = $"HD-{day:yyMMdd}-{++s.Applications:00000}", ServiceId = service.Id, AgencyId = service.Agency.Id, CurrentAgencyId = service.Agency.Id,
                ApplicantName = "Warga Demo", Status = open ? ApplicationStatus.InProcess : ApplicationStatus.Issued, IsOpen = open, CreatedAtUtc = submitted,
                SubmittedAtUtc = submitted, SubmittedOn = day, DueDate = due, BundleId = bundle?.Id,
                DecidedAtUtc = open ? null : s.Time.ToUtc(decidedOn.ToDateTime(new TimeOnly(14, 0))),
            };
            s.Rows.Applications.Add(app);
            s.Rows.ApplicationEvents.Add(new ApplicationEvent { ApplicationId = app.Id, AtUtc = submitted, ActorName = "Warga Demo", Action = ApplicationAction.Submit, ToStatus = ApplicationStatus.Submitted });
            if (returned)
                s.Rows.ApplicationEvents.Add(new ApplicationEvent
                {
                    ApplicationId = app.Id, AtUtc = submitted.AddDays(1), ActorName = "Petugas Demo", Action = ApplicationAction.Return,
                    FromStatus = ApplicationStatus.InVerification, ToStatus = ApplicationStatus.ReturnedForCorrection,
                });
            if (!open)
                s.Rows.ApplicationEvents.Add(new ApplicationEvent
                {
                    ApplicationId = app.Id, AtUtc = app.DecidedAtUtc!.Value, ActorName = "Petugas Demo", Action = ApplicationAction.Issue,
                    FromStatus = ApplicationStatus.Approved, ToStatus = ApplicationStatus.Issued,
                });
            last = app;
        }
        return last;
    }

    private static readonly string[] ComplaintTexts =
    [
        "Antrian terlalu lama di jam sibuk.", "Petugas loket tidak ramah.", "Persyaratan di situs berbeda dengan di loket.",
        "Dokumen belum jadi sesuai jadwal.", "Ruang tunggu panas, pendingin udara mati.", "Nomor antrian habis sebelum siang.",
    ];

    /// <summary>Complaints filed on the day (about three a week) and carried through the desk's steps with the deadlines
    /// of <see cref="ComplaintDeadlines"/>: verified and forwarded the next working day, answered within the answer
    /// deadline or (every fifth, from the first) one to three working days after it (then escalated the day after the deadline), closed
    /// once the closing day has passed; every twelfth rejected.</summary>
    private static void ComplaintsOf(Seeding s, List<ServiceView> services, Guid building, DateOnly day)
    {
        var random = s.Random;
        if (random.NextDouble() >= 0.6) return;
        var calendar = s.Calendar;
        var deadlines = new ComplaintDeadlines();
        var service = services[random.Next(services.Count)];
        var n = ++s.Complaints;
        var at = s.Time.ToUtc(day.ToDateTime(new TimeOnly(10 + random.Next(5), random.Next(60))));
        var text = ComplaintTexts[random.Next(ComplaintTexts.Length)];
        var c = new Complaint
        {
            Number = $"ADU-{day.Year % 100:00}-HD{n:00000}", CheckCode = TrackingCheck.New(random.Next), ServiceId = service.Id, AgencyId = service.Agency.Id,
            SiteId = building, Text = text, ReporterName = "Warga Demo", Status = ComplaintStatus.Submitted, SubmittedAtUtc = at, SubmittedOn = day,
            UpdatedAtUtc = at, ForwardDue = deadlines.ForwardDue(calendar, day), IsDemo = true,
        };
        c.Events.Add(new ComplaintEvent { ComplaintId = c.Id, AtUtc = at, Action = ComplaintAction.File, ToStatus = ComplaintStatus.Submitted, Public = true });
        var yesterday = s.Today.AddDays(-1);
        bool Step(DateOnly on, ComplaintAction action, ComplaintStatus to, string by, string? note)
        {
            if (on > yesterday) return false;
            var when = s.Time.ToUtc(on.ToDateTime(new TimeOnly(11, 0)));
            c.Events.Add(new ComplaintEvent { ComplaintId = c.Id, AtUtc = when, Action = action, FromStatus = c.Status, ToStatus = to, ActorName = by, Text = note, Public = true });
            c.Status = to;
            c.UpdatedAtUtc = when;
            return true;
        }
        var next = calendar.AddWorkingDays(day, 1);
        if (n % 12 == 7)
        {
            if (Step(next, ComplaintAction.Reject, ComplaintStatus.Rejected, "Meja pengaduan", "Isi pengaduan tidak dapat ditindaklanjuti.")) c.ClosedAtUtc = c.UpdatedAtUtc;
        }
        else if (Step(next, ComplaintAction.Verify, ComplaintStatus.Verified, "Meja pengaduan", null))
        {
            c.PublicText = text;
            if (Step(next, ComplaintAction.Forward, ComplaintStatus.Forwarded, "Meja pengaduan", null))
            {
                c.ForwardedOn = next;
                var answerDue = deadlines.AnswerDue(calendar, next);
                c.AnswerDue = answerDue;
                var late = n % 5 == 1;
                var answeredOn = late ? calendar.AddWorkingDays(answerDue, random.Next(1, 4)) : calendar.AddWorkingDays(next, random.Next(1, deadlines.AnswerWorkingDays + 1));
                var escalateOn = answerDue.AddDays(1);
                if (answeredOn > answerDue && escalateOn <= yesterday)
                {
                    c.EscalatedAtUtc = s.Time.ToUtc(escalateOn.ToDateTime(new TimeOnly(0, 5)));
                    c.Events.Add(new ComplaintEvent { ComplaintId = c.Id, AtUtc = c.EscalatedAtUtc.Value, Action = ComplaintAction.Escalate, FromStatus = c.Status, ToStatus = c.Status, ActorName = "Sistem" });
                }
                if (Step(answeredOn, ComplaintAction.Answer, ComplaintStatus.Answered, service.Agency.Code, "Terima kasih atas laporannya. Sudah kami tindak lanjuti."))
                {
                    c.AnsweredOn = answeredOn;
                    c.CloseOn = deadlines.CloseOn(calendar, answeredOn);
                    if (Step(c.CloseOn.Value, ComplaintAction.Close, ComplaintStatus.Closed, "Meja pengaduan", null)) c.ClosedAtUtc = c.UpdatedAtUtc;
                }
            }
        }
        s.Rows.Complaints.Add(c);
    }

    /// <summary>Link-Satu bundles made on the day (about two a week) in a district of the regency, for one activity of the
    /// demo table, with planned investment and jobs by scale; each with its NIB application, issued.</summary>
    private static void BundlesOf(Seeding s, ServiceView nib, List<(string Code, string Name)> districts, List<string> kblis, string tableVersion, DateOnly day)
    {
        var random = s.Random;
        if (random.NextDouble() >= 0.4) return;
        var (code, name) = districts[random.Next(districts.Count)];
        var capital = (long)random.Next(5, 400) * 10_000_000;
        var scale = RiskCodes.ScaleOf(capital);
        var at = s.Time.ToUtc(day.ToDateTime(new TimeOnly(9 + random.Next(6), random.Next(60))));
        var bundle = new LicensingBundle
        {
            TrackingNumber = $"HD-LS-{day:yyMMdd}-{++s.Bundles:0000}", CheckCode = TrackingCheck.New(random.Next), DistrictCode = code, DistrictName = name,
            CapitalRupiah = capital, InvestmentRupiah = capital + (long)random.Next(0, 50) * 10_000_000, Employees = scale switch
            {
                BusinessScale.Micro => random.Next(1, 5),
                BusinessScale.Small => random.Next(5, 20),
                _ => random.Next(20, 100),
            },
            Scale = RiskCodes.Code(scale), Kblis = kblis[random.Next(kblis.Count)], TableVersion = tableVersion, CreatedAtUtc = at, CreatedOn = day,
            PlanJson = new BundlePlan(new() { [nib.Code] = [PermitKinds.Nib] }, []).ToJson(),
        };
        s.Rows.LicensingBundles.Add(bundle);
        AddApplications(s, nib, day, bundle);
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());
}
