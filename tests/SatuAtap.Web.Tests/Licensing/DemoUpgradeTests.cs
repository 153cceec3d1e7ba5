using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Catalog.Demo;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Licensing;

/// <summary>A demo database made before the Link-Satu services existed gets them when the mall starts again.</summary>
public sealed class DemoUpgradeTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task Demo_seeding_adds_the_missing_demo_services_once_and_changes_nothing_else()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        // The older demo catalog: no Link-Satu desk and no SLF service (their codes are free), and a manager's edit.
        foreach (var code in new[] { "PTSP-SLF", "PTSP-LINKSATU" })
            await db.Services.Where(s => s.Code == code).ExecuteUpdateAsync(s => s.SetProperty(x => x.Code, code.Replace("PTSP-", "OLD-", StringComparison.Ordinal)));
        await db.Services.Where(s => s.Code == "PTSP-NIB").ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, "Pendampingan NIB (diubah pengelola)"));
        var before = await db.Services.CountAsync();

        Assert.True(await DemoCatalog.SeedAsync(db));

        var added = await db.Services.AsNoTracking().Include(s => s.Requirements).Include(s => s.Counters).Include(s => s.Agency)
            .Where(s => s.Code == "PTSP-SLF" || s.Code == "PTSP-LINKSATU").ToListAsync();
        Assert.Equal(2, added.Count);
        Assert.All(added, s => Assert.True(s.IsDemo));
        Assert.All(added, s => Assert.Equal("DPMPTSP", s.Agency!.Code));
        Assert.All(added, s => Assert.NotEmpty(s.Requirements));
        Assert.Equal(before + 2, await db.Services.CountAsync());
        Assert.Equal("Pendampingan NIB (diubah pengelola)", await db.Services.Where(s => s.Code == "PTSP-NIB").Select(s => s.Name).SingleAsync());

        // Started again: nothing more.
        Assert.False(await DemoCatalog.SeedAsync(db));
        Assert.Equal(before + 2, await db.Services.CountAsync());
    }

    [Fact]
    public async Task A_catalog_of_real_agencies_gets_no_demo_services()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        await db.Services.Where(s => s.Code == "KMG-HALAL").ExecuteUpdateAsync(s => s.SetProperty(x => x.Code, "REAL-HALAL"));
        var kemenag = await db.Services.Where(s => s.Code == "REAL-HALAL").Select(s => s.AgencyId).SingleAsync();
        await db.Agencies.Where(a => a.Id == kemenag).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsDemo, false));
        await DemoCatalog.SeedAsync(db);
        Assert.False(await db.Services.AnyAsync(s => s.Code == "KMG-HALAL"));
    }
}
