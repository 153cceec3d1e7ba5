using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Queue;

/// <summary>
/// A building's opening hours set by a manager (API and page): the kiosk holds to the new hours at once (with
/// <c>Queue:EnforceOpeningHours</c> on), the change is audited, only managers may make it, and bad input is 400 naming
/// the field. The clock starts on Monday 30 November 2026, 09.00 WIB, and only moves forward.
/// </summary>
public sealed class SiteHoursTests(OpeningHoursMall mall) : IClassFixture<OpeningHoursMall>
{
    private static DateTimeOffset Wib(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    private static JsonArray Week(params (int Weekday, string Opens, string Closes)[] days) =>
        [.. days.Select(d => (JsonNode)new JsonObject { ["weekday"] = d.Weekday, ["opens"] = d.Opens, ["closes"] = d.Closes })];

    private async Task<HttpResponseMessage> WalkInAsync(Guid site) =>
        await mall.CreateClient().PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = (await mall.ServiceAsync("DKP-KK")).ToString() });

    [Fact]
    public async Task A_manager_sets_the_hours_and_the_kiosk_holds_to_them_at_once()
    {
        var site = await mall.BuildingAsync();
        var manager = await mall.ClientForAsync(Accounts.Manager);
        Assert.NotEmpty((await (await mall.CreateClient().GetAsync($"/api/v1/sites/{site}/hours")).ReadJsonAsync()).AsArray());

        // From now on Monday opens at 10.00 and closes at 12.00; Saturday opens; Tuesday to Friday stay; Sunday closed.
        var saved = await manager.PutJsonAsync($"/api/v1/sites/{site}/hours",
            Week((1, "10:00", "12:00"), (2, "08:00", "15:00"), (3, "08:00", "15:00"), (4, "08:00", "15:00"), (5, "08:00", "14:30"), (6, "08:00", "24:00")));
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var week = await (await mall.CreateClient().GetAsync($"/api/v1/sites/{site}/hours")).ReadJsonAsync();
        Assert.Equal([1, 2, 3, 4, 5, 6], week.AsArray().Select(d => d!["weekday"]!.GetValue<int>()));
        Assert.Equal("10:00", week[0]!["opens"]!.GetValue<string>());
        Assert.Equal("24:00", week[5]!["closes"]!.GetValue<string>());

        // 09.00 is now outside Monday's hours: 409 with the opening at 10.00; at 10.00 a ticket is issued.
        var closed = await (await WalkInAsync(site)).AssertProblemAsync(409);
        Assert.Equal(Wib(11, 30, 10), closed["opensAt"]!.GetValue<DateTimeOffset>());
        mall.Clock.SetUtcNow(Wib(11, 30, 10));
        Assert.Equal(HttpStatusCode.Created, (await WalkInAsync(site)).StatusCode);
        mall.Clock.SetUtcNow(Wib(11, 30, 12));
        Assert.Equal(Wib(12, 1, 8), (await (await WalkInAsync(site)).AssertProblemAsync(409))["opensAt"]!.GetValue<DateTimeOffset>());
        // Saturday 5 December, 20.00: open until midnight now (it closed at 12.00 before).
        mall.Clock.SetUtcNow(Wib(12, 5, 20));
        Assert.Null((await mall.CreateClient().GetPageAsync($"/antrian/{site}/kiosk")).QuerySelector("#tutup"));
        // Sunday stays closed: the next opening is Monday 10.00, and the kiosk shows the new week.
        mall.Clock.SetUtcNow(Wib(12, 6, 10));
        Assert.Equal(Wib(12, 7, 10), (await (await WalkInAsync(site)).AssertProblemAsync(409))["opensAt"]!.GetValue<DateTimeOffset>());
        var kiosk = await mall.CreateClient().GetPageAsync($"/antrian/{site}/kiosk");
        Assert.Contains("Sabtu 08.00–24.00", kiosk.QuerySelector("#tutup")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Senin 10.00–12.00", kiosk.QuerySelector("#tutup")!.ParentElement!.TextContent, StringComparison.Ordinal);

        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var audit = (await db.AuditEntries.Where(a => a.EntityType == nameof(SiteHours) && a.EntityKey == site.ToString()).ToListAsync())
            .Single(a => a.After!.Contains("24:00", StringComparison.Ordinal));
        Assert.Equal(Accounts.Manager, audit.UserName);
        Assert.Equal("updated", audit.Action);
        Assert.NotNull(audit.Before);
        Assert.Contains("10:00", audit.After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_managers_may_set_the_hours_and_bad_input_is_400_naming_the_field()
    {
        var site = await mall.BuildingAsync();
        var good = Week((1, "08:00", "15:00"));
        await (await mall.CreateClient().PutJsonAsync($"/api/v1/sites/{site}/hours", good)).AssertProblemAsync(401);
        await (await (await mall.ClientForAsync(Accounts.DukcapilOfficer)).PutJsonAsync($"/api/v1/sites/{site}/hours", good)).AssertProblemAsync(403);
        await (await (await mall.ClientForAsync(Accounts.Citizen)).PutJsonAsync($"/api/v1/sites/{site}/hours", good)).AssertProblemAsync(403);

        var manager = await mall.ClientForAsync(Accounts.Manager);
        var hoursBefore = (await (await mall.CreateClient().GetAsync($"/api/v1/sites/{site}/hours")).ReadJsonAsync()).ToJsonString();
        async Task<JsonNode> BadAsync(JsonNode body) =>
            (await (await manager.PutJsonAsync($"/api/v1/sites/{site}/hours", body)).AssertProblemAsync(400))["errors"]!;
        Assert.NotNull((await BadAsync(Week((1, "08:00", "15:00"), (1, "09:00", "12:00"))))["[1].weekday"]);
        Assert.NotNull((await BadAsync(Week((2, "15:00", "08:00"))))["[0].closes"]);
        Assert.NotNull((await BadAsync(Week((2, "25:00", "26:00"))))["[0].opens"]);
        Assert.NotNull((await BadAsync(Week((8, "08:00", "15:00"))))["[0].weekday"]);
        Assert.NotNull((await BadAsync(new JsonArray()))["hours"]);
        Assert.NotNull((await BadAsync(new JsonArray { new JsonObject { ["weekday"] = 1 } }))["[0].opens"]);
        // A body that is not the expected JSON is 400, never 500.
        foreach (var raw in new[] { "{\"weekday\":1}", "[{\"weekday\":\"Senin\",\"opens\":\"08:00\",\"closes\":\"15:00\"}]", "[{\"weekday\":1,\"opens\":8}]", "bukan json" })
        {
            var response = await manager.PutAsync($"/api/v1/sites/{site}/hours", new StringContent(raw, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{raw}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        // Nothing of it was saved.
        Assert.Equal(hoursBefore, (await (await mall.CreateClient().GetAsync($"/api/v1/sites/{site}/hours")).ReadJsonAsync()).ToJsonString());

        // An unknown site is 404; a mobile-unit site has no weekly hours (409).
        await (await manager.PutJsonAsync($"/api/v1/sites/{Guid.NewGuid()}/hours", good)).AssertProblemAsync(404);
        await (await mall.CreateClient().GetAsync($"/api/v1/sites/{Guid.NewGuid()}/hours")).AssertProblemAsync(404);
        Guid mobile;
        await using (var scope = mall.Scope())
            mobile = await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().QueueSites.Where(s => s.Kind == SiteKind.Mobile).Select(s => s.Id).FirstAsync();
        await (await manager.PutJsonAsync($"/api/v1/sites/{mobile}/hours", good)).AssertProblemAsync(409);
    }

    [Fact]
    public async Task The_managers_page_edits_the_hours_and_re_shows_a_bad_entry()
    {
        var site = await mall.BuildingAsync();
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        Assert.Contains((await manager.GetPageAsync("/kelola/antrian")).QuerySelectorAll("a"), a => a.GetAttribute("href") == "/kelola/antrian/jam-buka");
        var url = $"/kelola/antrian/jam-buka?lokasi={site}";
        var page = await manager.GetPageAsync(url);
        var monday = (await (await mall.CreateClient().GetAsync($"/api/v1/sites/{site}/hours")).ReadJsonAsync()).AsArray().Single(d => d!["weekday"]!.GetValue<int>() == 1)!;
        Assert.Equal(monday["opens"]!.GetValue<string>(), page.QuerySelector("input#buka-1")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name=buka][value='1'][checked]"));
        Assert.Empty(page.QuerySelectorAll("script"));

        var bad = await manager.PostAsync(url, Form(await manager.GetPageAsync(url), [("buka", "1"), ("buka-1", "16:00"), ("tutup-1", "09:00"), ("buka", "2"), ("buka-2", "08:00"), ("tutup-2", "15:00")]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await bad.ParseAsync();
        Assert.NotNull(badPage.QuerySelector("#tutup-e-1"));
        Assert.Equal("16:00", badPage.QuerySelector("input#buka-1")!.GetAttribute("value"));

        var ok = await manager.PostAsync(url, Form(await manager.GetPageAsync(url), [("buka", "1"), ("buka-1", "07:30"), ("tutup-1", "12:00"), ("buka", "6"), ("buka-6", "08.00"), ("tutup-6", "11.00")]));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var week = await (await mall.CreateClient().GetAsync($"/api/v1/sites/{site}/hours")).ReadJsonAsync();
        Assert.Equal("[{\"weekday\":1,\"opens\":\"07:30\",\"closes\":\"12:00\"},{\"weekday\":6,\"opens\":\"08:00\",\"closes\":\"11:00\"}]", week.ToJsonString());

        var officer = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync(url)).StatusCode);
    }

    private static FormUrlEncodedContent Form(AngleSharp.Html.Dom.IHtmlDocument page, (string Name, string Value)[] values)
    {
        var token = page.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new FormUrlEncodedContent(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value))
            .Append(new("__RequestVerificationToken", token)));
    }
}
