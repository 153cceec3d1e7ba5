using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Rights;

/// <summary>Citizens and records made directly in the database, for the rights and retention tests.</summary>
public static class RightsDriver
{
    /// <summary>A verified citizen account with the demo password.</summary>
    public static async Task<(Guid Id, string Email)> CitizenAsync(MallFactory mall, string name = "Siti Rahmawati")
    {
        await using var scope = mall.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var email = $"warga.{Guid.NewGuid():N}@contoh.id";
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, FullName = name };
        var created = await users.CreateAsync(user, MallFactory.DemoPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Citizen);
        return (user.Id, email);
    }

    /// <summary>A booking on a demo slot, for <paramref name="day"/>, held by the given account (or nobody).</summary>
    public static async Task<Guid> BookingAsync(MallFactory mall, Guid? userId, DateOnly day, BookingStatus status = BookingStatus.Active)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var slot = await db.Slots.AsNoTracking().FirstAsync();
        var booking = new Booking
        {
            Code = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), SlotId = slot.Id, SiteId = slot.SiteId, ServiceId = slot.ServiceId,
            Day = day, StartUtc = day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), Name = "Siti Rahmawati", Phone = "081234567890",
            Nik = "3202015505900002", UserId = userId, Status = status, CreatedUtc = DateTime.UtcNow,
        };
        db.Bookings.Add(booking);
        await db.SaveChangesAsync();
        return booking.Id;
    }

    public static async Task<T> WithDbAsync<T>(MallFactory mall, Func<SatuAtapDb, Task<T>> f)
    {
        await using var scope = mall.Scope();
        return await f(scope.ServiceProvider.GetRequiredService<SatuAtapDb>());
    }

    public static bool FileExists(MallFactory mall, string key)
    {
        using var stream = mall.Services.GetRequiredService<FileStore>().Open(key);
        return stream is not null;
    }
}
