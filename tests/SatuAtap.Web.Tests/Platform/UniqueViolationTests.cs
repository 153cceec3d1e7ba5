using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>The violated unique index is named from the provider's error, on the database the suite runs on.</summary>
public sealed class UniqueViolationTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task ABookingCodeCollision_IsToldApartFromASecondBookingOfThePerson()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var slot = await mall.SlotAsync(manager, await mall.BuildingAsync(), await mall.ServiceAsync("BPN-PERALIHAN"), 3, 9, 5);
        var code = (await (await mall.CreateClient().BookAsync(slot, "081277770001")).ReadJsonAsync())["code"]!.GetValue<string>();

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var booked = await db.Bookings.AsNoTracking().SingleAsync(b => b.Code == code);
        Booking Copy(string newCode, string? phoneKey) => new()
        {
            Code = newCode, SlotId = booked.SlotId, SiteId = booked.SiteId, ServiceId = booked.ServiceId, Day = booked.Day,
            StartUtc = booked.StartUtc, Name = "Uji", Phone = "081277770002", Status = BookingStatus.Active, PhoneKey = phoneKey,
        };

        var sameCode = await SaveFailureAsync(db, Copy(code, "other-person"));
        Assert.True(UniqueViolation.Is(sameCode));
        Assert.Equal("IX_QueueBookings_Code", UniqueViolation.IndexName(db, sameCode));
        Assert.True(UniqueViolation.On<Booking>(db, sameCode, nameof(Booking.Code)));
        Assert.False(UniqueViolation.On<Booking>(db, sameCode, nameof(Booking.PhoneKey)));

        var samePerson = await SaveFailureAsync(db, Copy("UJI-" + Guid.NewGuid().ToString("N")[..8], booked.PhoneKey));
        Assert.Equal("IX_QueueBookings_PhoneKey", UniqueViolation.IndexName(db, samePerson));
        Assert.True(UniqueViolation.On<Booking>(db, samePerson, nameof(Booking.PhoneKey)));
        Assert.False(UniqueViolation.On<Booking>(db, samePerson, nameof(Booking.Code)));
    }

    [Fact]
    public async Task AnIndexOverSeveralColumns_AndAPrimaryKey_AreNamed_AndOtherFailuresAreNoUniqueViolation()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        IdempotencyRecord Record() => new() { Key = "uniq-test", Caller = "ip:192.0.2.1", Endpoint = "test.endpoint", RequestHash = "x", CreatedUtc = DateTime.UtcNow };
        db.IdempotencyRecords.Add(Record());
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var again = await SaveFailureAsync(db, Record());
        Assert.Equal("IX_IdempotencyRecords_Key_Caller_Endpoint", UniqueViolation.IndexName(db, again));
        Assert.True(UniqueViolation.On<IdempotencyRecord>(db, again,
            nameof(IdempotencyRecord.Key), nameof(IdempotencyRecord.Caller), nameof(IdempotencyRecord.Endpoint)));

        var existing = await db.IdempotencyRecords.AsNoTracking().Where(r => r.Key == "uniq-test").Select(r => r.Id).SingleAsync();
        var sameId = Record();
        sameId.Id = existing;
        sameId.Key = "uniq-test-2";
        var key = await SaveFailureAsync(db, sameId);
        Assert.Equal("PK_IdempotencyRecords", UniqueViolation.IndexName(db, key));
        Assert.True(UniqueViolation.On<IdempotencyRecord>(db, key, nameof(IdempotencyRecord.Id)));

        // A booking in a slot that does not exist breaks a foreign key, not a unique rule.
        var orphan = await SaveFailureAsync(db, new Booking
        {
            Code = "UJI-FK", SlotId = Guid.NewGuid(), SiteId = Guid.NewGuid(), ServiceId = Guid.NewGuid(), Day = new DateOnly(2026, 12, 1),
            Name = "Uji", Phone = "081277770003", Status = BookingStatus.Active,
        });
        Assert.False(UniqueViolation.Is(orphan));
        Assert.Null(UniqueViolation.IndexName(db, orphan));
        Assert.Null(UniqueViolation.IndexName(db, new InvalidOperationException("UNIQUE constraint failed: QueueBookings.Code")));
    }

    private static async Task<DbUpdateException> SaveFailureAsync(SatuAtapDb db, object entity)
    {
        db.Add(entity);
        var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        return e;
    }
}
