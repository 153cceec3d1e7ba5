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
/// The index's population from the kept per-day served counts (closed days) and today's records equals a plain count
/// of the finished tickets and issued results, for each kind of unit, with today's counted at once, past records
/// counted after the rebuild, and several requests writing the same days at once. A mall with three weeks of demo
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
        ];
        // An application completed today (the demo history has finished tickets, and no issued results).
        await IssuedApplicationAsync();
        var whole = await PlainAsync(filters[0]);
        Assert.True(whole.Tickets > 0, "the demo history has finished tickets");
        Assert.True(whole.Applications > 0, "an application was completed today");
        foreach (var f in filters)
            Assert.Equal((await PlainAsync(f)).Population(f), await PopulationAsync(manager, f));
        // The closed days asked for are kept now; today is not.
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            Assert.True(await db.ServedDays.AnyAsync(d => d.Day == Today.AddDays(-1)));
            Assert.False(await db.ServedDays.AnyAsync(d => d.Day >= Today));
        }

        await mall.FinishedTicketAsync("DKP-KTP", "L01");
        foreach (var f in filters.Take(3))
        {
            Assert.Equal((await PlainAsync(f)).Population(f), await PopulationAsync(manager, f));
        }
        Assert.Equal(whole.Population(filters[0]) + 1, await PopulationAsync(manager, filters[0]));
    }

    [Fact]
    public async Task A_ticket_written_into_a_past_day_is_counted_after_the_rebuild()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var past = Today.AddDays(-3);
        var filter = new IndexFilter(null, null, null, Today.AddDays(-10), Today.AddDays(-1));
        var before = await PopulationAsync(manager, filter);
        Assert.Equal((await PlainAsync(filter)).Population(filter), before);

        // A finished ticket and a completed application moved into a closed day, as a restore or generated history would write them.
        var ticket = await mall.FinishedTicketAsync("DKP-KK", "L01");
        var application = await IssuedApplicationAsync();
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            await db.Tickets.Where(t => t.Id == ticket).ExecuteUpdateAsync(s => s.SetProperty(t => t.Day, past).SetProperty(t => t.Series, "QZ"));
            var issuedAt = scope.ServiceProvider.GetRequiredService<MallTime>().ToUtc(past.ToDateTime(new TimeOnly(10, 0)));
            await db.IssuedResults.Where(r => r.ApplicationId == application).ExecuteUpdateAsync(s => s.SetProperty(r => r.IssuedAtUtc, issuedAt));
        }
        // The closed days were kept already: the new record waits for the rebuild.
        Assert.Equal(before, await PopulationAsync(manager, filter));

        var rebuilt = await manager.PostAsync($"/api/v1/insights/rebuild?from={past:yyyy-MM-dd}&to={past:yyyy-MM-dd}", null);
        Assert.True(rebuilt.IsSuccessStatusCode, await rebuilt.Content.ReadAsStringAsync());
        Assert.Equal(before + 2, await PopulationAsync(manager, filter));
        Assert.Equal((await PlainAsync(filter)).Population(filter), before + 2);
        var agency = filter with { AgencyId = await AgencyOfAsync(await mall.ServiceAsync("DKP-KK")) };
        Assert.Equal((await PlainAsync(agency)).Population(agency), await PopulationAsync(manager, agency));
    }

    [Fact]
    public async Task Requests_writing_the_same_days_at_once_count_each_person_once()
    {
        await using (var scope = mall.Scope())
            await ServedCounts.ResetAsync(scope.ServiceProvider.GetRequiredService<SatuAtapDb>(), CancellationToken.None);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var filter = new IndexFilter(null, null, null, Today.AddDays(-120), Today);
        var expected = (await PlainAsync(filter)).Population(filter);

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
        }
        Assert.Equal(expected, await PopulationAsync(manager, filter));
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
        public long Population(IndexFilter f) => Tickets + (f.SiteId is null ? Applications : 0);
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
                   select new { a.ServiceId, a.AgencyId };
        if (f.ServiceId is { } sid2) apps = apps.Where(a => a.ServiceId == sid2);
        if (f.AgencyId is { } aid2) apps = apps.Where(a => a.AgencyId == aid2);
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
