using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Data;
using SatuAtap.Core.Feedback;
using SatuAtap.Core.Insights;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Insights;

/// <summary>A mall whose demo asks for three weeks of history (<c>Demo:HistoryDays</c>; the other test malls have none).</summary>
public sealed class HistoryMall : MallFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:HistoryDays"] = "21" };
}

/// <summary>
/// The demo history: generated when the demo is seeded, only before the seed date, through the records the modules keep;
/// the dashboard's figures over it equal the figures counted straight from those records.
/// </summary>
public sealed class InsightsDemoHistoryTests(HistoryMall mall) : IClassFixture<HistoryMall>
{
    [Fact]
    public async Task History_IsSeededBeforeTheSeedDate_AndTheSummaryEqualsTheRecordsCounted()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var seedDay = new DateOnly(2026, 11, 30);
        DateOnly from = seedDay.AddDays(-21), to = seedDay.AddDays(-1);

        var tickets = await db.Tickets.AsNoTracking().Where(t => t.Series == InsightsDemo.Series).ToListAsync();
        Assert.True(tickets.Count > 500, $"{tickets.Count} tickets");
        Assert.All(tickets, t => Assert.InRange(t.Day, from, to));
        Assert.Contains(tickets, t => t.Status == TicketStatus.NoShow);
        var applications = await db.Applications.AsNoTracking().Where(a => a.TrackingNumber.StartsWith("HD-")).ToListAsync();
        Assert.Contains(applications, a => a.DecidedAtUtc is not null && a.DueDate is { } due && DateOnly.FromDateTime(a.DecidedAtUtc.Value.AddHours(7)) > due);
        Assert.True(await db.ApplicationEvents.AnyAsync(e => e.Action == ApplicationAction.Return));
        Assert.True(await db.SurveyResponses.CountAsync(r => r.IsDemo && r.Day >= from) > 50);

        await scope.ServiceProvider.GetRequiredService<KeepInsights>().HandleAsync(default);
        var regent = await mall.ClientForAsync(Accounts.Regent);
        var response = await regent.GetAsync($"/api/v1/insights/summary?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var s = await response.ReadJsonAsync();

        // Counted straight from the records: tickets finished in the period, applications decided in it (WIB = UTC+7).
        var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
        var toUtc = seedDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
        var done = await db.Tickets.CountAsync(t => t.Day >= from && t.Day <= to && t.Status == TicketStatus.Done);
        var decided = await db.Applications.CountAsync(a => a.DecidedAtUtc >= fromUtc && a.DecidedAtUtc < toUtc);
        Assert.Equal(done + decided, s["served"]!.GetValue<int>());
        Assert.NotNull(s["ikm"]);
        Assert.InRange(s["onTimeShare"]!.GetValue<double>(), 0.5, 0.99);
        Assert.True(s["waitMinutes"]!["p90"]!.GetValue<int>() >= s["waitMinutes"]!["p50"]!.GetValue<int>());
    }
    [Fact]
    public async Task History_HasBookingsVisitsComplaintsAndBundles_AndTheirFiguresEqualTheRecordsCounted()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var seedDay = new DateOnly(2026, 11, 30);
        DateOnly from = seedDay.AddDays(-21), to = seedDay.AddDays(-1);

