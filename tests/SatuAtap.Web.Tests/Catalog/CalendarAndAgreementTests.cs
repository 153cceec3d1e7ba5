using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Catalog;

public sealed class CalendarAndAgreementTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Theory]
    [InlineData("2026-03-13", 5, "2026-03-27")] // across Nyepi and Idul Fitri 2026 with collective leave
    [InlineData("2026-03-17", 1, "2026-03-25")]
    [InlineData("2026-03-20", 0, "2026-03-20")]
    [InlineData("2026-11-06", 1, "2026-11-09")] // Friday → Monday
    [InlineData("2026-11-07", 1, "2026-11-09")] // Saturday → Monday
    [InlineData("2025-12-24", 1, "2025-12-29")] // Christmas and its collective leave
    public async Task DueDate_CountsWorkingDaysAfterTheStart(string start, int days, string expected)
    {
        var answer = await mall.CreateClient().GetJsonAsync($"/api/v1/calendar/due-date?start={start}&workingDays={days}");
        Assert.Equal(expected, answer["dueDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Holidays_ListedByYear()
    {
        var holidays = (await mall.CreateClient().GetJsonAsync("/api/v1/calendar/holidays?year=2026")).AsArray();
        Assert.Contains(holidays, h => h!["date"]!.GetValue<string>() == "2026-03-21" && h["kind"]!.GetValue<string>() == "national");
        Assert.Contains(holidays, h => h!["date"]!.GetValue<string>() == "2026-03-23" && h["kind"]!.GetValue<string>() == "collective_leave");
        Assert.All(holidays, h => Assert.StartsWith("2026-", h!["date"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(holidays[0]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ManagerAddsAHoliday_AndDueDatesMoveAtOnce_AndItIsAudited()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var before = await client.GetJsonAsync("/api/v1/calendar/due-date?start=2027-02-01&workingDays=1");
        Assert.Equal("2027-02-02", before["dueDate"]!.GetValue<string>());
        var response = await client.PostAsJsonAsync("/api/v1/calendar/holidays", new { date = "2027-02-02", kind = "collective_leave", name = "Cuti bersama (uji)" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await client.GetJsonAsync("/api/v1/calendar/due-date?start=2027-02-01&workingDays=1");
        Assert.Equal("2027-02-03", after["dueDate"]!.GetValue<string>());
        var duplicate = await client.PostAsJsonAsync("/api/v1/calendar/holidays", new { date = "2027-02-02", kind = "national", name = "Lagi" });
        Assert.NotNull((await duplicate.AssertProblemAsync(400))["errors"]!["date"]);
        var badKind = await client.PostAsJsonAsync("/api/v1/calendar/holidays", new { date = "2027-02-05", kind = "libur", name = "X" });
        Assert.NotNull((await badKind.AssertProblemAsync(400))["errors"]!["kind"]);
        var audit = await client.GetJsonAsync("/api/v1/audit?entityType=Holiday&entityKey=2027-02-02");
        var created = Assert.Single(audit.AsArray());
        Assert.Equal("created", created!["action"]!.GetValue<string>());
        Assert.Contains("Cuti bersama (uji)", created["after"]!.GetValue<string>());
        Assert.Equal(Accounts.Manager, created["userName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/calendar/holidays/2027-02-02")).StatusCode);
        Assert.Equal("2027-02-02", (await client.GetJsonAsync("/api/v1/calendar/due-date?start=2027-02-01&workingDays=1"))["dueDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_AddsAndCorrects_AndABadLineChangesNothing()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var csv = "date,kind,name_id,name_en\n2027-01-01,national,Tahun Baru 2027 Masehi,New Year's Day\n2026-12-25,national,Hari Raya Natal (koreksi),Christmas Day\n";
        var response = await client.PostAsync("/api/v1/calendar/holidays/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        var result = await response.ReadJsonAsync();
        Assert.Equal(1, result["added"]!.GetValue<int>());
        Assert.Equal(1, result["updated"]!.GetValue<int>());
        var bad = "2027-05-01,national,Hari Buruh\n2027-13-01,national,Salah\n";
        response = await client.PostAsync("/api/v1/calendar/holidays/import", new StringContent(bad, System.Text.Encoding.UTF8, "text/csv"));
        var problem = await response.AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]!["line2"]);
        var holidays = await client.GetJsonAsync("/api/v1/calendar/holidays?year=2027");
        Assert.DoesNotContain(holidays.AsArray(), h => h!["date"]!.GetValue<string>() == "2027-05-01");
    }

    [Fact]
    public async Task Import_ReadsAFileWithAByteOrderMark_AndQuotedCommasAndLineBreaks()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var csv = "date,kind,name_id,name_en\r\n2028-01-03,national,\"Libur uji, pertama\",\"Test day\r\nfirst\"\r\n2028-01-04,collective_leave,Cuti uji,\r\n";
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var result = await (await client.PostAsync("/api/v1/calendar/holidays/import", content)).ReadJsonAsync();
        Assert.Equal(2, result["added"]!.GetValue<int>());
        var holidays = (await client.GetJsonAsync("/api/v1/calendar/holidays?year=2028")).AsArray();
        var first = Assert.Single(holidays, h => h!["date"]!.GetValue<string>() == "2028-01-03")!;
        Assert.Equal("Libur uji, pertama", first["name"]!.GetValue<string>());
        Assert.Equal("Test day\r\nfirst", first["nameEn"]!.GetValue<string>());
        Assert.Contains(holidays, h => h!["date"]!.GetValue<string>() == "2028-01-04" && h["kind"]!.GetValue<string>() == "collective_leave");

        // A bad row after a quoted line break is reported with its line in the file; an unclosed quote too.
        var bad = "2028-02-01,national,\"Dua\nbaris\",Two lines\n2028-02-30,national,Salah,Wrong\n";
        var problem = await (await client.PostAsync("/api/v1/calendar/holidays/import", new StringContent(bad, System.Text.Encoding.UTF8, "text/csv"))).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]!["line3"]);
        var unclosed = "2028-03-01,national,Satu,One\n2028-03-02,national,\"Dua,Two\n";
        problem = await (await client.PostAsync("/api/v1/calendar/holidays/import", new StringContent(unclosed, System.Text.Encoding.UTF8, "text/csv"))).AssertProblemAsync(400);
        Assert.NotNull(problem["errors"]!["line2"]);
        holidays = (await client.GetJsonAsync("/api/v1/calendar/holidays?year=2028")).AsArray();
        Assert.DoesNotContain(holidays, h => h!["date"]!.GetValue<string>() is "2028-02-01" or "2028-03-01");
    }

    [Fact]
    public async Task OnlyManagers_ChangeTheCalendar()
    {
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);
        var response = await head.PostAsJsonAsync("/api/v1/calendar/holidays", new { date = "2027-03-03", kind = "national", name = "X" });
        await response.AssertProblemAsync(403);
    }

    [Fact]
    public async Task Agreements_ExpiringWithin90Days_AreListed()
    {
        // The mall's clock: 30 November 2026.
        var client = await mall.ClientForAsync(Accounts.Manager);
        var expiring = (await client.GetJsonAsync("/api/v1/agreements?expiringWithinDays=90")).AsArray();
        Assert.NotEmpty(expiring);
        Assert.All(expiring, a =>
        {
            var until = DateOnly.Parse(a!["validUntil"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(until, new DateOnly(2026, 11, 30), new DateOnly(2027, 2, 28));
        });
        var all = (await client.GetJsonAsync("/api/v1/agreements")).AsArray();
        Assert.True(all.Count > expiring.Count);
        Assert.Contains(all, a => a!["kind"]!.GetValue<string>() == "memorandum");
        Assert.Contains(all, a => a!["kind"]!.GetValue<string>() == "cooperation");
        Assert.Contains(all, a => a!["kind"]!.GetValue<string>() == "commitment");
        var withCounters = all.First(a => a!["counters"]!.AsArray().Count > 0)!;
        var counter = withCounters["counters"]![0]!;
        Assert.NotEmpty(counter["weekdays"]!.AsArray());
        Assert.True(counter["officers"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task Agreement_CreateEditUploadScan_AndStaleEditIs409()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var agencies = (await client.GetJsonAsync("/api/v1/agencies")).AsArray();
        var imigrasi = agencies.Single(a => a!["code"]!.GetValue<string>() == "IMIGRASI")!["id"]!.GetValue<string>();
        var counters = (await client.GetJsonAsync("/api/v1/counters")).AsArray();
        var counter = counters.First(c => c!["agencyId"]!.GetValue<string>() == imigrasi)!["id"]!.GetValue<string>();
        var body = new JsonObject
        {
            ["number"] = "415.4/099/MoU/UJI/2026", ["kind"] = "memorandum", ["title"] = "Perpanjangan layanan paspor", ["agencyId"] = imigrasi,
            ["parties"] = "Pemkab Sukabumi; Kantor Imigrasi", ["signedOn"] = "2026-11-01", ["validFrom"] = "2026-11-01", ["validUntil"] = "2026-12-15",
            ["serviceIds"] = new JsonArray(), ["counters"] = new JsonArray(new JsonObject { ["counterId"] = counter, ["weekdays"] = new JsonArray(2, 4), ["officers"] = 2 }),
        };
        var response = await client.PostJsonAsync("/api/v1/agreements", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJsonAsync())["id"]!.GetValue<string>();
        var stored = await client.GetJsonAsync($"/api/v1/agreements/{id}");
        Assert.Equal(new[] { 2, 4 }, stored["counters"]![0]!["weekdays"]!.AsArray().Select(d => d!.GetValue<int>()));
        Assert.Contains((await client.GetJsonAsync("/api/v1/agreements?expiringWithinDays=90")).AsArray(), a => a!["id"]!.GetValue<string>() == id);

        var first = stored.DeepClone();
        first["title"] = "Judul baru";
        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/v1/agreements/{id}", first)).StatusCode);
        stored["title"] = "Judul basi";
        await (await client.PutJsonAsync($"/api/v1/agreements/{id}", stored)).AssertProblemAsync(409);

        var pdf = new ByteArrayContent(SampleFiles.Pdf);
        var form = new MultipartFormDataContent { { pdf, "file", "mou.pdf" } };
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/agreements/{id}/document", form)).StatusCode);
        var download = await client.GetAsync($"/api/v1/agreements/{id}/document");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var fake = new MultipartFormDataContent { { new ByteArrayContent("not a pdf"u8.ToArray()), "file", "mou.pdf" } };
        await (await client.PostAsync($"/api/v1/agreements/{id}/document", fake)).AssertProblemAsync(422);
        // The public cannot read agreements or their scans.
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync($"/api/v1/agreements/{id}/document")).StatusCode);
    }

    [Fact]
    public async Task Agreement_WithBadDates_Is400NamingTheField()
    {
        var client = await mall.ClientForAsync(Accounts.Manager);
        var agency = (await client.GetJsonAsync("/api/v1/agencies"))[0]!["id"]!.GetValue<string>();
        var response = await client.PostAsJsonAsync("/api/v1/agreements", new
        {
            number = "X/1", kind = "cooperation", title = "Uji", agencyId = agency, signedOn = "2026-01-01", validFrom = "2026-06-01", validUntil = "2026-01-01",
            counters = new[] { new { counterId = Guid.NewGuid(), weekdays = new[] { 9 }, officers = 0 } },
        });
        var errors = (await response.AssertProblemAsync(400))["errors"]!.AsObject();
        foreach (var field in new[] { "validUntil", "counters[0].counterId", "counters[0].weekdays", "counters[0].officers" })
            Assert.True(errors.ContainsKey(field), field);
    }
}
