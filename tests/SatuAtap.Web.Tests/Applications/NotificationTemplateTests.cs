using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Applications.ApplicationDriver;

namespace SatuAtap.Web.Tests.Applications;

/// <summary>Managers edit the message templates (API and page); the next message uses the edit.</summary>
public sealed class NotificationTemplateTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static async Task<JsonNode> FindAsync(HttpClient manager, string eventCode, string language, string channel)
    {
        var list = (await manager.GetJsonAsync("/api/v1/notification-templates")).AsArray();
        return list.Single(t => t!["eventCode"]!.GetValue<string>() == eventCode && t["language"]!.GetValue<string>() == language
                                && t["channel"]!.GetValue<string>() == channel)!;
    }

    [Fact]
    public async Task Api_ListAndEdit_WithVersionAndPlaceholderChecks_AndTheNextMessageUsesTheEdit()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var list = (await manager.GetJsonAsync("/api/v1/notification-templates")).AsArray();
        Assert.Contains(list, t => t!["eventCode"]!.GetValue<string>() == "application.revoked" && t["language"]!.GetValue<string>() == "en");
        var first = list[0]!;
        foreach (var field in new[] { "id", "eventCode", "language", "channel", "subject", "body", "version" }) Assert.NotNull(first[field]);

        var t = await FindAsync(manager, "application.submitted", "id", "email");
        var url = $"/api/v1/notification-templates/{t["id"]!.GetValue<string>()}";
        var version = t["version"]!.GetValue<string>();

        var unknown = await (await manager.PutJsonAsync(url, new JsonObject { ["subject"] = "Permohonan {nomor}", ["body"] = "Yth. {name}", ["version"] = version }))
            .AssertProblemAsync(400);
        Assert.Contains("{nomor}", unknown["errors"]!["subject"]![0]!.GetValue<string>());
        var unknownBody = await (await manager.PutJsonAsync(url, new JsonObject { ["subject"] = "S", ["body"] = "Halo {nama}", ["version"] = version }))
            .AssertProblemAsync(400);
        Assert.NotNull(unknownBody["errors"]!["body"]);
        var empty = await (await manager.PutJsonAsync(url, new JsonObject { ["subject"] = "S", ["body"] = "  ", ["version"] = version })).AssertProblemAsync(400);
        Assert.NotNull(empty["errors"]!["body"]);
        // The step placeholder belongs to the overdue messages, not to the applicant's.
        await (await manager.PutJsonAsync(url, new JsonObject { ["subject"] = "S {step}", ["body"] = "B", ["version"] = version })).AssertProblemAsync(400);

        var saved = await manager.PutJsonAsync(url, new JsonObject
        {
            ["subject"] = "Diterima: {trackingNumber}",
            ["body"] = "Halo {name}, permohonan {service} ({trackingNumber}) kami terima. Batas waktu {dueDate}. {url}",
            ["version"] = version,
        });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var newVersion = (await saved.ReadJsonAsync())["version"]!.GetValue<string>();
        Assert.NotEqual(version, newVersion);

        var stale = await manager.PutJsonAsync(url, new JsonObject { ["subject"] = "Lama {trackingNumber}", ["body"] = "Lama", ["version"] = version });
        await stale.AssertProblemAsync(409);
        await (await manager.PutJsonAsync(url, new JsonObject { ["subject"] = "S", ["body"] = "B" })).AssertProblemAsync(400);
        await (await manager.PutJsonAsync("/api/v1/notification-templates/" + Guid.NewGuid(), new JsonObject { ["subject"] = "S", ["body"] = "B", ["version"] = version }))
            .AssertProblemAsync(404);

        // Audited like catalog edits.
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var audit = await db.AuditEntries.Where(a => a.EntityType == "NotificationTemplate" && a.Action != "created" && a.EntityKey == t["id"]!.GetValue<string>()).ToListAsync();
            var entry = Assert.Single(audit);
            Assert.Equal("updated", entry.Action);
            Assert.Contains("Diterima: {trackingNumber}", entry.After);
            Assert.Contains("Permohonan {trackingNumber}: {status}", entry.Before);
        }

        // The next submission's message is written from the edited template.
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var (_, number) = await SubmittedKtpAsync(citizen, "3202011505900201");
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var message = await db.OutboxMessages.SingleAsync(m => m.EventCode == "application.submitted" && m.Subject.Contains(number));
            Assert.Equal("Diterima: " + number, message.Subject);
            Assert.StartsWith("Halo Budi Santoso", message.Body);
            Assert.Contains($"({number}) kami terima", message.Body);
        }
    }

    [Fact]
    public async Task Api_IsForManagersOnly()
    {
        var officer = await mall.ClientForAsync(Accounts.DukcapilOfficer);
        var head = await mall.ClientForAsync(Accounts.DukcapilHead);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/notification-templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync("/api/v1/notification-templates")).StatusCode);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var t = await FindAsync(manager, "application.issued", "en", "sms");
        var put = await head.PutJsonAsync($"/api/v1/notification-templates/{t["id"]!.GetValue<string>()}",
            new JsonObject { ["subject"] = "", ["body"] = "x", ["version"] = t["version"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/notification-templates")).StatusCode);
    }

    [Fact]
    public async Task Page_ListsEditsAndShowsErrorsBesideTheFields()
    {
        var manager = await mall.PageClientForAsync(Accounts.Manager);
        var home = await manager.GetPageAsync("/kelola");
        Assert.NotNull(home.QuerySelector("a[href='/kelola/notifikasi']"));
        var list = await manager.GetPageAsync("/kelola/notifikasi");
        var link = list.QuerySelectorAll("table a").First(a => a.ParentElement!.TextContent.Contains("application.rejected")
            && a.ParentElement.ParentElement!.TextContent.Contains("Email") && a.ParentElement.ParentElement.TextContent.Contains("Inggris"));
        var url = link.GetAttribute("href")!.Split('#')[0];

        var bad = await manager.PostFormAsync(url, null, new() { ["Subject"] = "Rejected {trackingNo}", ["Body"] = "", ["Version"] = (await VersionAsync(manager, url)) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await bad.ParseAsync();
        Assert.Contains("{trackingNo}", badPage.GetElementById("subject-error")!.TextContent);
        Assert.NotNull(badPage.GetElementById("body-error"));
        Assert.Equal("subject-error", badPage.GetElementById("subject")!.GetAttribute("aria-describedby"));

        var version = await VersionAsync(manager, url);
        var ok = await manager.PostFormAsync(url, null, new() { ["Subject"] = "Rejected: {trackingNumber}", ["Body"] = "Dear {name}, sorry.\n{note}", ["Version"] = version });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var okPage = await ok.ParseAsync();
        Assert.Contains("tersimpan", okPage.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Rejected: {trackingNumber}", okPage.GetElementById("subject")!.GetAttribute("value"));

        var stale = await manager.PostFormAsync(url, null, new() { ["Subject"] = "Old {trackingNumber}", ["Body"] = "Old", ["Version"] = version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("diubah orang lain", (await stale.ParseAsync()).QuerySelector("[role=alert]")!.TextContent);

        var officer = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        var refused = await officer.GetAsync("/kelola/notifikasi");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/akun/ditolak", refused.Headers.Location!.PathAndQuery);
    }

    private static async Task<string> VersionAsync(HttpClient client, string url) =>
        (await client.GetPageAsync(url)).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
}
