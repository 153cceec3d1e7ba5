using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Outreach;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Outreach;

/// <summary>A mall that counts the reads of the visits' places left (the query joining the visits' services and the Queue's slots).</summary>
public sealed class PlacesCountingMall : MallFactory
{
    public PlacesReads Reads { get; } = new();

    /// <summary>Places kept 20 s (within the schedule's 30 s), so that a test can step the clock inside both.</summary>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Outreach:PlacesSeconds"] = "20" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<SatuAtapDb>(o => o.AddInterceptors(Reads)));
    }
}

public sealed class PlacesReads : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    private void Seen(DbCommand command)
    {
        if (command.CommandText.Contains("\"OutreachVisitServices\"", StringComparison.Ordinal) && command.CommandText.Contains("\"QueueSlots\"", StringComparison.Ordinal))
            Interlocked.Increment(ref _count);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// The schedule's places left are kept per node between reads, and stay exact: a booking or a cancellation made on the
/// node shows at once, a change made elsewhere within <c>Outreach:PlacesSeconds</c>.
/// </summary>
public sealed class SchedulePlacesTests(PlacesCountingMall mall) : IClassFixture<PlacesCountingMall>
{
    private static int Remaining(System.Text.Json.Nodes.JsonNode visit) => visit["services"]![0]!["remaining"]!.GetValue<int>();

    [Fact]
    public async Task TheSchedule_ReadsPlacesOnce_UntilABookingOrCancellationChangesThem()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit tempat");
        var (stop, _) = await mall.StopAsync("CISAAT");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, stop, mall.Day(4), 15, 17, (ktp, 5)));
        var anyone = mall.CreateClient();
        var path = $"/api/v1/outreach/visits/{visit["id"]}";

        Assert.Equal(5, Remaining(await anyone.GetJsonAsync(path)));
        var reads = mall.Reads.Count;
        Assert.Equal(5, Remaining(await anyone.GetJsonAsync(path)));
        Assert.Equal(5, Remaining((await anyone.GetJsonAsync($"/api/v1/outreach/visits?stopId={stop}")).AsArray().Single(v => v!["id"]!.GetValue<string>() == visit["id"]!.GetValue<string>())!));
        Assert.Equal(reads, mall.Reads.Count);

        var booked = await anyone.BookAsync(OutreachTestData.SlotOf(visit, ktp), "081298761001", name: "Warga Tempat");
        Assert.Equal(System.Net.HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(4, Remaining(await anyone.GetJsonAsync(path)));

        var code = (await booked.ReadJsonAsync())["code"]!.GetValue<string>();
        var cancelled = await anyone.DeleteAsync($"/api/v1/bookings/{code}");
        Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());
        Assert.Equal(5, Remaining(await anyone.GetJsonAsync(path)));
        Assert.Equal(5, Remaining((await anyone.GetJsonAsync($"/api/v1/outreach/visits?stopId={stop}")).AsArray().Single(v => v!["id"]!.GetValue<string>() == visit["id"]!.GetValue<string>())!));
    }

    [Fact]
    public async Task AStopPage_ShowsPlacesLeft_AndShowsABookingAndACancellationAtOnce()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit halaman lokasi");
        var (stop, _) = await mall.StopAsync("PALABUHANRATU");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, stop, mall.Day(3), 15, 17, (ktp, 7)));
        var anyone = mall.CreateClient();
        var slot = OutreachTestData.SlotOf(visit, ktp);
        // The booking link of the new visit's service, and the line it stands in.
        async Task<string> LineAsync(string language = "")
        {
            var page = await anyone.GetPageAsync("/keliling/palabuhanratu" + language);
            var link = page.QuerySelectorAll("ul.visits a").Single(a => a.GetAttribute("href")!.Contains($"layanan={ktp}", StringComparison.Ordinal)
                && System.Text.RegularExpressions.Regex.IsMatch(a.ParentElement!.ParentElement!.ParentElement!.TextContent, "15[.:]00–17[.:]00"));
            return System.Text.RegularExpressions.Regex.Replace(link.ParentElement!.TextContent, @"\s+", " ");
        }

        Assert.Contains("sisa 7 dari 7", await LineAsync());
        var reads = mall.Reads.Count;
        Assert.Contains("sisa 7 dari 7", await LineAsync());
        Assert.Contains("7 of 7 left", await LineAsync("?lang=en"));
        Assert.Equal(reads, mall.Reads.Count);

        var booked = await anyone.BookAsync(slot, "081298761002", name: "Warga Halaman");
        Assert.Equal(System.Net.HttpStatusCode.Created, booked.StatusCode);
        Assert.Contains("sisa 6 dari 7", await LineAsync());
        Assert.Contains("6 of 7 left", await LineAsync("?lang=en"));

        var code = (await booked.ReadJsonAsync())["code"]!.GetValue<string>();
        Assert.True((await anyone.DeleteAsync($"/api/v1/bookings/{code}")).IsSuccessStatusCode);
        Assert.Contains("sisa 7 dari 7", await LineAsync());
    }

    [Fact]
    public async Task AStopPage_IsMadeOncePerLanguage_UntilAPlaceIsTaken()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit halaman disimpan");
        var (stop, _) = await mall.StopAsync("SURADE");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, stop, mall.Day(2), 15, 17, (ktp, 4)));
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("id-ID");
            StopPage first;
            await using (var scope = mall.Scope())
            {
                var reads = scope.ServiceProvider.GetRequiredService<OutreachReads>();
                var view = (await reads.StopAsync(stop, default))!;
                first = await reads.StopPageAsync(view, default);
                Assert.Same(first, await reads.StopPageAsync(view, default));
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
                Assert.Contains(first.Visits, v => v.Services.Any(s => s.Places == "sisa 4 dari 4"));
                Assert.Contains((await reads.StopPageAsync(view, default)).Visits, v => v.Services.Any(s => s.Places == "4 of 4 left"));
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("id-ID");
            }

            var booked = await mall.CreateClient().BookAsync(OutreachTestData.SlotOf(visit, ktp), "081298761003", name: "Warga Disimpan");
            Assert.Equal(System.Net.HttpStatusCode.Created, booked.StatusCode);
            await using (var scope = mall.Scope())
            {
                var reads = scope.ServiceProvider.GetRequiredService<OutreachReads>();
                var again = await reads.StopPageAsync((await reads.StopAsync(stop, default))!, default);
                Assert.NotSame(first, again);
                Assert.Contains(again.Visits, v => v.Services.Any(s => s.Places == "sisa 3 dari 4"));
            }
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task TheScheduleAnswer_TurnsDone_WhenTheVisitEnds()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit selesai");
        var (stop, _) = await mall.StopAsync("SUKARAJA");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var day = mall.Day(6);
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, stop, day, 15, 17, (ktp, 5)));
        var anyone = mall.CreateClient();
        var list = $"/api/v1/outreach/visits?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&stopId={stop}";
        System.Text.Json.Nodes.JsonNode Ours(System.Text.Json.Nodes.JsonNode all) =>
            all.AsArray().Single(v => v!["id"]!.GetValue<string>() == visit["id"]!.GetValue<string>())!;

        mall.Clock.Advance(DateTimeOffset.Parse(OutreachTestData.At(day, 17), System.Globalization.CultureInfo.InvariantCulture) - mall.Clock.GetUtcNow() - TimeSpan.FromSeconds(5));
        var before = Ours(await anyone.GetJsonAsync(list));
        Assert.Equal("planned", before["status"]!.GetValue<string>());
        Assert.Equal(5, Remaining(before));
        Assert.Equal("planned", Ours(await anyone.GetJsonAsync(list))["status"]!.GetValue<string>());

        mall.Clock.Advance(TimeSpan.FromSeconds(10));
        var after = Ours(await anyone.GetJsonAsync(list));
        Assert.Equal("done", after["status"]!.GetValue<string>());
        Assert.Equal(0, Remaining(after));
    }

    [Fact]
    public async Task APlaceTakenElsewhere_ShowsWithinPlacesSeconds()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var unit = await manager.NewUnitAsync("Unit simpul lain");
        var (stop, _) = await mall.StopAsync("CICURUG");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var visit = await manager.CreateVisitAsync(OutreachTestData.Visit(unit, stop, mall.Day(5), 15, 17, (ktp, 5)));
        var anyone = mall.CreateClient();
        var path = $"/api/v1/outreach/visits/{visit["id"]}";
        Assert.Equal(5, Remaining(await anyone.GetJsonAsync(path)));

        // Another node takes two places: this node does not hear of it.
        var slot = OutreachTestData.SlotOf(visit, ktp);
        await using (var scope = mall.Scope())
            await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Slots.Where(s => s.Id == slot)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Booked, s => s.Booked + 2));

        mall.Clock.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal(3, Remaining(await anyone.GetJsonAsync(path)));
    }
}
