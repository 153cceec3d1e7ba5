using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Notifications;
using SatuAtap.Core.Queue;
using SatuAtap.Core.Rights;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Rights.RightsDriver;

namespace SatuAtap.Web.Tests.Rights;

/// <summary>The retention rules, each with a record just past its limit (removed) and one just inside it (kept), at a fixed clock.</summary>
public sealed class RetentionTests(MallFactory mall) : IClassFixture<MallFactory>
{
    private sealed record Made(Guid AppId, string? DocumentKey);

    private async Task<Made> ApplicationAsync(ApplicationStatus status, DateTime createdUtc, DateTime? lastEventUtc, bool withResult = false)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var files = scope.ServiceProvider.GetRequiredService<FileStore>();
        var service = await db.Services.AsNoTracking().OrderBy(s => s.Code).FirstAsync();
        var app = new Application
        {
            TrackingNumber = "RT" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), ServiceId = service.Id, AgencyId = service.AgencyId,
            CurrentAgencyId = service.AgencyId, ApplicantName = "Pemohon Lama", ApplicantNik = "3202011505900001", Status = status,
            IsOpen = ApplicationStateMachine.IsOpen(status), CreatedAtUtc = createdUtc,
        };
        var key = await files.SaveAsync(new MemoryStream([1, 2, 3]), $"applications/{app.Id:N}");
        app.Documents.Add(new ApplicationDocument
        {
            RequirementId = Guid.NewGuid(), FileKey = key, FileName = "kk.pdf", ContentType = FileSniffer.Pdf, SizeBytes = 3, UploadedAtUtc = createdUtc,
        });
        if (lastEventUtc is { } at)
            app.Events.Add(new ApplicationEvent { AtUtc = at, ActorName = "Petugas", Action = ApplicationAction.Reject, ToStatus = status });
        db.Applications.Add(app);
        if (withResult)
            db.IssuedResults.Add(new IssuedResult
            {
                ApplicationId = app.Id, VerificationCode = Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), IssuedAtUtc = lastEventUtc!.Value,
                FileKey = await files.SaveAsync(new MemoryStream([4, 5, 6]), $"applications/{app.Id:N}"),
            });
        await db.SaveChangesAsync();
        return new Made(app.Id, key);
    }

    private async Task<Guid> MessageAsync(DateTime createdUtc, DateTime? sentUtc)
    {
        await using var scope = mall.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
        var message = new OutboxMessage
        {
            Channel = Channels.Email, Recipient = "retensi@contoh.id", Subject = "Permohonan RT-1", Body = "Yth. Bapak Pemohon, NIK 3202011505900001",
            CreatedAtUtc = createdUtc, NextAttemptAtUtc = createdUtc, SentAtUtc = sentUtc, Attempts = sentUtc is null ? 0 : 1,
        };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    [Fact]
    public async Task Each_rule_removes_what_is_past_its_limit_keeps_what_is_younger_and_audits_the_counts()
    {
        var time = mall.Services.GetRequiredService<MallTime>();
        var now = time.UtcNow;
        var today = time.Today;
        var day = TimeSpan.FromDays(1);

        var oldDraft = await ApplicationAsync(ApplicationStatus.Draft, now - 31 * day, null);
        var youngDraft = await ApplicationAsync(ApplicationStatus.Draft, now - 29 * day, null);
        var oldIssued = await ApplicationAsync(ApplicationStatus.Issued, now - 400 * day, now - 366 * day, withResult: true);
        var youngRejected = await ApplicationAsync(ApplicationStatus.Rejected, now - 400 * day, now - 364 * day);
        var oldButOpen = await ApplicationAsync(ApplicationStatus.InProcess, now - 500 * day, now - 450 * day);
        var oldSent = await MessageAsync(now - 40 * day, now - 31 * day);
        var youngSent = await MessageAsync(now - 40 * day, now - 29 * day);
        var oldUnsent = await MessageAsync(now - 60 * day, null);
        var oldBooking = await BookingAsync(mall, null, today.AddDays(-91), BookingStatus.CheckedIn);
        var youngBooking = await BookingAsync(mall, null, today.AddDays(-89), BookingStatus.CheckedIn);

        RetentionRound round;
        await using (var scope = mall.Scope())
            round = await scope.ServiceProvider.GetRequiredService<ApplyRetention>().HandleAsync();
        Assert.Equal(new RetentionRound(1, 1, 1, 1), round);

        await using (var scope = mall.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            // Drafts: the old one and its file are gone, the young one stays.
            Assert.False(await db.Applications.AnyAsync(a => a.Id == oldDraft.AppId));
            Assert.False(FileExists(mall, oldDraft.DocumentKey!));
            Assert.True(await db.ApplicationDocuments.AnyAsync(d => d.ApplicationId == youngDraft.AppId));
            Assert.True(FileExists(mall, youngDraft.DocumentKey!));
            // Documents of finished applications: gone after a year of quiet; the application, timeline and result stay.
            Assert.False(await db.ApplicationDocuments.AnyAsync(d => d.ApplicationId == oldIssued.AppId));
            Assert.False(FileExists(mall, oldIssued.DocumentKey!));
            Assert.True(await db.Applications.AnyAsync(a => a.Id == oldIssued.AppId));
            Assert.True(await db.ApplicationEvents.AnyAsync(e => e.ApplicationId == oldIssued.AppId));
            var result = await db.IssuedResults.AsNoTracking().SingleAsync(r => r.ApplicationId == oldIssued.AppId);
            Assert.True(FileExists(mall, result.FileKey!));
            Assert.True(await db.ApplicationDocuments.AnyAsync(d => d.ApplicationId == youngRejected.AppId));
            Assert.True(await db.ApplicationDocuments.AnyAsync(d => d.ApplicationId == oldButOpen.AppId));
            // Messages: the body of the one sent over 30 days ago is cleared, its delivery record kept.
            var cleared = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == oldSent);
            Assert.Equal(("", "Permohonan RT-1", "retensi@contoh.id"), (cleared.Body, cleared.Subject, cleared.Recipient));
            Assert.NotNull(cleared.SentAtUtc);
            Assert.NotEqual("", (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == youngSent)).Body);
            Assert.NotEqual("", (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == oldUnsent)).Body);
            // Bookings: personal data cleared 90 days after the day.
            var old = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == oldBooking);
            Assert.Equal(("", "", null), (old.Name, old.Phone, old.Nik));
            var young = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == youngBooking);
            Assert.Equal(("Siti Rahmawati", "3202015505900002"), (young.Name, young.Nik));
            // One audit entry with the counts, in the chain.
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == ApplyRetention.AuditType).OrderByDescending(a => a.Sequence).FirstAsync();
            Assert.Equal(round, JsonSerializer.Deserialize<RetentionRound>(audit.After!, JsonSerializerOptions.Web));
            Assert.Null((await new VerifyAuditChain(db).HandleAsync()).FirstBroken);
        }

        // A day later nothing more is due, except what has now come of age.
        mall.Clock.Advance(TimeSpan.FromDays(2));
        await using (var scope = mall.Scope())
            round = await scope.ServiceProvider.GetRequiredService<ApplyRetention>().HandleAsync();
        Assert.Equal(new RetentionRound(1, 1, 1, 1), round);
        await using (var scope = mall.Scope())
        {
            round = await scope.ServiceProvider.GetRequiredService<ApplyRetention>().HandleAsync();
            Assert.Equal(new RetentionRound(0, 0, 0, 0), round);
        }
    }
}
