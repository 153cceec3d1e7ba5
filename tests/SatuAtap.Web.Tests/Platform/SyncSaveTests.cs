using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Platform;

public sealed class SyncSaveTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task ASynchronousSave_IsRefused_SoNothingIsWrittenWithoutItsAuditEntry()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var auditsBefore = await db.AuditEntries.CountAsync();
        db.Holidays.Add(new Holiday { Date = new DateOnly(2029, 4, 4), Kind = HolidayKind.National, Name = "Uji simpan" });
        var e = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        Assert.Contains("SaveChangesAsync", e.Message);
        db.ChangeTracker.Clear();
        Assert.False(await db.Holidays.AnyAsync(h => h.Date == new DateOnly(2029, 4, 4)));
        Assert.Equal(auditsBefore, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task TheDataProtectionKeyRing_StillSavesSynchronously()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "sync-save-test", Xml = "<key/>" });
        Assert.Equal(1, db.SaveChanges());
        db.ChangeTracker.Clear();
        var saved = await db.DataProtectionKeys.SingleAsync(k => k.FriendlyName == "sync-save-test");
        db.DataProtectionKeys.Remove(saved);
        await db.SaveChangesAsync();
    }
}
