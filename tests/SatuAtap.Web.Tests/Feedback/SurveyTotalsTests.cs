using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;
using static SatuAtap.Web.Tests.Feedback.FeedbackDriver;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>
/// The per-day and per-month totals the index is computed from: kept with each response (also when responses arrive
/// together) they equal the totals rebuilt from the responses, each month row is the sum of its days' rows, and the
/// index (whole months from month rows, edge days from day rows) and daily sums equal those of the responses, for
/// periods of whole months, inside one month and with partial months at either edge, long ones (a month total less the
/// day totals outside the period) and short ones (day totals).
/// </summary>
public sealed class SurveyTotalsTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task Totals_kept_with_each_response_equal_totals_rebuilt_and_give_the_responses_index()
    {
        var dukcapil = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var service = await mall.ServiceAsync("DKP-KK");
        var site = await mall.BuildingAsync();

        // Twelve paper forms sent together, with and without the site: several land on one day's row at the same moment.
        var posts = Enumerable.Range(0, 12).Select(i => dukcapil.PostJsonAsync("/api/v1/surveys/responses",
            Survey(service.ToString(), Scores(1 + i % 4, 4, 3, 1 + (i * 7) % 4, 2, 4, 3, 1 + i % 3, 2), siteId: i % 3 == 0 ? null : site.ToString())));
        foreach (var r in await Task.WhenAll(posts))
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var ticket = await mall.FinishedTicketAsync("DKP-AKTA-MATI", "L01");
        Assert.Equal(HttpStatusCode.Created, (await mall.CreateClient().PostJsonAsync("/api/v1/surveys/responses",
            Survey(null, Scores(4, 4, 3, 4, 4, 3, 4, 3, 2), await mall.TicketTokenAsync(ticket)))).StatusCode);

        var kept = await TotalsAsync();
        var today = DateOnly.FromDateTime(mall.Clock.GetUtcNow().UtcDateTime.AddHours(7));
        var online = Assert.Single(kept, t => t.Day == today && t.ServiceId == service && t.SiteKey == Guid.Empty);
        Assert.Equal(4, online.Respondents);
        Assert.Equal(8, Assert.Single(kept, t => t.Day == today && t.ServiceId == service && t.SiteKey == site).Respondents);
        Assert.True(kept.Count > 100, "the demo history is in the totals too");

        // The month rows kept with each response are the sums of their days' rows.
        var keptMonths = await MonthTotalsAsync();
        Assert.Equal(MonthsOf(kept), keptMonths);
        var thisMonth = Assert.Single(keptMonths, t => t.Day == new DateOnly(today.Year, today.Month, 1) && t.ServiceId == service && t.SiteKey == site);
        Assert.True(thisMonth.Respondents >= 8, "today's eight forms at the building are in the month's row");

        await using (var scope = mall.Scope())
            await SurveyTotals.RebuildAsync(scope.ServiceProvider.GetRequiredService<SatuAtapDb>(), CancellationToken.None);
        Assert.Equal(kept, await TotalsAsync());
        Assert.Equal(keptMonths, await MonthTotalsAsync());

        var agency = await AgencyOfAsync(service);
        var month = new DateOnly(today.Year, today.Month, 1);
        IndexFilter[] filters =
        [
            new(null, null, null, today.AddDays(-364), today),
            new(null, service, null, today, today),
            new(null, service, site, today, today),
            new(agency, null, site, today.AddDays(-90), today),
            new(agency, null, null, today.AddDays(-30), today.AddDays(-1)),
            new(null, null, Guid.CreateVersion7(), today.AddDays(-364), today),
            // Whole months only, one month's inside, and a period across a year's end with partial months at both edges.
            new(null, null, null, new DateOnly(today.Year, today.Month, 1).AddMonths(-3), new DateOnly(today.Year, today.Month, 1).AddDays(-1)),
            new(null, service, null, today.AddDays(-5), today.AddDays(-2)),
            new(null, null, site, new DateOnly(today.Year - 1, 12, 20), new DateOnly(today.Year, 2, 10)),
            new(agency, null, null, today.AddDays(-200), today.AddDays(-20)),
            // Long partial months at the edges, read as their month less the days outside the period, beside short ones
            // read per day (the clock's today is 30 November: the demo history has responses in September to November).
            new(null, null, null, month.AddMonths(-2).AddDays(3), month.AddMonths(-1).AddDays(28)),
            new(agency, null, null, month.AddMonths(-2).AddDays(26), month.AddDays(2)),
            new(null, service, null, month.AddMonths(-1).AddDays(2), month.AddMonths(-1).AddDays(27)),
            new(null, null, site, month.AddMonths(-1).AddDays(4), today),
            new(null, null, null, month.AddDays(1), today.AddDays(-1)),
            new(agency, null, site, month.AddMonths(-2).AddDays(1), month.AddMonths(-1).AddDays(24)),
        ];
        Assert.True(filters.Count(f => PeriodMonths.Plan(f.From, f.To, DateOnly.MaxValue).SubtractDays.Count > 0) >= 4,
            "several periods read a long partial month as its month less the days outside");
        await using (var scope = mall.Scope())
        {
            var index = scope.ServiceProvider.GetRequiredService<GetSurveyIndex>();
            foreach (var filter in filters)
            {
                var responses = await index.Responses(filter).Select(r => new { r.Day, r.U1, r.U2, r.U3, r.U4, r.U5, r.U6, r.U7, r.U8, r.U9 }).ToListAsync();
                var scores = responses.Select(r => new { r.Day, S = new long[] { r.U1, r.U2, r.U3, r.U4, r.U5, r.U6, r.U7, r.U8, r.U9 } }).ToList();
                var expected = SatisfactionIndex.Compute(Enumerable.Range(0, 9).Select(e => new ElementTally(scores.Sum(r => r.S[e]), scores.Count)).ToList());

                var (respondents, fromTotals) = await index.ComputeAsync(filter, CancellationToken.None);
                Assert.True(scores.Count == respondents, $"{filter}: {respondents} respondents from the totals, {scores.Count} responses");
                Assert.Equal(expected.Ikm, fromTotals.Ikm);
                Assert.Equal(expected.Grade, fromTotals.Grade);
                Assert.Equal(expected.Elements.Select(e => e.Nrr), fromTotals.Elements.Select(e => e.Nrr));

                var daily = (await index.DailyAsync(filter, CancellationToken.None)).OrderBy(d => d.Day)
                    .Select(d => (d.Day, d.Respondents, string.Join(",", d.Sums))).ToList();
                var expectedDaily = scores.GroupBy(r => r.Day).OrderBy(g => g.Key)
                    .Select(g => (g.Key, (long)g.Count(), string.Join(",", Enumerable.Range(0, 9).Select(e => g.Sum(r => r.S[e]))))).ToList();
                Assert.Equal(expectedDaily, daily);
            }
        }
    }

    private sealed record TotalRow(DateOnly Day, Guid ServiceId, Guid AgencyId, Guid SiteKey, long Respondents, string Sums);

    private async Task<List<TotalRow>> TotalsAsync()
    {
        await using var scope = mall.Scope();
        var rows = await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().SurveyDayTotals.AsNoTracking().ToListAsync();
        return rows.OrderBy(t => t.Day).ThenBy(t => t.ServiceId).ThenBy(t => t.AgencyId).ThenBy(t => t.SiteKey)
            .Select(t => new TotalRow(t.Day, t.ServiceId, t.AgencyId, t.SiteKey, t.Respondents,
                string.Join(",", new[] { t.S1, t.S2, t.S3, t.S4, t.S5, t.S6, t.S7, t.S8, t.S9 }))).ToList();
    }

    /// <summary>The month rows (as <see cref="TotalRow"/>, the month's first day as its day), in key order.</summary>
    private async Task<List<TotalRow>> MonthTotalsAsync()
    {
        await using var scope = mall.Scope();
        var rows = await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().SurveyMonthTotals.AsNoTracking().ToListAsync();
        return rows.OrderBy(t => t.Month).ThenBy(t => t.ServiceId).ThenBy(t => t.AgencyId).ThenBy(t => t.SiteKey)
            .Select(t => new TotalRow(t.Month, t.ServiceId, t.AgencyId, t.SiteKey, t.Respondents,
                string.Join(",", new[] { t.S1, t.S2, t.S3, t.S4, t.S5, t.S6, t.S7, t.S8, t.S9 }))).ToList();
    }

    /// <summary>The day rows added up per month and key, as the month rows must be.</summary>
    private static List<TotalRow> MonthsOf(List<TotalRow> days) => days
        .GroupBy(t => (Month: new DateOnly(t.Day.Year, t.Day.Month, 1), t.ServiceId, t.AgencyId, t.SiteKey))
        .OrderBy(g => g.Key.Month).ThenBy(g => g.Key.ServiceId).ThenBy(g => g.Key.AgencyId).ThenBy(g => g.Key.SiteKey)
        .Select(g => new TotalRow(g.Key.Month, g.Key.ServiceId, g.Key.AgencyId, g.Key.SiteKey, g.Sum(t => t.Respondents),
            string.Join(",", Enumerable.Range(0, 9).Select(e => g.Sum(t => long.Parse(t.Sums.Split(',')[e], System.Globalization.CultureInfo.InvariantCulture))))))
        .ToList();

    private async Task<Guid> AgencyOfAsync(Guid service)
    {
        await using var scope = mall.Scope();
        return await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Services.Where(s => s.Id == service).Select(s => s.AgencyId).SingleAsync();
    }
}
