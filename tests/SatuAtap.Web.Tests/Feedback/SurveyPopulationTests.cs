using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Feedback;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Applications;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Insights;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>
/// The index's population from the kept per-month and per-day served counts (closed months and days) and today's
/// records equals a plain count of the finished tickets and issued results (at a site: those taken there), for each
/// kind of unit, with today's counted at once, past records counted after the rebuild, each kept month the sum of its
/// days, long partial closed months at the edges read as their month less the days outside, and several requests writing the same days and months at once. A mall with three weeks of demo
/// history (tickets and applications of past days).
/// </summary>
public sealed class SurveyPopulationTests(HistoryMall mall) : IClassFixture<HistoryMall>
{
    private DateOnly Today => DateOnly.FromDateTime(mall.Clock.GetUtcNow().UtcDateTime.AddHours(7));

    [Fact]
    public async Task The_kept_population_equals_a_plain_count_for_each_unit_and_counts_today_at_once()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var service = await mall.ServiceAsync("DKP-KTP");
        var agency = await AgencyOfAsync(service);
        var site = await mall.BuildingAsync();
        IndexFilter[] filters =
        [
            new(null, null, null, Today.AddDays(-60), Today),
            new(agency, null, null, Today.AddDays(-30), Today),
            new(null, service, null, Today.AddDays(-90), Today),
            new(null, null, site, Today.AddDays(-45), Today),
            new(agency, null, site, Today.AddDays(-20), Today),
            new(null, null, null, Today.AddDays(-25), Today.AddDays(-3)),
            new(null, null, null, Today.AddDays(-10), Today.AddDays(20)), // a period running past today: today counts, the later days have nothing
        ];
        // An application completed today (the demo history has finished tickets, and no issued results).
        await IssuedApplicationAsync();
        var whole = await PlainAsync(filters[0]);
        Assert.True(whole.Tickets > 0, "the demo history has finished tickets");
        Assert.True(whole.Applications > 0, "an application was completed today");
        foreach (var f in filters)
            Assert.Equal((await PlainAsync(f)).Total, await PopulationAsync(manager, f));
        // The closed days asked for are kept now, and the whole closed months inside the periods; today is not.
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            Assert.True(await db.ServedDays.AnyAsync(d => d.Day == Today.AddDays(-1)));
            Assert.False(await db.ServedDays.AnyAsync(d => d.Day >= Today));
            var lastMonth = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);
            Assert.True(await db.ServedMonths.AnyAsync(m => m.Month == lastMonth));
            Assert.False(await db.ServedMonths.AnyAsync(m => m.Month > lastMonth));
        }
        await AssertMonthsAreTheirDaysAsync();

        // An application taken at the building counts in the building's population (and still in the whole mall's).
        var siteOnly = filters[3];
        var atSite = await IssuedApplicationAsync();
        var siteBefore = await PopulationAsync(manager, siteOnly);
        await using (var scope = mall.Scope())
            await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Applications.Where(a => a.Id == atSite).ExecuteUpdateAsync(x => x.SetProperty(a => a.SiteId, site));
        Assert.Equal(siteBefore + 1, await PopulationAsync(manager, siteOnly));
        foreach (var f in filters)
            Assert.Equal((await PlainAsync(f)).Total, await PopulationAsync(manager, f));

        await mall.FinishedTicketAsync("DKP-KTP", "L01");
        foreach (var f in filters.Take(3))
        {
            Assert.Equal((await PlainAsync(f)).Total, await PopulationAsync(manager, f));
        }
        // The application taken at the building and the ticket finished now.
        Assert.Equal(whole.Total + 2, await PopulationAsync(manager, filters[0]));
    }

    [Fact]
    public async Task A_ticket_written_into_a_past_day_is_counted_after_the_rebuild()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var past = Today.AddDays(-3);
        var filter = new IndexFilter(null, null, null, Today.AddDays(-10), Today.AddDays(-1));
        var before = await PopulationAsync(manager, filter);
        Assert.Equal((await PlainAsync(filter)).Total, before);

        // A period of a whole closed month and edge days around it, kept before the records move.
        var site = await mall.BuildingAsync();
        var wide = new IndexFilter(null, null, site, Today.AddDays(-75), Today.AddDays(-1));
        var wideBefore = await PopulationAsync(manager, wide);
        // A finished ticket and a completed application moved into closed days (the application into a whole month of
        // the wide period), as a restore or generated history would write them.
        var inMonth = Today.AddDays(-40);
        var ticket = await mall.FinishedTicketAsync("DKP-KK", "L01");
        var application = await IssuedApplicationAsync();
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            await db.Tickets.Where(t => t.Id == ticket).ExecuteUpdateAsync(s => s.SetProperty(t => t.Day, past).SetProperty(t => t.Series, "QZ"));
            var issuedAt = scope.ServiceProvider.GetRequiredService<MallTime>().ToUtc(inMonth.ToDateTime(new TimeOnly(10, 0)));
            await db.IssuedResults.Where(r => r.ApplicationId == application).ExecuteUpdateAsync(s => s.SetProperty(r => r.IssuedAtUtc, issuedAt));
            // Taken at the building's counter.
            await db.Applications.Where(a => a.Id == application).ExecuteUpdateAsync(s => s.SetProperty(a => a.SiteId, site));
        }
        // The closed days were kept already: the new record waits for the rebuild.
        Assert.Equal(before, await PopulationAsync(manager, filter));
        Assert.Equal(wideBefore, await PopulationAsync(manager, wide));

        var rebuilt = await manager.PostAsync($"/api/v1/insights/rebuild?from={inMonth:yyyy-MM-dd}&to={past:yyyy-MM-dd}", null);
        Assert.True(rebuilt.IsSuccessStatusCode, await rebuilt.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await PopulationAsync(manager, filter));
        Assert.Equal((await PlainAsync(filter)).Total, before + 1);
        var agency = filter with { AgencyId = await AgencyOfAsync(await mall.ServiceAsync("DKP-KK")) };
        Assert.Equal((await PlainAsync(agency)).Total, await PopulationAsync(manager, agency));
        // The building's ticket and the application taken there, in a period whose whole months come from month rows.
        Assert.Equal(wideBefore + 2, await PopulationAsync(manager, wide));
        Assert.Equal((await PlainAsync(wide)).Total, wideBefore + 2);
        await AssertMonthsAreTheirDaysAsync();
    }

    [Fact]
    public async Task Requests_writing_the_same_days_at_once_count_each_person_once()
    {
        await using (var scope = mall.Scope())
            await ServedCounts.ResetAsync(scope.ServiceProvider.GetRequiredService<SatuAtapDb>(), CancellationToken.None);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var filter = new IndexFilter(null, null, null, Today.AddDays(-120), Today);
        var expected = (await PlainAsync(filter)).Total;

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => manager.GetAsync(Query(filter))));
        foreach (var a in answers)
        {
            Assert.True(a.StatusCode == HttpStatusCode.OK, await a.Content.ReadAsStringAsync());
            Assert.Equal(expected, (await a.ReadJsonAsync())["population"]!.GetValue<long>());
        }
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            Assert.Equal(120, await db.ServedDays.CountAsync(d => d.Day >= filter.From && d.Day < Today));
            // The whole months inside the period, each once.
            var months = PeriodMonths.Of(filter.From, Today.AddDays(-1));
            Assert.Equal(PeriodMonths.Months(months.FirstMonth!.Value, months.LastMonth!.Value).ToList(),
                await db.ServedMonths.Where(m => m.Month >= filter.From).OrderBy(m => m.Month).Select(m => m.Month).ToListAsync());
        }
        await AssertMonthsAreTheirDaysAsync();
        Assert.Equal(expected, await PopulationAsync(manager, filter));
    }

    [Fact]
    public async Task Long_partial_months_read_as_their_month_less_the_days_outside_equal_a_plain_count()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("DKP-KK");
        var agency = await AgencyOfAsync(service);
        // The clock's today is 30 November: September and October are closed months. Finished tickets moved into days
        // on both sides of the periods' edges, as a restore or generated history would write them, then rebuilt.
        var month = new DateOnly(Today.Year, Today.Month, 1);
        DateOnly september = month.AddMonths(-2), october = month.AddMonths(-1);
        DateOnly[] days = [september.AddDays(2), september.AddDays(27), october.AddDays(1), october.AddDays(9), october.AddDays(26), october.AddDays(30)];
        foreach (var day in days)
        {
            var ticket = await mall.FinishedTicketAsync("DKP-KK", "L01");
            await using var scope = mall.Scope();
            await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Tickets.Where(t => t.Id == ticket)
                .ExecuteUpdateAsync(x => x.SetProperty(t => t.Day, day).SetProperty(t => t.Series, "QY"));
        }
        var rebuilt = await manager.PostAsync($"/api/v1/insights/rebuild?from={september:yyyy-MM-dd}&to={october.AddMonths(1).AddDays(-1):yyyy-MM-dd}", null);
        Assert.True(rebuilt.IsSuccessStatusCode, await rebuilt.Content.ReadAsStringAsync());

        IndexFilter[] periods =
        [
            // September less its first three days, October less its last two.
            new(null, null, null, september.AddDays(3), october.AddDays(28)),
            // Short edges, per day.
            new(null, null, null, september.AddDays(26), october.AddDays(2)),
            // Inside October: its month less the days before and after.
            new(null, null, null, october.AddDays(2), october.AddDays(27)),
            // September less its first days, October whole, November (not closed) per day and today live.
            new(null, null, null, september.AddDays(3), Today),
            new(null, null, null, october.AddDays(1), october.AddDays(1)),
        ];
        var minus = 0;
        foreach (var p in periods)
        {
            if (PeriodMonths.Plan(p.From, p.To < Today ? p.To : Today.AddDays(-1), october).SubtractDays.Count > 0) minus++;
            foreach (var f in new[] { p, p with { AgencyId = agency }, p with { ServiceId = service }, p with { SiteId = site } })
            {
                var plain = (await PlainAsync(f)).Total;
                Assert.True(plain == await PopulationAsync(manager, f), $"{f}: plain count {plain}");
            }
        }
        Assert.Equal(3, minus);
        // The moved tickets count inside the first period and not outside it: the subtracted days held some.
        Assert.True((await PlainAsync(periods[0])).Tickets >= 4);
        await AssertMonthsAreTheirDaysAsync();
    }

    [Fact]
    public async Task The_remembered_closed_days_are_forgotten_at_once_by_a_rebuild_and_today_is_read_on_every_request()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var dukcapil = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var filter = new IndexFilter(null, null, null, Today.AddDays(-14), Today);
        var closed = filter with { To = Today.AddDays(-1) };
        // Both asked once: the node remembers the closed days of each.
        var before = await IndexAsync(manager, filter);
        var closedBefore = await PopulationAsync(manager, closed);
        Assert.Equal((await PlainAsync(filter)).Total, before.Population);

        // Today's records count at once: a finished ticket and a paper form.
        var ticket = await mall.FinishedTicketAsync("DKP-KK", "L01");
        Assert.Equal(HttpStatusCode.Created, (await dukcapil.PostJsonAsync("/api/v1/surveys/responses",
            FeedbackDriver.Survey((await mall.ServiceAsync("DKP-KK")).ToString(), FeedbackDriver.Scores(4, 3, 4, 2, 4, 3, 4, 4, 1)))).StatusCode);
        var withToday = await IndexAsync(manager, filter);
        Assert.Equal(before.Population + 1, withToday.Population);
        Assert.Equal(before.Respondents + 1, withToday.Respondents);

        // The ticket moved into a closed day, as a restore would write it: not counted until the rebuild (the kept rows
        // and the node's memory of them both say so), then counted at once, in both periods.
        await using (var scope = mall.Scope())
            await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Tickets.Where(t => t.Id == ticket)
                .ExecuteUpdateAsync(x => x.SetProperty(t => t.Day, Today.AddDays(-2)).SetProperty(t => t.Series, "QX"));
        Assert.Equal(before.Population, (await IndexAsync(manager, filter)).Population);
        var rebuilt = await manager.PostAsync($"/api/v1/insights/rebuild?from={Today.AddDays(-2):yyyy-MM-dd}&to={Today.AddDays(-2):yyyy-MM-dd}", null);
        Assert.True(rebuilt.IsSuccessStatusCode, await rebuilt.Content.ReadAsStringAsync());
        Assert.Equal(before.Population + 1, (await IndexAsync(manager, filter)).Population);
        Assert.Equal(closedBefore + 1, await PopulationAsync(manager, closed));
        Assert.Equal((await PlainAsync(filter)).Total, before.Population + 1);
        Assert.Equal((await PlainAsync(closed)).Total, closedBefore + 1);
    }

    private static async Task<(long Population, long Respondents)> IndexAsync(HttpClient client, IndexFilter f)
    {
        var r = await client.GetAsync(Query(f));
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        var json = await r.ReadJsonAsync();
        return (json["population"]!.GetValue<long>(), json["respondents"]!.GetValue<long>());
    }

    /// <summary>A KTP-el application submitted and completed today (issuing a card makes it ready for pickup).</summary>
    private async Task<Guid> IssuedApplicationAsync()
    {
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var (id, _) = await ApplicationDriver.SubmittedKtpAsync(await mall.ClientForAsync(Accounts.Citizen));
        foreach (var action in new[] { "claim", "approve", "issue" })
            await ApplicationDriver.ActOkAsync(officer, id, action);
        return Guid.Parse(id);
    }

    private sealed record Plain(long Tickets, long Applications)
    {
#pragma warning disable CA1822, IDE0060 // the same call for every unit: a site's applications are those taken there
        /// <summary>The same for every unit: a site's applications are those taken there.</summary>
        public long Total => Tickets + Applications;
#pragma warning restore CA1822, IDE0060
    }

    /// <summary>Each kept month's rows are the sums of its kept days' rows, key by key.</summary>
    private async Task AssertMonthsAreTheirDaysAsync()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var marked = await db.ServedMonths.Select(m => m.Month).ToListAsync();
        Assert.NotEmpty(marked);
        foreach (var month in marked)
        {
            var end = month.AddMonths(1).AddDays(-1);
            Assert.Equal(end.DayNumber - month.DayNumber + 1, await db.ServedDays.CountAsync(d => d.Day >= month && d.Day <= end));
            var days = (await db.ServedDayCounts.Where(c => c.Day >= month && c.Day <= end).ToListAsync())
                .GroupBy(c => (c.ServiceId, c.AgencyId, c.SiteKey)).Select(g => (g.Key.ServiceId, g.Key.AgencyId, g.Key.SiteKey, g.Sum(c => c.Tickets), g.Sum(c => c.Applications)))
                .Order().ToList();
            var kept = (await db.ServedMonthCounts.Where(c => c.Month == month).ToListAsync())
                .Select(c => (c.ServiceId, c.AgencyId, c.SiteKey, c.Tickets, c.Applications)).Order().ToList();
            Assert.Equal(days, kept);
        }
    }

    /// <summary>The population counted straight from the records, as the index counted it before the kept counts.</summary>
    private async Task<Plain> PlainAsync(IndexFilter f)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var time = scope.ServiceProvider.GetRequiredService<MallTime>();
        var tickets = from t in db.Tickets
                      join s in db.Services on t.ServiceId equals s.Id
                      where t.Status == TicketStatus.Done && t.Day >= f.From && t.Day <= f.To
                      select new { t.ServiceId, s.AgencyId, t.SiteId };
        if (f.ServiceId is { } sid) tickets = tickets.Where(t => t.ServiceId == sid);
        if (f.AgencyId is { } aid) tickets = tickets.Where(t => t.AgencyId == aid);
        if (f.SiteId is { } site) tickets = tickets.Where(t => t.SiteId == site);
        var fromUtc = time.ToUtc(f.From.ToDateTime(TimeOnly.MinValue));
        var toUtc = time.ToUtc(f.To.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var apps = from a in db.Applications
                   join r in db.IssuedResults on a.Id equals r.ApplicationId
                   where (a.Status == ApplicationStatus.Issued || a.Status == ApplicationStatus.ReadyForPickup) && r.IssuedAtUtc >= fromUtc && r.IssuedAtUtc < toUtc
                   select new { a.ServiceId, a.AgencyId, a.SiteId };
        if (f.ServiceId is { } sid2) apps = apps.Where(a => a.ServiceId == sid2);
        if (f.AgencyId is { } aid2) apps = apps.Where(a => a.AgencyId == aid2);
        if (f.SiteId is { } site2) apps = apps.Where(a => a.SiteId == site2);
        return new Plain(await tickets.LongCountAsync(), await apps.LongCountAsync());
    }

    private static string Query(IndexFilter f) =>
        $"/api/v1/surveys/index?from={f.From:yyyy-MM-dd}&to={f.To:yyyy-MM-dd}" + (f.AgencyId is { } a ? $"&agencyId={a}" : "")
        + (f.ServiceId is { } s ? $"&serviceId={s}" : "") + (f.SiteId is { } site ? $"&siteId={site}" : "");

    private static async Task<long> PopulationAsync(HttpClient client, IndexFilter f)
    {
        var r = await client.GetAsync(Query(f));
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return (await r.ReadJsonAsync())["population"]!.GetValue<long>();
    }

    private async Task<Guid> AgencyOfAsync(Guid service)
    {
        await using var scope = mall.Scope();
        return await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Services.Where(s => s.Id == service).Select(s => s.AgencyId).SingleAsync();
    }
}
