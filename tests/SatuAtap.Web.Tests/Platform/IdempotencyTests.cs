using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using SatuAtap.Web.Tests.Queue;

namespace SatuAtap.Web.Tests.Platform;

/// <summary>
/// A request sent twice creates once: <c>Idempotency-Key</c> on the API's create endpoints, and a one-time token in
/// the pages' create forms. Requests that overlap the first one are answered 409; later ones get the first answer.
/// </summary>
public sealed class IdempotencyTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static HttpRequestMessage Post(string url, JsonNode body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    /// <summary>Fires the same request 8 times at once; returns (status, body, location) of each.</summary>
    private static async Task<(HttpStatusCode Status, string Body, string? Location)[]> StormAsync(HttpClient client, string url, JsonNode body, string key) =>
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var r = await client.SendAsync(Post(url, body.DeepClone(), key));
            return (r.StatusCode, await r.Content.ReadAsStringAsync(), r.Headers.Location?.ToString());
        }));

    private static void AssertOneCreatedAndTheRestRepeatIt((HttpStatusCode Status, string Body, string? Location)[] answers)
    {
        var created = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{a.Status}: {a.Body}"));
        Assert.Single(created.Select(a => a.Body).Distinct());
        Assert.Single(created.Select(a => a.Location).Distinct());
    }

    private async Task<T> InDbAsync<T>(Func<SatuAtapDb, Task<T>> read)
    {
        await using var scope = mall.Scope();
        return await read(scope.ServiceProvider.GetRequiredService<SatuAtapDb>());
    }

    [Fact]
    public async Task Applications_EightAtOnceWithOneKey_CreateOne_AndARepeatGetsTheFirstAnswer()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var body = new JsonObject { ["serviceId"] = "DKP-KTP", ["fields"] = new JsonObject { ["NIK"] = "3202011505900401", ["Tanggal lahir"] = "1990-05-15" } };
        var before = await InDbAsync(db => db.Applications.CountAsync());
        var answers = await StormAsync(citizen, "/api/v1/applications", body, "apply-7f3c2a");
        AssertOneCreatedAndTheRestRepeatIt(answers);
        Assert.Equal(before + 1, await InDbAsync(db => db.Applications.CountAsync()));

        // Later, the same key gives the same answer, and still nothing new.
        var again = await citizen.SendAsync(Post("/api/v1/applications", body, "apply-7f3c2a"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(answers.First(a => a.Status == HttpStatusCode.Created).Body, await again.Content.ReadAsStringAsync());
        Assert.Equal(answers.First(a => a.Status == HttpStatusCode.Created).Location, again.Headers.Location?.ToString());
        Assert.Equal(before + 1, await InDbAsync(db => db.Applications.CountAsync()));

        // The same key with another body is refused; another caller's same key is theirs alone.
        body["fields"]!["NIK"] = "3202011505900402";
        await (await citizen.SendAsync(Post("/api/v1/applications", body, "apply-7f3c2a"))).AssertProblemAsync(422);
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var captured = new JsonObject
        {
            ["serviceId"] = "DKP-KTP", ["fields"] = new JsonObject { ["NIK"] = "3202011505900403", ["Tanggal lahir"] = "1990-05-15" },
            ["applicant"] = new JsonObject { ["name"] = "Siti Aminah", ["phone"] = "081234567001" },
        };
        Assert.Equal(HttpStatusCode.Created, (await officer.SendAsync(Post("/api/v1/applications", captured, "apply-7f3c2a"))).StatusCode);

        // Past 24 hours the key is forgotten and makes a new application.
        mall.Clock.Advance(TimeSpan.FromHours(25));
        citizen = await mall.ClientForAsync(Accounts.Citizen);
        body["fields"]!["NIK"] = "3202011505900401";
        Assert.Equal(HttpStatusCode.Created, (await citizen.SendAsync(Post("/api/v1/applications", body, "apply-7f3c2a"))).StatusCode);
        Assert.Equal(before + 3, await InDbAsync(db => db.Applications.CountAsync()));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("kunci\u00e9")]
    public async Task MalformedKey_Is400(string key)
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var problem = await (await citizen.SendAsync(Post("/api/v1/applications", new JsonObject { ["serviceId"] = "DKP-KTP" }, key))).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]!["Idempotency-Key"]);
        var tooLong = await citizen.SendAsync(Post("/api/v1/applications", new JsonObject { ["serviceId"] = "DKP-KTP" }, new string('k', 101)));
        await tooLong.AssertProblemAsync(400);
    }

    [Fact]
    public async Task Bookings_EightAtOnceWithOneKey_BookOnePlace()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var slot = await mall.SlotAsync(manager, site, await mall.ServiceAsync("KMG-DUPLIKAT"), daysAhead: 1, hour: 10, capacity: 20);
        var body = new JsonObject { ["slotId"] = slot.ToString(), ["name"] = "Dewi Lestari", ["phone"] = "081377770001", ["nik"] = null };
        var answers = await StormAsync(mall.CreateClient(), "/api/v1/bookings", body, "booking-1");
        AssertOneCreatedAndTheRestRepeatIt(answers);
        Assert.Equal(1, await InDbAsync(db => db.Bookings.CountAsync(b => b.SlotId == slot)));
        Assert.Equal(1, await InDbAsync(db => db.Slots.Where(s => s.Id == slot).Select(s => s.Booked).SingleAsync()));
    }

    [Fact]
    public async Task Tickets_EightAtOnceWithOneKey_IssueOneNumber()
    {
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("SAM-PKB");
        var before = await InDbAsync(db => db.Tickets.CountAsync(t => t.SiteId == site && t.ServiceId == service));
        var answers = await StormAsync(mall.CreateClient(), $"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = service.ToString() }, "kiosk-tap-1");
        AssertOneCreatedAndTheRestRepeatIt(answers);
        Assert.Equal(before + 1, await InDbAsync(db => db.Tickets.CountAsync(t => t.SiteId == site && t.ServiceId == service)));
        // Without a key every request is its own.
        var plain = mall.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await plain.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = service.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await plain.PostJsonAsync($"/api/v1/sites/{site}/tickets", new JsonObject { ["serviceId"] = service.ToString() })).StatusCode);
        Assert.Equal(before + 3, await InDbAsync(db => db.Tickets.CountAsync(t => t.SiteId == site && t.ServiceId == service)));
    }

    [Fact]
    public async Task ApplyForm_TwoSimultaneousPostsWithOneToken_MakeOneDraft()
    {
        var citizen = await mall.PageClientForAsync(Accounts.Citizen);
        var page = await citizen.GetPageAsync("/permohonan/ajukan/DKP-KTP");
        var form = page.Forms.First(f => f.Method == "post");
        var values = form.Values().Where(v => !(form.Elements.OfType<IHtmlInputElement>().FirstOrDefault(e => e.Name == v.Key)?.Type == "file")).ToList();
        Assert.Contains(values, v => v.Key == "__FormToken" && v.Value.Length == 32);
        var nik = "f_" + await Applications.ApplicationDriver.RequirementIdAsync(mall.CreateClient(), "DKP-KTP", "NIK");
        values = values.With(new() { [nik] = "3202011505900404" });
        var mine = await InDbAsync(db => db.Applications.CountAsync(a => a.ApplicantEmail == Accounts.Citizen));

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
        {
            var content = new MultipartFormDataContent();
            foreach (var (k, v) in values) content.Add(new StringContent(v), k);
            return citizen.PostAsync("/permohonan/ajukan/DKP-KTP", content);
        }));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Single(answers.Select(a => a.Headers.Location!.ToString()).Distinct());
        Assert.Matches("^/permohonan/[0-9a-f-]{36}$", answers[0].Headers.Location!.ToString());
        Assert.Equal(mine + 1, await InDbAsync(db => db.Applications.CountAsync(a => a.ApplicantEmail == Accounts.Citizen)));

        // The form shown again carries a fresh token.
        var next = await citizen.GetPageAsync("/permohonan/ajukan/DKP-KTP");
        Assert.NotEqual(values.Single(v => v.Key == "__FormToken").Value,
            ((IHtmlInputElement)next.QuerySelector("input[name=__FormToken]")!).Value);
    }

    [Fact]
    public async Task BookingPage_ASecondPostOfTheSameForm_GoesToTheSameBooking()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var site = await mall.BuildingAsync();
        var service = await mall.ServiceAsync("KMG-DUPLIKAT");
        var slot = await mall.SlotAsync(manager, site, service, daysAhead: 2, hour: 11, capacity: 20);
        var client = mall.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var day = DateOnly.FromDateTime(mall.Clock.GetUtcNow().UtcDateTime.AddHours(7)).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var url = $"/antrian/pesan?lokasi={site}&layanan={service}&tanggal={day}";
        var page = await client.GetPageAsync(url);
        var form = page.Forms.First(f => f.Method == "post");
        var values = form.Values().Where(v => v.Key is not ("slotId" or "name" or "phone" or "nik")).ToList();
        values.AddRange([new("slotId", slot.ToString()), new("name", "Rina Wati"), new("phone", "081377770002"), new("nik", "")]);
        var first = await client.PostAsync(url, new FormUrlEncodedContent(values));
        var second = await client.PostAsync(url, new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await InDbAsync(db => db.Bookings.CountAsync(b => b.SlotId == slot)));
    }

    [Fact]
    public async Task CounterCaptureForm_PostedTwice_CapturesOnce()
    {
        var officer = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        const string url = "/kelola/permohonan/baru?layanan=DKP-KTP";
        var page = await officer.GetPageAsync(url);
        var form = page.Forms.First(f => f.Method == "post");
        var values = form.Values().Where(v => form.Elements.OfType<IHtmlInputElement>().FirstOrDefault(e => e.Name == v.Key)?.Type != "file").ToList()
            .With(new() { ["p_name"] = "Ujang Sunarya", ["p_phone"] = "081377770003" });
        Assert.Contains(values, v => v.Key == "__FormToken");
        async Task<HttpResponseMessage> PostAsync()
        {
            var content = new MultipartFormDataContent();
            foreach (var (k, v) in values) content.Add(new StringContent(v), k);
            return await officer.PostAsync(url, content);
        }
        var first = await PostAsync();
        var second = await PostAsync();
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await InDbAsync(db => db.Applications.CountAsync(a => a.ApplicantName == "Ujang Sunarya")));
    }
}
