using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>The workflow editor page: render, add a step, validation beside the fields, save, stale version, who may open it.</summary>
public sealed class WorkflowPageTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private const string Url = "/kelola/layanan/DKP-KK/alur";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, IHtmlDocument page, Dictionary<string, string> changes, params string[] drop)
    {
        var form = page.Forms.Single(f => f.Method == "post" && f.QuerySelector("input[name=Version]") is not null);
        var values = form.Values().Where(kv => !drop.Contains(kv.Key)).ToList().With(changes);
        return await client.PostAsync(Url, new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task AgencyHead_AddsAStep_SeesValidationBesideTheFields_Saves_AndAStaleVersionIsAConflict()
    {
        var head = await mall.PageClientForAsync(Accounts.DukcapilHead);
        var page = await head.GetPageAsync(Url);
        Assert.Single(page.QuerySelectorAll("fieldset > legend"), l => l.TextContent.StartsWith("Tahap", StringComparison.Ordinal));
        Assert.Equal("Verifikasi dan proses", page.GetElementById("step-0-name")!.GetAttribute("value"));
        var firstVersion = page.QuerySelector("input[name=Version]")!.GetAttribute("value")!;

        // Add a step: the form comes back with two steps and nothing is saved.
        var added = await (await PostAsync(head, page, new() { ["perintah"] = "tambah" })).ParseAsync();
        Assert.NotNull(added.GetElementById("step-1-name"));
        Assert.Equal(firstVersion, (await head.GetPageAsync(Url)).QuerySelector("input[name=Version]")!.GetAttribute("value"));

        // Save with an unnamed second step and SLAs over the completion time (1 working day): errors beside the fields.
        var invalid = await PostAsync(head, added, new() { ["perintah"] = "simpan", ["Steps[0].SlaWorkingDays"] = "1", ["Steps[1].SlaWorkingDays"] = "1", ["Steps[1].Name"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var invalidPage = await invalid.ParseAsync();
        Assert.Contains("Wajib", invalidPage.GetElementById("steps-1--name-error")!.TextContent);
        Assert.Equal("steps-1--name-error", invalidPage.GetElementById("step-1-name")!.GetAttribute("aria-describedby"));
        Assert.Contains("melebihi waktu penyelesaian", invalidPage.GetElementById("steps-error")!.TextContent);
        var notNumber = await (await PostAsync(head, added, new() { ["perintah"] = "simpan", ["Steps[1].SlaWorkingDays"] = "satu", ["Steps[1].Name"] = "TTD" })).ParseAsync();
        Assert.NotNull(notNumber.GetElementById("steps-1--slaWorkingDays-error"));

        // A valid two-step workflow: verification by officers, then the head signs and issues.
        var saved = await PostAsync(head, added, new()
        {
            ["perintah"] = "simpan",
            ["Steps[0].Name"] = "Verifikasi berkas", ["Steps[0].SlaWorkingDays"] = "1",
            ["Steps[1].Name"] = "Tanda tangan kepala dinas", ["Steps[1].SlaWorkingDays"] = "0", ["Steps[1].Role"] = "agency-head", ["Steps[1].Overdue"] = "escalate",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Url + "?disimpan=true", saved.Headers.Location!.OriginalString);
        var api = await (await mall.ClientForAsync(Accounts.DukcapilHead)).GetJsonAsync("/api/v1/services/DKP-KK/workflow");
        var steps = api["steps"]!.AsArray();
        Assert.Equal(2, steps.Count);
        Assert.Equal("Tanda tangan kepala dinas", steps[1]!["name"]!.GetValue<string>());
        Assert.Equal("agency-head", steps[1]!["role"]!.GetValue<string>());
        Assert.Equal("escalate", steps[1]!["overdue"]!.GetValue<string>());
        Assert.NotEqual(firstVersion, api["version"]!.GetValue<string>());
        var after = await head.GetPageAsync(Url + "?disimpan=true");
        Assert.Contains("tersimpan", after.QuerySelector("[role=alert]")!.TextContent);

        // The form opened before that save carries the old version: a conflict, not a silent overwrite.
        var stale = await PostAsync(head, page, new() { ["perintah"] = "simpan", ["Steps[0].Name"] = "Lama" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("diubah orang lain", (await stale.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);

        // Removing a step re-shows the form without it.
        var current = await head.GetPageAsync(Url);
        var removed = await (await PostAsync(head, current, new() { ["perintah"] = "hapus:1" })).ParseAsync();
        Assert.NotNull(removed.GetElementById("step-0-name"));
        Assert.Null(removed.GetElementById("step-1-name"));
    }

    [Fact]
    public async Task ServiceEditPage_LinksToIt_AndOnlyTheOwningAgencysHeadOrAManagerMayOpenIt()
    {
        var head = await mall.PageClientForAsync(Accounts.DukcapilHead);
        var api = await mall.CreateClient().GetJsonAsync("/api/v1/services/DKP-KK");
        var edit = await head.GetPageAsync($"/kelola/layanan/{api["id"]!.GetValue<string>()}");
        Assert.NotNull(edit.QuerySelector($"a[href$='/alur']"));

        var otherAgency = await head.GetAsync("/kelola/layanan/PTSP-NIB/alur");
        Assert.Equal(HttpStatusCode.Redirect, otherAgency.StatusCode);
        Assert.StartsWith("/akun/ditolak", otherAgency.Headers.Location!.PathAndQuery);
        var officer = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        var asOfficer = await officer.GetAsync(Url);
        Assert.StartsWith("/akun/ditolak", asOfficer.Headers.Location!.PathAndQuery);

        var manager = await mall.PageClientForAsync(Accounts.Manager);
        Assert.NotNull((await manager.GetPageAsync("/kelola/layanan/PTSP-NIB/alur")).GetElementById("step-0-name"));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/kelola/layanan/TIDAK-ADA/alur")).StatusCode);
    }

    [Fact]
    public async Task Api_PutWithTheVersionReadBefore_IsRefusedOnceTheWorkflowChanged()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        const string url = "/api/v1/services/DKP-AKTA-MATI/workflow";
        var read = await manager.GetJsonAsync(url);
        var version = read["version"]!.GetValue<string>();
        Assert.Equal("default", version);
        JsonObject Body(string name, string? v) => new()
        {
            ["steps"] = new JsonArray(new JsonObject { ["name"] = name, ["role"] = "officer", ["allowedActions"] = new JsonArray("claim", "approve", "reject", "return", "issue"), ["slaWorkingDays"] = 1 }),
            ["version"] = v,
        };
        var first = await manager.PutJsonAsync(url, Body("Proses", version));
        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        var newVersion = (await first.ReadJsonAsync())["version"]!.GetValue<string>();
        Assert.NotEqual(version, newVersion);
        await (await manager.PutJsonAsync(url, Body("Lama", version))).AssertProblemAsync(409);
        Assert.True((await manager.PutJsonAsync(url, Body("Baru", newVersion))).IsSuccessStatusCode);
        Assert.True((await manager.PutJsonAsync(url, Body("Tanpa versi", null))).IsSuccessStatusCode);
        Assert.Equal("Tanpa versi", (await manager.GetJsonAsync(url))["steps"]![0]!["name"]!.GetValue<string>());
    }
}
