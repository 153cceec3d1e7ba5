using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Catalog;

/// <summary>Agreements are in force on the mall's date (Jakarta), not on the UTC date.</summary>
public sealed class CatalogDateTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task AgreementValidity_FollowsTheMallsDate_WhenItDiffersFromTheUtcDate()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var cache = scope.ServiceProvider.GetRequiredService<CatalogCache>();
        var counters = (await cache.GetAsync()).Services.SelectMany(s => s.Counters).DistinctBy(c => c.Id).Take(2).ToList();
        Agreement Make(string number, DateOnly from, DateOnly until, CounterView counter, int officers) => new()
        {
            Number = number, Title = "Uji tanggal", AgencyId = counter.AgencyId, SignedOn = from.AddDays(-10), ValidFrom = from, ValidUntil = until,
            Counters = [new AgreementCounter { CounterId = counter.Id, Weekdays = Weekdays.Monday, Officers = officers }],
        };
        // Starts on Jakarta's 1 January 2027; ends on 31 December 2026.
        db.Agreements.Add(Make("UJI/TANGGAL/1", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), counters[0], 97));
        db.Agreements.Add(Make("UJI/TANGGAL/2", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), counters[1], 98));
        await db.SaveChangesAsync();

        // 31 December 2026, 18:00 UTC is 1 January 2027, 01:00 in Jakarta.
        mall.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 18, 0, 0, TimeSpan.Zero));
        cache.Invalidate();
        var snapshot = await cache.GetAsync();
        var views = snapshot.Services.SelectMany(s => s.Counters).ToList();
        Assert.All(views.Where(c => c.Id == counters[0].Id), c => Assert.Equal(97, c.Officers));
        Assert.All(views.Where(c => c.Id == counters[1].Id), c => Assert.NotEqual(98, c.Officers));
    }
}
