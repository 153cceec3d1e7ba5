using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Data;
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
}
