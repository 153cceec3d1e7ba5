using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>
/// On SQLite the mall saves without RETURNING (each RETURNING costs SQLite a temporary table of its own; see
/// <see cref="SatuAtapDb"/>), and a stale concurrency token is still refused. On PostgreSQL nothing changes.
/// </summary>
public sealed class SqliteStatementsTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task OnSqlite_NoTableIsWrittenWithReturning()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var types = db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null).ToList();
        Assert.NotEmpty(types);
        if (db.IsSqlite)
            Assert.All(types, t => Assert.False(t.IsSqlReturningClauseUsed(), t.Name));
        else
            Assert.All(types, t => Assert.Null(t.FindAnnotation("Sqlite:UseSqlReturningClause")));
    }

    [Fact]
    public async Task AStaleConcurrencyToken_IsStillRefused_AndTheFirstSaveKept()
    {
        var day = new DateOnly(2031, 2, 3);
        await using (var setup = mall.Scope())
        {
            var db = setup.ServiceProvider.GetRequiredService<SatuAtapDb>();
            db.Holidays.Add(new Holiday { Date = day, Kind = HolidayKind.National, Name = "Uji token" });
            await db.SaveChangesAsync();
        }

        await using var first = mall.Scope();
        await using var second = mall.Scope();
        var db1 = first.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var db2 = second.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var one = await db1.Holidays.SingleAsync(h => h.Date == day);
        var two = await db2.Holidays.SingleAsync(h => h.Date == day);
        one.Name = "Uji token: pertama";
        await db1.SaveChangesAsync();
        two.Name = "Uji token: kedua";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        await using var check = mall.Scope();
        var saved = await check.ServiceProvider.GetRequiredService<SatuAtapDb>().Holidays.AsNoTracking().SingleAsync(h => h.Date == day);
        Assert.Equal("Uji token: pertama", saved.Name);
        Assert.Equal(one.Version, saved.Version);
    }
}
