using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Data;
using SatuAtap.Core.Licensing;
using SatuAtap.Web.Tests.Infrastructure;
using static SatuAtap.Web.Tests.Licensing.LicensingDriver;

namespace SatuAtap.Web.Tests.Licensing;

public sealed class ExpiryReminderTests(MallFactory mall) : IClassFixture<MallFactory>
{
    [Fact]
    public async Task The_holder_of_an_issued_permit_is_reminded_60_30_and_7_days_before_it_expires()
    {
        var citizen = await mall.ClientForAsync(Accounts.Citizen);
        var dpmptsp = await mall.ClientForAsync(Accounts.DpmptspOfficer);
        var bundle = await SubmitAllAsync(citizen, await CreateBakeryBundleAsync(citizen));
        var spp = ChildId(bundle, "PTSP-SPPIRT");
        var nib = ChildId(bundle, "PTSP-NIB");
        foreach (var (id, steps) in new[] { (spp, new[] { "claim", "approve", "issue" }), (nib, new[] { "claim", "approve", "issue" }) })
            foreach (var step in steps) await Applications.ApplicationDriver.ActOkAsync(dpmptsp, id, step);

        var job = mall.Services.GetRequiredService<ExpiryReminderJob>();
        async Task<List<string>> RemindersAsync()
        {
            await using var scope = mall.Scope();
            var db = scope.ServiceProvider.GetRequiredService<SatuAtapDb>();
            return await db.OutboxMessages.Where(m => m.EventCode == "permit.expiring").Select(m => m.Recipient + " " + m.Subject).ToListAsync();
        }

        // Issued on Monday 30 November 2026 (WIB); the SPP-IRT holds 5 years: until 30 November 2031.
        Assert.Equal(0, (await job.RunOnceAsync()).Sent);
        mall.Clock.SetUtcNow(new DateTimeOffset(2031, 9, 30, 2, 0, 0, TimeSpan.Zero)); // 61 days ahead
        Assert.Equal(0, (await job.RunOnceAsync()).Sent);
        mall.Clock.SetUtcNow(new DateTimeOffset(2031, 10, 1, 2, 0, 0, TimeSpan.Zero)); // 60 days ahead
        Assert.Equal(1, (await job.RunOnceAsync()).Sent);
        Assert.Equal(0, (await job.RunOnceAsync()).Sent); // sent once
        var first = Assert.Single(await RemindersAsync());
        Assert.Contains(Accounts.Citizen, first, StringComparison.Ordinal);
        Assert.Contains("60 hari", first, StringComparison.Ordinal);

        mall.Clock.SetUtcNow(new DateTimeOffset(2031, 11, 1, 2, 0, 0, TimeSpan.Zero)); // 29 days ahead: the 30-day reminder, a day late
        Assert.Equal(1, (await job.RunOnceAsync()).Sent);
        mall.Clock.SetUtcNow(new DateTimeOffset(2031, 11, 29, 2, 0, 0, TimeSpan.Zero)); // 1 day ahead: the 7-day one, late
        Assert.Equal(1, (await job.RunOnceAsync()).Sent);
        mall.Clock.SetUtcNow(new DateTimeOffset(2031, 12, 2, 2, 0, 0, TimeSpan.Zero)); // expired: nothing more
        Assert.Equal(0, (await job.RunOnceAsync()).Sent);
        // The NIB does not expire: every reminder is about the SPP-IRT.
        var all = await RemindersAsync();
        Assert.Equal(3, all.Count);
        Assert.All(all, r => Assert.Contains("SPP-IRT", r, StringComparison.Ordinal));
    }
}