        // Marked demo: bookings by their code, visits and complaints by their flag, bundles by their tracking number.
        Assert.True(await db.Bookings.CountAsync(b => b.Code.StartsWith(InsightsDemo.BookingPrefix) && b.Day < seedDay) > 20);
        Assert.True(await db.Tickets.AnyAsync(t => t.Series == InsightsDemo.Series && t.BookingId != null));
        Assert.True(await db.OutreachVisits.CountAsync(v => v.IsDemo && v.Day >= from && v.Day <= to) >= 10);
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.IsDemo && c.AnsweredOn >= from && c.AnsweredOn <= to).ToListAsync();
        Assert.Contains(complaints, c => c.AnsweredOn <= c.AnswerDue);
        Assert.Contains(complaints, c => c.AnsweredOn > c.AnswerDue && c.EscalatedAtUtc != null);
        Assert.All(complaints, c => Assert.True(c.Status is ComplaintStatus.Answered or ComplaintStatus.Closed));
        Assert.True(await db.LicensingBundles.CountAsync(b => b.TrackingNumber.StartsWith("HD-")) > 3);

        await scope.ServiceProvider.GetRequiredService<KeepInsights>().HandleAsync(default);
        var regent = await mall.ClientForAsync(Accounts.Regent);
        var response = await regent.GetAsync($"/api/v1/insights/summary?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var s = await response.ReadJsonAsync();

        // Counted straight from the records of the period (every module's, the demo history's among them).
        var bundles = await db.LicensingBundles.AsNoTracking().Where(b => b.CreatedOn >= from && b.CreatedOn <= to).ToListAsync();
        Assert.NotEmpty(bundles);
        Assert.Equal(bundles.Count, s["bundles"]!.GetValue<int>());
        Assert.Equal(bundles.Sum(b => b.InvestmentRupiah ?? 0), s["investmentRupiah"]!.GetValue<long>());
        Assert.Equal(bundles.Sum(b => b.Employees ?? 0), s["jobs"]!.GetValue<int>());
        var bundleIds = bundles.Select(b => b.Id).ToList();
        var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
        var toUtc = seedDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
        var permits = await db.Applications.CountAsync(a => a.BundleId != null && a.DecidedAtUtc >= fromUtc && a.DecidedAtUtc < toUtc
            && (a.Status == ApplicationStatus.Approved || a.Status == ApplicationStatus.Issued || a.Status == ApplicationStatus.ReadyForPickup));
        Assert.True(permits > 0);
        Assert.Equal(permits, s["permitsIssued"]!.GetValue<int>());

        var answered = await db.Complaints.AsNoTracking().Where(c => c.AnsweredOn >= from && c.AnsweredOn <= to)
            .Select(c => new { c.AnsweredOn, c.AnswerDue }).ToListAsync();
        var onTime = answered.Count(c => c.AnswerDue is null || c.AnsweredOn <= c.AnswerDue);
        Assert.True(onTime > 0 && onTime < answered.Count, $"{onTime} of {answered.Count} on time");
        Assert.Equal(answered.Count, s["complaintsAnswered"]!.GetValue<int>());
        Assert.Equal(Math.Round((double)onTime / answered.Count, 3, MidpointRounding.AwayFromZero), s["complaintsOnTimeShare"]!.GetValue<double>());

        var bookings = await db.Bookings.AsNoTracking().Where(b => b.Day >= from && b.Day <= to && b.Status != BookingStatus.Cancelled)
            .Select(b => b.Status).ToListAsync();
        var kept = bookings.Count(b => b == BookingStatus.CheckedIn);
        var noShows = bookings.Count(b => b == BookingStatus.Active);
        Assert.True(kept > 0 && noShows > 0, $"{kept} kept, {noShows} no-shows");
        Assert.Equal(kept, s["bookingsKept"]!.GetValue<int>());
        Assert.Equal(noShows, s["bookingNoShows"]!.GetValue<int>());

        // Trips saved: each person served at a mobile stop did not travel its road distance to the mall.
        var km = await db.Tickets.Where(t => t.Day >= from && t.Day <= to && t.Status == TicketStatus.Done)
            .Join(db.QueueSites.Where(x => x.Kind == SiteKind.Mobile), t => t.SiteId, x => x.Id, (t, x) => x.MobileStopId)
            .Join(db.MobileStops, id => id, stop => (Guid?)stop.Id, (id, stop) => stop.RoadDistanceKm).ToListAsync();
        Assert.True(km.Sum() > 0);
        Assert.Equal(Math.Round(km.Sum(), 1), s["tripsSavedKm"]!.GetValue<double>(), 1);
    }
}
