using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Outreach;

/// <summary>
/// The managers' pages that create and edit stops and units, plan visits (one, every N weeks, nth weekday) and move
/// them, through the Outreach use cases. The clock is Monday 30 November 2026. Its own mall: it changes the schedule.
/// </summary>
public sealed class OutreachManagerPageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> UnitAsync(string name) => await (await mall.ClientForAsync(Accounts.Manager)).NewUnitAsync(name);

    [Fact]
    public async Task AStop_IsCreatedAndEditedThroughItsPage_AndBadInputIsShownInTheForm()
    {
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        var created = await manager.PostFormAsync("/kelola/keliling/lokasi/baru", null, new()
        {
            ["Form.Code"] = "UJI-LOKASI", ["Form.Name"] = "Desa Uji", ["Form.Address"] = "Jl. Uji No. 1", ["Form.Latitude"] = "-7,1",
            ["Form.Longitude"] = "106.5", ["Form.RoadDistanceKm"] = "12.5", ["Form.TravelMinutes"] = "30", ["Form.Facilities"] = "Tenda",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/kelola/keliling/lokasi/", location);
        var id = Guid.Parse(location["/kelola/keliling/lokasi/".Length..].Split('?')[0]);
        var stop = await mall.CreateClient().GetJsonAsync($"/api/v1/outreach/stops/{id}");
        Assert.Equal("Desa Uji", stop["name"]!.GetValue<string>());
        Assert.Equal(-7.1, stop["latitude"]!.GetValue<double>());
        Assert.Equal(12.5, stop["roadDistanceKm"]!.GetValue<double>());

        var edited = await manager.PostFormAsync($"/kelola/keliling/lokasi/{id}", null, new()
        {
            ["Form.Code"] = "UJI-LOKASI", ["Form.Name"] = "Desa Uji Baru", ["Form.Address"] = "Jl. Uji No. 2", ["Form.RoadDistanceKm"] = "20", ["Form.TravelMinutes"] = "45",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        stop = await mall.CreateClient().GetJsonAsync($"/api/v1/outreach/stops/{id}");
        Assert.Equal("Desa Uji Baru", stop["name"]!.GetValue<string>());
        Assert.Equal(45, stop["travelMinutes"]!.GetValue<int>());
        Assert.Equal("Desa Uji Baru", (await manager.GetPageAsync($"/kelola/keliling/lokasi/{id}")).QuerySelector("#name")!.GetAttribute("value"));

        var bad = await manager.PostFormAsync($"/kelola/keliling/lokasi/{id}", null, new()
        {
            ["Form.Name"] = "", ["Form.Address"] = "Jl. Uji", ["Form.Latitude"] = "utara", ["Form.Longitude"] = "106", ["Form.RoadDistanceKm"] = "-3",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await bad.ParseAsync();
        Assert.Contains("Harus berupa angka.", page.QuerySelector("#latitude-error")!.TextContent);
        Assert.Null(page.QuerySelector("#name-error")); // the number is checked before the use case runs
        var invalid = await manager.PostFormAsync($"/kelola/keliling/lokasi/{id}", null, new()
        {
            ["Form.Name"] = "", ["Form.Address"] = "Jl. Uji", ["Form.RoadDistanceKm"] = "-3",
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        page = await invalid.ParseAsync();
        Assert.Contains("Wajib diisi.", page.QuerySelector("#name-error")!.TextContent);
        Assert.Contains("Jarak 0 sampai 2000 km.", page.QuerySelector("#roadDistanceKm-error")!.TextContent);
        Assert.Equal("Desa Uji Baru", (await mall.CreateClient().GetJsonAsync($"/api/v1/outreach/stops/{id}"))["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/kelola/keliling/lokasi/{Guid.CreateVersion7()}")).StatusCode);
    }

    [Fact]
    public async Task AUnit_IsCreatedAndEditedThroughItsPage_AndAMissingNameIsShownInTheForm()
    {
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        var created = await manager.PostFormAsync("/kelola/keliling/unit/baru", null, new() { ["Form.Name"] = "Unit Halaman", ["Form.Vehicle"] = "Bus", ["Form.Crew"] = "Ani, Budi" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString.Split('?')[0];
        var edited = await manager.PostFormAsync(url, null, new() { ["Form.Name"] = "Unit Halaman 2", ["Form.Vehicle"] = "Truk", ["Form.Crew"] = "Ani" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var units = await (await mall.ClientForAsync(Accounts.Manager)).GetJsonAsync("/api/v1/outreach/units");
        Assert.Contains(units.AsArray(), u => u!["name"]!.GetValue<string>() == "Unit Halaman 2" && u["vehicle"]!.GetValue<string>() == "Truk");

        var bad = await manager.PostFormAsync(url, null, new() { ["Form.Name"] = " ", ["Form.Vehicle"] = "Truk" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Wajib diisi.", (await bad.ParseAsync()).QuerySelector("#name-error")!.TextContent);
    }

    [Fact]
    public async Task PlanningPage_MakesOneVisit_EveryNWeeks_AndTheNthWeekday_AndShowsTheUseCasesRefusals()
    {
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        var unit = await UnitAsync("Unit Rencana");
        var (stop, _) = await mall.StopAsync("CISAAT");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        Dictionary<string, string> Form(string kind, DateOnly date, params (string Key, string Value)[] more)
        {
            var form = new Dictionary<string, string>
            {
                ["Form.Kind"] = kind, ["Form.UnitId"] = unit.ToString(), ["Form.StopId"] = stop.ToString(), ["Form.Date"] = Iso(date),
                ["Form.Start"] = "09:00", ["Form.End"] = "12:00", ["Form.ConfirmHoliday"] = "true",
                ["Form.Services[0].ServiceId"] = ktp.ToString(), ["Form.Services[0].Quota"] = "5", ["Form.Services[1].ServiceId"] = "",
            };
            foreach (var (k, v) in more) form[k] = v;
            return form;
        }
        async Task<List<(DateTime Start, DateTime End)>> VisitsAsync()
        {
            await using var scope = mall.Scope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            return (await db.OutreachVisits.Where(v => v.UnitId == unit).Select(v => new { v.StartUtc, v.EndUtc }).ToListAsync())
                .Select(v => (v.StartUtc, v.EndUtc)).OrderBy(v => v.Item1).ToList();
        }

        // Thursday 10 December 2026, 09.00–12.00 WIB.
        var one = await manager.PostFormAsync("/kelola/keliling/rencana", null, Form("sekali", mall.Day(10)));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("1 kunjungan direncanakan.", (await one.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(new List<(DateTime, DateTime)> { (new DateTime(2026, 12, 10, 2, 0, 0), new DateTime(2026, 12, 10, 5, 0, 0)) }, await VisitsAsync());

        var clash = await manager.PostFormAsync("/kelola/keliling/rencana", null, Form("sekali", mall.Day(10), ("Form.Start", "11:00"), ("Form.End", "13:00")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, clash.StatusCode);
        Assert.NotEmpty((await clash.ParseAsync()).QuerySelector("[role=alert]")!.TextContent.Trim());
        var past = await manager.PostFormAsync("/kelola/keliling/rencana", null, Form("sekali", mall.Day(-3)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        var none = await manager.PostFormAsync("/kelola/keliling/rencana", null, Form("sekali", mall.Day(11), ("Form.Services[0].ServiceId", "")));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Pilih paling sedikit satu layanan.", (await none.ParseAsync()).QuerySelector("#services-error")!.TextContent);
        var quota = await manager.PostFormAsync("/kelola/keliling/rencana", null, Form("sekali", mall.Day(11), ("Form.Services[0].Quota", "banyak")));
        Assert.Equal(HttpStatusCode.BadRequest, quota.StatusCode);
        Assert.NotNull((await quota.ParseAsync()).QuerySelector("#services-0--quota-error"));
        Assert.Single(await VisitsAsync());

        // Every second week from Monday 14 December to 11 January: 14 and 28 December, 11 January.
        var weekly = await manager.PostFormAsync("/kelola/keliling/rencana", null,
            Form("mingguan", mall.Day(14), ("Form.Until", Iso(mall.Day(42))), ("Form.EveryWeeks", "2")));
        Assert.Equal(HttpStatusCode.OK, weekly.StatusCode);
        Assert.Contains("3 kunjungan direncanakan.", (await weekly.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        // The second Wednesday of January, February and March 2027.
        var monthly = await manager.PostFormAsync("/kelola/keliling/rencana", null,
            Form("bulanan", mall.Day(32), ("Form.Until", Iso(mall.Day(130))), ("Form.NthWeekday", "2"), ("Form.Weekday", "wednesday")));
        Assert.Equal(HttpStatusCode.OK, monthly.StatusCode);
        var days = (await VisitsAsync()).Select(v => DateOnly.FromDateTime(v.Start)).ToList();
        Assert.Equal(new List<DateOnly> { new(2026, 12, 10), new(2026, 12, 14), new(2026, 12, 28), new(2027, 1, 11), new(2027, 1, 13), new(2027, 2, 10), new(2027, 3, 10) }, days);
    }

    [Fact]
    public async Task MovePage_MovesAVisit_AndShowsTheRefusalsInTheForm()
    {
        var unit = await UnitAsync("Unit Pindah");
        var (stop, _) = await mall.StopAsync("SUKARAJA");
        var ktp = await mall.ServiceAsync("DKP-KTP");
        var body = OutreachTestData.Visit(unit, stop, mall.Day(9), 8, 12, (ktp, 4));
        body["confirmHoliday"] = true;
        var visit = await (await mall.ClientForAsync(Accounts.Manager)).CreateVisitAsync(body);
        var id = visit["id"]!.GetValue<string>();
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        var url = $"/kelola/keliling/kunjungan/{id}/pindah";
        Assert.Equal("2026-12-09", (await manager.GetPageAsync(url)).QuerySelector("#date")!.GetAttribute("value"));

        var inverted = await manager.PostFormAsync(url, null, new() { ["Form.Date"] = Iso(mall.Day(12)), ["Form.Start"] = "13:00", ["Form.End"] = "09:00" });
        Assert.Equal(HttpStatusCode.BadRequest, inverted.StatusCode);
        Assert.Contains("Waktu selesai harus setelah waktu mulai.", (await inverted.ParseAsync()).QuerySelector("#end-error")!.TextContent);
        var past = await manager.PostFormAsync(url, null, new() { ["Form.Date"] = Iso(mall.Day(-2)), ["Form.Start"] = "08:00", ["Form.End"] = "10:00" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);

        var moved = await manager.PostFormAsync(url, null, new()
        {
            ["Form.Date"] = Iso(mall.Day(12)), ["Form.Start"] = "09:00", ["Form.End"] = "13:00", ["Form.Note"] = "Jembatan diperbaiki.", ["Form.ConfirmHoliday"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("dipindahkan", (await moved.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);
        var after = await mall.CreateClient().GetJsonAsync($"/api/v1/outreach/visits/{id}");
        Assert.Equal("moved", after["status"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 2, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(after["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/kelola/keliling/kunjungan/{Guid.CreateVersion7()}/pindah")).StatusCode);
    }

    [Theory]
    [InlineData("/kelola/keliling/lokasi/baru")]
    [InlineData("/kelola/keliling/unit/baru")]
    [InlineData("/kelola/keliling/rencana")]
    public async Task ThePages_AreForManagersOnly(string url)
    {
        var anonymous = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.StartsWith("/akun/masuk", (await anonymous.GetAsync(url)).Headers.Location!.PathAndQuery);
        foreach (var account in new[] { Accounts.DukcapilOfficer, Accounts.Citizen })
        {
            var client = await mall.PageClientForAsync(account);
            Assert.StartsWith("/akun/ditolak", (await client.GetAsync(url)).Headers.Location!.PathAndQuery);
            var post = await client.PostAsync(url, new FormUrlEncodedContent([new("Form.Name", "Tidak boleh")]));
            Assert.StartsWith("/akun/ditolak", post.Headers.Location!.PathAndQuery);
        }
        var (stop, _) = await mall.StopAsync("SURADE");
        var officer = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        Assert.StartsWith("/akun/ditolak", (await officer.GetAsync($"/kelola/keliling/lokasi/{stop}")).Headers.Location!.PathAndQuery);
    }
}
