using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Tests.Infrastructure;

namespace SatuAtap.Web.Tests.Identity;

/// <summary>The audit log's hash chain: linked on every append, checked by <c>GET /api/v1/audit/verify</c>.</summary>
public sealed class AuditChainTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task Verify_is_for_administrators_and_finds_the_seeded_chain_intact()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await mall.CreateClient().GetAsync("/api/v1/audit/verify")).StatusCode);
        var manager = await mall.ClientForAsync(Accounts.Manager);
        await (await manager.GetAsync("/api/v1/audit/verify")).AssertProblemAsync(403);

        var admin = await mall.ClientForAsync(Accounts.Administrator);
        var body = await admin.GetJsonAsync("/api/v1/audit/verify");
        Assert.True(body["checked"]!.GetValue<long>() > 100, body.ToJsonString());
        Assert.True(body.AsObject().ContainsKey("firstBroken"));
        Assert.Null(body["firstBroken"]);
    }

    [Fact]
    public async Task Parallel_saves_each_link_to_their_own_predecessor()
    {
        long before;
        await using (var scope = mall.Scope())
            before = await scope.ServiceProvider.GetRequiredService<SatuAtapDb>().AuditEntries.CountAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var scope = mall.Scope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            db.Synonyms.Add(new Synonym { Term = $"paralel{i}-{Guid.NewGuid():N}"[..20], Alternatives = ["uji"] });
            await db.SaveChangesAsync();
        })));

        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var sequences = await db.AuditEntries.Select(a => a.Sequence).OrderBy(s => s).ToListAsync();
            Assert.Equal(before + 8, sequences.Count);
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long?)n), sequences);
            var verdict = await new VerifyAuditChain(db).HandleAsync();
            Assert.Null(verdict.FirstBroken);
            Assert.Equal(sequences.Count, verdict.Checked);
        }
    }

    [Fact]
    public async Task A_row_changed_in_the_database_is_reported_and_old_rows_are_linked_at_start()
    {
        await using var own = new MallFactory();
        await using var scope = own.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();

        // Rows from before the chain: unlinked, reported, then linked in by the start-up step.
        await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Sequence\" = NULL, \"PreviousHash\" = NULL, \"Hash\" = NULL");
        var unlinked = await new VerifyAuditChain(db).HandleAsync();
        Assert.NotNull(unlinked.FirstBroken);
        Assert.Null(unlinked.FirstBroken!.Sequence);
        var count = await AuditChain.LinkUnchainedAsync(db);
        Assert.True(count > 100);
        Assert.Null((await new VerifyAuditChain(db).HandleAsync()).FirstBroken);

        var victim = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == 42).SingleAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone else' WHERE \"Sequence\" = 42");

        var admin = await own.ClientForAsync(Accounts.Administrator);
        var body = await admin.GetJsonAsync("/api/v1/audit/verify");
        Assert.Equal(count, body["checked"]!.GetValue<long>());
        Assert.Equal(42, body["firstBroken"]!["sequence"]!.GetValue<long>());
        Assert.Equal(victim.Id, body["firstBroken"]!["id"]!.GetValue<Guid>());
    }
}
