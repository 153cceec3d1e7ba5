using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Feedback;

/// <summary>Managers issue Open311 keys (shown once, stored hashed) and revoke them; nobody else may.</summary>
public sealed class Open311KeyTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private static Dictionary<string, string> Request(string apiKey) => new()
    {
        ["api_key"] = apiKey, ["service_code"] = "DKP-KTP", ["address_string"] = "Jl. Raya Cisaat 1", ["description"] = "Antrian terlalu panjang.",
    };

    private Task<HttpResponseMessage> PostRequestAsync(string apiKey) =>
        mall.CreateClient().PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(Request(apiKey)));

    [Fact]
    public async Task A_key_issued_by_a_manager_posts_requests_until_it_is_revoked()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var issued = await manager.PostJsonAsync("/api/v1/open311/clients", new JsonObject { ["name"] = "Aplikasi Lapor Desa" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var body = await issued.ReadJsonAsync();
        var key = body["apiKey"]!.GetValue<string>();
        var id = body["id"]!.GetValue<string>();
        Assert.StartsWith("o311-", key);

        // Stored only as its hash; the list never shows a key.
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var client = await db.Set<Open311Client>().AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(id));
            Assert.NotEqual(key, client.KeyHash);
            Assert.DoesNotContain(key, client.KeyHash, StringComparison.Ordinal);
        }
        var list = await manager.GetJsonAsync("/api/v1/open311/clients");
        Assert.DoesNotContain(key, list.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(list.AsArray(), c => c!["id"]!.GetValue<string>() == id && c["active"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.OK, (await PostRequestAsync(key)).StatusCode);

        var revoked = await manager.PostAsync($"/api/v1/open311/clients/{id}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False((await revoked.ReadJsonAsync())["active"]!.GetValue<bool>());
        var refused = await PostRequestAsync(key);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(403, JsonNode.Parse(await refused.Content.ReadAsStringAsync())![0]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Only_managers_list_issue_and_revoke_keys_and_bad_input_is_a_problem()
    {
        var manager = await mall.ClientForAsync(Accounts.Manager);
        var id = (await (await manager.PostJsonAsync("/api/v1/open311/clients", new JsonObject { ["name"] = "Klien uji" })).ReadJsonAsync())["id"]!.GetValue<string>();
        foreach (var account in new[] { Accounts.DukcapilOfficer, Accounts.DukcapilHead, Accounts.Regent, Accounts.Citizen })
        {
            var other = await mall.ClientForAsync(account);
            await (await other.GetAsync("/api/v1/open311/clients")).AssertProblemAsync(403);
            await (await other.PostJsonAsync("/api/v1/open311/clients", new JsonObject { ["name"] = "x" })).AssertProblemAsync(403);
            await (await other.PostAsync($"/api/v1/open311/clients/{id}/revoke", null)).AssertProblemAsync(403);
        }
        await (await mall.CreateClient().GetAsync("/api/v1/open311/clients")).AssertProblemAsync(401);

        var noName = await (await manager.PostJsonAsync("/api/v1/open311/clients", new JsonObject { ["name"] = "  " })).AssertProblemAsync(400);
        Assert.True(noName["errors"]!.AsObject().ContainsKey("name"));
        await (await manager.PostJsonAsync("/api/v1/open311/clients", new JsonObject { ["name"] = new string('x', 101) })).AssertProblemAsync(400);
        await (await manager.PostAsync("/api/v1/open311/clients", new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).AssertProblemAsync(400);
        await (await manager.PostAsync($"/api/v1/open311/clients/{Guid.CreateVersion7()}/revoke", null)).AssertProblemAsync(404);
        await (await manager.PostAsync("/api/v1/open311/clients/not-an-id/revoke", null)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task The_page_shows_a_new_key_once_and_revokes_it()
    {
        var page = await mall.PageClientForAsync(Accounts.Manager);
        var issued = await page.PostFormAsync("/kelola/open311", "Terbitkan", new() { ["nama"] = "Aplikasi halaman" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var doc = await issued.ParseAsync();
        var key = doc.QuerySelector("#api-key")!.TextContent;
        Assert.StartsWith("o311-", key);
        Assert.Equal(HttpStatusCode.OK, (await PostRequestAsync(key)).StatusCode);

        // Shown once: the page read again lists the client, not the key.
        var again = await page.GetPageAsync("/kelola/open311");
        Assert.Null(again.QuerySelector("#api-key"));
        Assert.DoesNotContain(key, again.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("Aplikasi halaman", again.QuerySelector("#klien")!.TextContent, StringComparison.Ordinal);

        var empty = await page.PostFormAsync("/kelola/open311", "Terbitkan", new() { ["nama"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await empty.ParseAsync()).QuerySelector("#name-error"));

        using var scope = mall.Scope();
        var clientId = await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().Set<Open311Client>()
            .Where(c => c.Name == "Aplikasi halaman").Select(c => c.Id).SingleAsync();
        var revoked = await page.PostFormAsync("/kelola/open311", "Cabut", new() { ["id"] = clientId.ToString() });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostRequestAsync(key)).StatusCode);

        // Staff who are not managers do not get the page.
        var officer = await mall.PageClientForAsync(Accounts.DukcapilOfficer);
        var denied = await officer.GetAsync("/kelola/open311");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/akun/ditolak", denied.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }
}
