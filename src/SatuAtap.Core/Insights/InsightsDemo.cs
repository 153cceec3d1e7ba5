using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Feedback;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Insights;

/// <summary>
/// The demo history (setting <c>Demo:HistoryDays</c>, 180 outside the tests): for every working day before the seed date,
/// tickets at the building for six services with arrivals shaped by weekday and hour, served first come first served by
/// two counters per service (so waits grow at the busy hours), some no-shows; applications submitted, some returned for
/// correction, decided around their due date (some late); survey answers of a fifth of the people served. Written as the
/// modules' rules would write them (due dates from the working-day calendar, waits from the calls). Tickets of the
/// history use the series <c>HD</c>, applications tracking numbers starting <c>HD-</c> and applicant "Warga Demo";
/// survey answers are marked demo. Seeded once (when no history ticket exists); the figures are kept by the Insights job.
/// </summary>
public static class InsightsDemo
{
    public const string Series = "HD";
    public static readonly string[] ServiceCodes = FeedbackDemo.ServiceCodes;
    private const int Counters = 2;

    public static async Task<bool> SeedAsync(SatuAtapDb db, CatalogSnapshot catalog, TimeProvider clock, int days, CancellationToken ct = default)
    {
        if (days <= 0 || await db.Tickets.AnyAsync(t => t.Series == Series, ct)) return false;
        var time = new MallTime(clock, TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Jakarta", out var z) ? z : TimeZoneInfo.Utc);
        var services = ServiceCodes.Select(c => catalog.ServicesByCode.GetValueOrDefault(c)).OfType<ServiceView>().ToList();
        var site = await db.QueueSites.AsNoTracking().Where(s => s.Kind == SiteKind.Building).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (services.Count == 0 || site is not { } building) return false;
        var random = new Random(20261201);
        var today = time.Today;
        var calendar = catalog.Calendar;
        var number = 0;
        for (var day = today.AddDays(-days); day < today; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day)) continue;
            // Monday is the busiest day, Friday the quietest.
            var weekday = day.DayOfWeek switch { DayOfWeek.Monday => 1.3, DayOfWeek.Friday => 0.7, _ => 1.0 };
            for (var si = 0; si < services.Count; si++)
            {
                var service = services[si];
                var meanService = 6.0 + si * 1.5;
                var free = new double[Counters];
                var arrivals = new List<double>();
                for (var hour = 8; hour < 15; hour++)
                {
                    // Mornings (09–11) bring the most people.
                    var shape = hour switch { 8 => 0.8, 9 or 10 => 1.6, 11 => 1.2, 12 => 0.6, _ => 0.8 };
                    var rate = 6.0 * weekday * shape;
                    for (var t = Exponential(random, 60 / rate); t < 60; t += Exponential(random, 60 / rate)) arrivals.Add((hour - 8) * 60 + t);
                }
                var open = time.ToUtc(day.ToDateTime(new TimeOnly(8, 0)));
                foreach (var at in arrivals)
                {
                    var counter = free[0] <= free[1] ? 0 : 1;
                    var called = Math.Max(at, free[counter]);
                    var noShow = random.NextDouble() < 0.04;
                    var took = noShow ? 1 : Math.Max(1, Exponential(random, meanService));
                    free[counter] = called + took;
                    var ticket = new Ticket
                    {
                        SiteId = building, ServiceId = service.Id, Series = Series, Day = day, Number = ++number, Status = noShow ? TicketStatus.NoShow : TicketStatus.Done,
                        ArrivedUtc = open.AddMinutes(at), CalledUtc = open.AddMinutes(called), LastCalledUtc = open.AddMinutes(called),
                        StartedUtc = noShow ? null : open.AddMinutes(called), FinishedUtc = noShow ? null : open.AddMinutes(called + took),
                    };
                    db.Tickets.Add(ticket);
                    if (!noShow && random.NextDouble() < 0.2)
                    {
                        var low = random.NextDouble() < 0.3;
                        byte Score() => (byte)(low ? random.Next(2, 4) : random.Next(3, 5));
                        db.SurveyResponses.Add(new SurveyResponse
                        {
                            ServiceId = service.Id, AgencyId = service.Agency.Id, SiteId = building, Day = day, SubmittedAtUtc = ticket.FinishedUtc!.Value.AddMinutes(5),
                            Channel = SurveyChannel.Kiosk, TicketId = ticket.Id, U1 = Score(), U2 = Score(), U3 = Score(), U4 = Score(), U5 = Score(), U6 = Score(),
                            U7 = Score(), U8 = Score(), U9 = Score(), IsDemo = true,
                        });
                    }
                }
                AddApplications(db, service, day, today, calendar, time, random, ref number);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return true;
    }

    private static void AddApplications(SatuAtapDb db, ServiceView service, DateOnly day, DateOnly today, WorkingDayCalendar calendar, MallTime time, Random random, ref int number)
    {
        var workingDays = service.Standard.CompletionWorkingDays;
        for (var i = 0; i < 2; i++)
        {
            var submitted = time.ToUtc(day.ToDateTime(new TimeOnly(9 + random.Next(6), random.Next(60))));
            var due = workingDays > 0 ? calendar.AddWorkingDays(day, workingDays) : (DateOnly?)null;
            var returned = random.NextDouble() < 0.1;
            // Most are decided by the due date; about one in seven one to three working days late; a return pauses the clock two working days.
            var late = random.NextDouble() < 0.15 ? random.Next(1, 4) : 0;
            var decidedOn = due is { } d ? calendar.AddWorkingDays(d, late) : day;
            if (due is not null && late == 0 && random.NextDouble() < 0.5 && calendar.AddWorkingDays(day, 1) < due) decidedOn = calendar.AddWorkingDays(day, 1);
            if (returned && due is not null) { due = calendar.AddWorkingDays(due.Value, 2); decidedOn = calendar.AddWorkingDays(decidedOn, 2); }
            var open = decidedOn >= today;
            var app = new Application
            {
                TrackingNumber = $"HD-{day:yyMMdd}-{++number:00000}", ServiceId = service.Id, AgencyId = service.Agency.Id, CurrentAgencyId = service.Agency.Id,
                ApplicantName = "Warga Demo", Status = open ? ApplicationStatus.InProcess : ApplicationStatus.Issued, IsOpen = open, CreatedAtUtc = submitted,
                SubmittedAtUtc = submitted, SubmittedOn = day, DueDate = due,
                DecidedAtUtc = open ? null : time.ToUtc(decidedOn.ToDateTime(new TimeOnly(14, 0))),
            };
            db.Applications.Add(app);
            db.ApplicationEvents.Add(new ApplicationEvent { ApplicationId = app.Id, AtUtc = submitted, ActorName = "Warga Demo", Action = ApplicationAction.Submit, ToStatus = ApplicationStatus.Submitted });
            if (returned)
                db.ApplicationEvents.Add(new ApplicationEvent
                {
                    ApplicationId = app.Id, AtUtc = submitted.AddDays(1), ActorName = "Petugas Demo", Action = ApplicationAction.Return,
                    FromStatus = ApplicationStatus.InVerification, ToStatus = ApplicationStatus.ReturnedForCorrection,
                });
            if (!open)
                db.ApplicationEvents.Add(new ApplicationEvent
                {
                    ApplicationId = app.Id, AtUtc = app.DecidedAtUtc!.Value, ActorName = "Petugas Demo", Action = ApplicationAction.Issue,
                    FromStatus = ApplicationStatus.Approved, ToStatus = ApplicationStatus.Issued,
                });
        }
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());
}
