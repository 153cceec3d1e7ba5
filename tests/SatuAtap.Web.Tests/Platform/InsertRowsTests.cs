using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Outreach;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>
/// Rows written by <see cref="InsertRows"/> (the demo history's path past the change tracker) are the rows a save
/// writes: read back they equal rows saved through <c>SaveChangesAsync</c>, enums stored as text and personal data
/// encrypted as in a save; audited entities are refused; rows written in a transaction that is rolled back are gone.
/// </summary>
public sealed class InsertRowsTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task Rows_inserted_read_back_equal_to_rows_saved_and_are_stored_as_a_save_stores_them()
    {
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("DKP-KTP");
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var day = new DateOnly(2026, 3, 2);
        var start = new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);
        var slot = new Slot { SiteId = site, ServiceId = service, Day = day, StartUtc = start, EndUtc = start.AddHours(1), Capacity = 6, Booked = 2 };
        db.Slots.Add(slot);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        Booking NewBooking(string code) => new()
        {
            Code = code, SlotId = slot.Id, SiteId = site, ServiceId = service, Day = day, StartUtc = start, Name = "Warga Uji", Phone = "089900000001",
            Nik = "3202010101900001", Status = BookingStatus.CheckedIn, CreatedUtc = start.AddDays(-2), CheckedInUtc = start.AddMinutes(3), PhoneKey = "key-" + code,
        };
        Ticket NewTicket(int number, Guid booking) => new()
        {
            SiteId = site, ServiceId = service, Series = "IR", Day = day, Number = number, Status = TicketStatus.NoShow, BookingId = booking,
            ArrivedUtc = start.AddMinutes(1), CalledUtc = start.AddMinutes(9.5), LastCalledUtc = start.AddMinutes(9.5), DueUtc = start,
        };
        var savedBooking = NewBooking("IRSAVE");
        var savedTicket = NewTicket(1, savedBooking.Id);
        db.AddRange(savedBooking, savedTicket);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var insertedBooking = NewBooking("IRBULK");
        var insertedTicket = NewTicket(2, insertedBooking.Id);
        Assert.Equal(1, await InsertRows.InsertAsync(db, [insertedBooking], default));
        Assert.Equal(1, await InsertRows.InsertAsync(db, [insertedTicket], default));

        // Read back through the model: every property equal but the key, the code, the number and the key of the person.
        await AssertSameAsync<Booking>(db, savedBooking.Id, insertedBooking.Id, nameof(Booking.Id), nameof(Booking.Code), nameof(Booking.PhoneKey));
        await AssertSameAsync<Ticket>(db, savedTicket.Id, insertedTicket.Id, nameof(Ticket.Id), nameof(Ticket.Number), nameof(Ticket.BookingId));
        var read = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == insertedBooking.Id);
        Assert.Equal("3202010101900001", read.Nik);
        Assert.Equal(BookingStatus.CheckedIn, read.Status);

        // Stored as a save stores them: the status as text, the NIK encrypted (not the clear value), the time in the same form.
        foreach (var id in new[] { savedBooking.Id, insertedBooking.Id })
        {
            var (status, nik, created) = await RawAsync(db, id);
            Assert.Equal("CheckedIn", status);
            Assert.DoesNotContain("3202010101900001", nik);
            Assert.Equal((await RawAsync(db, savedBooking.Id)).Created, created);
        }
    }

    [Fact]
    public async Task Rows_beyond_one_statement_are_each_written_once()
    {
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("DKP-KTP");
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var day = new DateOnly(2026, 3, 3);
        var start = new DateTime(2026, 3, 3, 1, 0, 0, DateTimeKind.Utc);
        // More rows than one statement takes on SQLite (fifteen tickets); PostgreSQL copies them all in one COPY.
        var tickets = Enumerable.Range(1, 2_345).Select(n => new Ticket
        {
            SiteId = site, ServiceId = service, Series = "IM", Day = day, Number = n, Status = TicketStatus.Done,
            ArrivedUtc = start.AddSeconds(n), CalledUtc = start.AddSeconds(n + 60), StartedUtc = start.AddSeconds(n + 60), FinishedUtc = start.AddSeconds(n + 400),
        }).ToList();
        Assert.Equal(tickets.Count, await InsertRows.InsertAsync(db, tickets, default));

        var stored = await db.Tickets.AsNoTracking().Where(t => t.Series == "IM" && t.Day == day).Select(t => new { t.Id, t.Number, t.ArrivedUtc }).ToListAsync();
        Assert.Equal(tickets.Count, stored.Count);
        Assert.Equal(tickets.Select(t => (t.Id, t.Number, t.ArrivedUtc)).Order(), stored.Select(t => (t.Id, t.Number, t.ArrivedUtc)).Order());
    }

    [Fact]
    public async Task Rows_are_written_in_the_contexts_transaction()
    {
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("DKP-KTP");
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var day = new DateOnly(2026, 3, 4);
        var start = new DateTime(2026, 3, 4, 1, 0, 0, DateTimeKind.Utc);
        List<Ticket> Tickets(string series) => Enumerable.Range(1, 40).Select(n => new Ticket
        {
            SiteId = site, ServiceId = service, Series = series, Day = day, Number = n, Status = TicketStatus.Waiting, ArrivedUtc = start.AddSeconds(n),
        }).ToList();

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(40, await InsertRows.InsertAsync(db, Tickets("RB"), default));
            // Seen inside the transaction, then rolled back with it.
            Assert.Equal(40, await db.Tickets.CountAsync(t => t.Series == "RB" && t.Day == day));
            await tx.RollbackAsync();
        }
        Assert.Equal(0, await db.Tickets.CountAsync(t => t.Series == "RB" && t.Day == day));

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await InsertRows.InsertAsync(db, Tickets("CM"), default);
            await tx.CommitAsync();
        }
        Assert.Equal(40, await db.Tickets.CountAsync(t => t.Series == "CM" && t.Day == day));
    }

    [Fact]
    public async Task Audited_entities_are_refused()
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var visit = new Visit { UnitId = Guid.NewGuid(), StopId = Guid.NewGuid(), SiteId = Guid.NewGuid(), Day = new DateOnly(2026, 3, 2) };
        await Assert.ThrowsAsync<InvalidOperationException>(() => InsertRows.InsertAsync(db, [visit], default));
        Assert.False(await db.OutreachVisits.AnyAsync(v => v.Id == visit.Id));
    }

    private static async Task AssertSameAsync<T>(SatuAtapDb db, Guid saved, Guid inserted, params string[] except) where T : Core.Common.Entity
    {
        var a = await db.Set<T>().AsNoTracking().SingleAsync(x => x.Id == saved);
        var b = await db.Set<T>().AsNoTracking().SingleAsync(x => x.Id == inserted);
        foreach (var property in db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => !except.Contains(p.Name)))
            Assert.True(Equals(property.GetGetter().GetClrValueUsingContainingEntity(a), property.GetGetter().GetClrValueUsingContainingEntity(b)),
                $"{typeof(T).Name}.{property.Name}: {property.GetGetter().GetClrValueUsingContainingEntity(a)} saved, {property.GetGetter().GetClrValueUsingContainingEntity(b)} inserted");
    }

    private static async Task<(string Status, string Nik, string Created)> RawAsync(SatuAtapDb db, Guid id)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Status", "Nik", CAST("CreatedUtc" AS TEXT) FROM "QueueBookings" WHERE "Id" = @id""";
            var p = command.CreateParameter();
            p.ParameterName = "@id";
            // The key as the model stores it (text on SQLite, uuid on PostgreSQL).
            p.Value = db.IsSqlite ? id.ToString().ToUpperInvariant() : id;
            command.Parameters.Add(p);
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"booking {id} as stored");
            return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
