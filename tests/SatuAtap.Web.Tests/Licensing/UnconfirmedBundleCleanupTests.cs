using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Licensing;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Licensing.LicensingDriver;

namespace SatuAtap.Web.Tests.Licensing;

/// <summary>A bundle made on an owner's behalf and never confirmed is removed after the code's window and the grace.</summary>
public sealed partial class UnconfirmedBundleCleanupTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private async Task<JsonNode> OnBehalfAsync(HttpClient officer, string email)
    {
        var body = HomeBakery();
        body["fields"] = BakeryFields();
        body["applicant"] = new JsonObject { ["name"] = "Siti Aminah", ["phone"] = "081298765432", ["email"] = email };
        var created = await officer.PostJsonAsync("/api/v1/licensing/bundles", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await created.ReadJsonAsync();
    }

    [Fact]
    public async Task Only_the_unconfirmed_bundle_goes_with_its_drafts_and_files_once_the_window_and_grace_have_passed()
    {
        var officer = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var unconfirmed = await OnBehalfAsync(officer, "lupa.konfirmasi@example.test");
        var confirmed = await OnBehalfAsync(officer, "sudah.konfirmasi@example.test");
        var own = await CreateBakeryBundleAsync(citizen);
        var goneId = Guid.Parse(unconfirmed["id"]!.GetValue<string>());
        var confirmedId = Guid.Parse(confirmed["id"]!.GetValue<string>());
        var ownId = Guid.Parse(own["id"]!.GetValue<string>());

        // The second owner confirms by their code; the citizen hands in a document on their own bundle.
        string code;
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var subject = await db.OutboxMessages.Where(m => m.EventCode == "licensing.confirm" && m.Recipient == "sudah.konfirmasi@example.test")
                .Select(m => m.Subject).SingleAsync();
            code = SixDigits().Match(subject).Value;
        }
        var right = await officer.PostJsonAsync($"/api/v1/licensing/bundles/{confirmedId}/confirm", new JsonObject { ["code"] = code });
        Assert.True(right.StatusCode == HttpStatusCode.OK, await right.Content.ReadAsStringAsync());
        var upload = await UploadAsync(citizen, ownId.ToString(), IdCard, SampleFiles.Pdf, "ktp.pdf");
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());

        // A document on a draft of the unconfirmed bundle, its file in the store (the API refuses uploads before the
        // owner confirms, but the removal must not leave a file behind whatever is there).
        var files = mall.Services.GetRequiredService<FileStore>();
        string goneKey;
        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            var child = await db.Applications.Where(a => a.BundleId == goneId).OrderBy(a => a.Id).FirstAsync();
            using var content = new MemoryStream(SampleFiles.Pdf);
            goneKey = await files.SaveAsync(content, "test");
            db.ApplicationDocuments.Add(new ApplicationDocument
            {
                ApplicationId = child.Id, RequirementId = Guid.CreateVersion7(), FileKey = goneKey, FileName = "ktp.pdf", ContentType = "application/pdf",
                SizeBytes = SampleFiles.Pdf.Length, UploadedAtUtc = mall.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }
        Assert.True(File.Exists(Path.Combine(files.Root, goneKey)));

        var job = mall.Services.GetRequiredService<UnconfirmedBundleJob>();
        var made = mall.Clock.GetUtcNow();
        Assert.Equal(0, (await job.RunOnceAsync()).BundlesRemoved);
        // Code window 30 minutes + grace 24 hours: a minute before, nothing goes.
        mall.Clock.SetUtcNow(made.AddHours(24).AddMinutes(29));
        Assert.Equal(0, (await job.RunOnceAsync()).BundlesRemoved);
        mall.Clock.SetUtcNow(made.AddHours(24).AddMinutes(31));
        var round = await job.RunOnceAsync();
        Assert.Equal(new UnconfirmedRound(1, 3, 1), round);
        Assert.Equal(0, (await job.RunOnceAsync()).BundlesRemoved);

        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            Assert.False(await db.LicensingBundles.AnyAsync(b => b.Id == goneId));
            Assert.False(await db.Applications.AnyAsync(a => a.BundleId == goneId));
            Assert.False(await db.ApplicationDocuments.AnyAsync(d => d.FileKey == goneKey));
            Assert.False(File.Exists(Path.Combine(files.Root, goneKey)));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == RemoveUnconfirmedBundles.AuditType
                && e.EntityKey == unconfirmed["trackingNumber"]!.GetValue<string>()));

            // The confirmed bundle and the owner's own one are intact, with their applications and the citizen's file.
            Assert.True(await db.LicensingBundles.AnyAsync(b => b.Id == confirmedId));
            Assert.True(await db.LicensingBundles.AnyAsync(b => b.Id == ownId));
            Assert.Equal(3, await db.Applications.CountAsync(a => a.BundleId == confirmedId));
            Assert.Equal(own["applications"]!.AsArray().Count, await db.Applications.CountAsync(a => a.BundleId == ownId));
            var ownKeys = await db.ApplicationDocuments.Where(d => db.Applications.Any(a => a.Id == d.ApplicationId && a.BundleId == ownId))
                .Select(d => d.FileKey).ToListAsync();
            Assert.NotEmpty(ownKeys);
            Assert.All(ownKeys, k => Assert.True(File.Exists(Path.Combine(files.Root, k))));
        }
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
