using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Outreach;

/// <summary>A mall whose writes to the notification outbox can be made to fail, to show what a failed change leaves behind.</summary>
public sealed class FailingOutboxMall : MallFactory
{
    public OutboxFailure Failure { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<SatuAtapDb>(o => o.AddInterceptors(Failure)));
    }
}

/// <summary>While armed, every command that inserts into the outbox fails before it reaches the database.</summary>
public sealed class OutboxFailure : DbCommandInterceptor
{
    private volatile bool _armed;

    public bool Armed { get => _armed; set => _armed = value; }

    private void Check(DbCommand command)
    {
        if (Armed && command.CommandText.Contains("INSERT INTO \"OutboxMessages\"", StringComparison.Ordinal))
            throw new InvalidOperationException("The outbox write failed (test).");
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Moving or cancelling a visit commits whole or not at all: the visit, its slots, its bookings and the messages.</summary>
public sealed class VisitChangeAtomicityTests(FailingOutboxMall mall) : IClassFixture<FailingOutboxMall>
{
    [Fact]
    public async Task CancellingAVisit_WhenTheOutboxWriteFails_ChangesNothing()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit gagal batal");
        var (stop, _) = await mall.StopAsync("SURADE");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, stop, mall.Day(2), 15, 17, (ktp, 5)));
        var slot = OutreachTestData.SlotOf(visit, ktp);
        // Booked signed in: the holder is told by email, through the outbox.
        var booked = await (await mall.ClientForAsync(Accounts.Citizen)).BookAsync(slot, "081298761001", name: "Warga Satu");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var code = (await booked.ReadJsonAsync())["code"]!.GetValue<string>();

        HttpResponseMessage response;
        mall.Failure.Armed = true;
        try
        {
            response = await manager.PostJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/cancel", new JsonObject { ["note"] = "Kendaraan rusak." });
        }
        finally
        {
            mall.Failure.Armed = false;
        }

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var id = visit["id"]!.GetValue<Guid>();
        Assert.Equal(SatuAtap.Core.Outreach.VisitStatus.Planned, (await db.OutreachVisits.AsNoTracking().SingleAsync(v => v.Id == id)).Status);
        var stored = await db.Slots.AsNoTracking().SingleAsync(s => s.Id == slot);
        Assert.False(stored.Closed);
        Assert.Equal(1, stored.Booked);
        Assert.Equal(BookingStatus.Active, (await db.Bookings.AsNoTracking().SingleAsync(b => b.SlotId == slot)).Status);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.EventCode == "outreach.visitCancelled"));
        Assert.Equal("active", (await mall.CreateClient().GetJsonAsync($"/api/v1/bookings/{code}"))["status"]!.GetValue<string>());

        // With the outbox working again the same cancellation goes through whole.
        var again = await manager.PostJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/cancel", new JsonObject { ["note"] = "Kendaraan rusak." });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("cancelled", (await mall.CreateClient().GetJsonAsync($"/api/v1/bookings/{code}"))["status"]!.GetValue<string>());
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.EventCode == "outreach.visitCancelled"));
    }

    [Fact]
    public async Task MovingAVisit_WhenTheOutboxWriteFails_ChangesNothing()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit gagal pindah");
        var (stop, _) = await mall.StopAsync("CICURUG");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var day = mall.Day(3);
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, stop, day, 15, 17, (ktp, 5)));
        var slot = OutreachTestData.SlotOf(visit, ktp);
        // Booked signed in: the holder is told by email, through the outbox.
        var booked = await (await mall.ClientForAsync(Accounts.Citizen)).BookAsync(slot, "081298761002", name: "Warga Dua");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var newDay = mall.Day(5);

        HttpResponseMessage response;
        mall.Failure.Armed = true;
        try
        {
            response = await manager.PostJsonAsync($"/api/v1/outreach/visits/{visit["id"]}/move", new JsonObject
                { ["start"] = OutreachTestData.At(newDay, 9), ["end"] = OutreachTestData.At(newDay, 11) });
        }
        finally
        {
            mall.Failure.Armed = false;
        }

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var id = visit["id"]!.GetValue<Guid>();
        var stored = await db.OutreachVisits.AsNoTracking().SingleAsync(v => v.Id == id);
        Assert.Equal(SatuAtap.Core.Outreach.VisitStatus.Planned, stored.Status);
        Assert.Equal(day, stored.Day);
        Assert.Equal(day, (await db.Slots.AsNoTracking().SingleAsync(s => s.Id == slot)).Day);
        Assert.Equal(day, (await db.Bookings.AsNoTracking().SingleAsync(b => b.SlotId == slot)).Day);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.EventCode == "outreach.visitMoved"));
    }
}
