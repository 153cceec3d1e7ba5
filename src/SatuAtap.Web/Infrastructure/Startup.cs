using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Catalog.Demo;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Web.Infrastructure;

/// <summary>On start: apply migrations, make sure the roles exist, and seed the demo into an empty database.</summary>
public static class Startup
{
    public sealed record DemoAccount(string Email, string Name, string Role, string? AgencyCode);

    public static readonly DemoAccount[] DemoAccounts =
    [
        new("pengelola@demo.satuatap.id", "Pengelola MPP (demo)", Roles.Manager, null),
        new("dukcapil@demo.satuatap.id", "Petugas Disdukcapil (demo)", Roles.Officer, "DUKCAPIL"),
        new("dpmptsp@demo.satuatap.id", "Petugas DPMPTSP (demo)", Roles.Officer, "DPMPTSP"),
        new("kepala.dukcapil@demo.satuatap.id", "Kepala Disdukcapil (demo)", Roles.AgencyHead, "DUKCAPIL"),
        new("bupati@demo.satuatap.id", "Bupati Sukabumi (demo)", Roles.Executive, null),
        new("warga@demo.satuatap.id", "Budi Santoso (warga demo)", Roles.Citizen, null),
        new("admin@demo.satuatap.id", "Administrator (demo)", Roles.Administrator, null),
    ];

    /// <summary>
    /// Prepares the database: the migrations (when <see cref="DatabaseOptions.MigrateOnStart"/> is on, or always with
    /// <paramref name="migrate"/>, as <c>dotnet SatuAtap.Web.dll migrate</c> asks), the audit chain, the roles, the
    /// default message templates and, when the demo is on, its data. Each part does nothing when it is already done, so a
    /// mall started after <c>migrate</c> finds nothing to do and carries none of that one-off work's code or garbage.
    /// </summary>
    public static async Task InitializeAsync(IServiceProvider root, bool migrate = false, CancellationToken ct = default)
    {
        var started = OneOffWork.Start();
        await InitializeDatabaseAsync(root, migrate, ct);
        // `migrate` exits next: its memory goes with the process.
        if (!migrate) OneOffWork.Ended(started);
    }

    private static async Task InitializeDatabaseAsync(IServiceProvider root, bool migrate, CancellationToken ct)
    {
        using var scope = root.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SatuAtapDb>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("SatuAtap.Startup");
        if (migrate || sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
            await Database.MigrateAsync(db, ct);
        // Audit entries from before the hash chain (or written around it) are linked in, oldest first.
        if (await AuditChain.LinkUnchainedAsync(db, ct) is > 0 and var linked && log.IsEnabled(LogLevel.Information))
            log.LogInformation("Linked {Count} audit entries into the hash chain.", linked);

        var roles = sp.GetRequiredService<RoleManager<Role>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new Role(role));

        await SatuAtap.Core.Notifications.NotificationDefaults.SeedAsync(db, ct);

        await SatuAtap.Core.Feedback.SurveyTotals.EnsureAsync(db, ct);
        var demo = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!SettingsValidator.DemoEnabled(demo, sp.GetRequiredService<IHostEnvironment>())) return;
        if (await DemoCatalog.SeedAsync(db, ct))
            log.LogInformation("Seeded the Kabupaten Sukabumi demo catalog.");
        if (await SatuAtap.Core.Queue.QueueDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), ct))
            log.LogInformation("Seeded the demo queue sites and slots.");
        if (await SatuAtap.Core.Outreach.OutreachDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), ct))
            log.LogInformation("Seeded the demo mobile-unit circuit.");
        if (await SatuAtap.Core.Feedback.FeedbackDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), demo.Open311ApiKey,
                sp.GetRequiredService<SatuAtap.Core.Feedback.Open311Desk>().KeyHash, ct))
            log.LogInformation("Seeded the demo survey responses, complaints and Open311 client.");
        if (await SatuAtap.Core.Licensing.Demo.LicensingDemo.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), ct))
            log.LogInformation("Seeded the demo activity table of Link-Satu.");
        var catalog = sp.GetRequiredService<CatalogCache>();
        catalog.Invalidate();
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        if (await SatuAtap.Core.Insights.InsightsDemo.SeedAsync(db, await catalog.GetAsync(ct), sp.GetRequiredService<TimeProvider>(), demo.HistoryDays, ct) is { } parts)
        {
            // The history's figures are kept before the mall opens (the Insights job would otherwise build them in its
            // first round, beside the first requests); its next rounds refresh only the last days.
            var time = sp.GetRequiredService<SatuAtap.Core.Common.MallTime>();
            await parts.TimeAsync("Insights rebuild", async () =>
                (await sp.GetRequiredService<SatuAtap.Core.Insights.KeepInsights>().RebuildAsync(time.Today.AddDays(-demo.HistoryDays), time.Today.AddDays(-1), ct)).Rows);
            if (log.IsEnabled(LogLevel.Information))
                foreach (var part in parts.Parts)
                    log.LogInformation("Demo history: {Part}: {Seconds:0.00} s, {AllocatedMegabytes:0.0} MB allocated, {Rows} rows, {Runs} runs.", part.Name,
                        part.Elapsed.TotalSeconds, part.AllocatedBytes / 1e6, part.Rows, part.Runs);
            // At Warning level so that the bench harness, whose mall logs warnings only, reports the seeding cost.
            log.LogWarning("Seeded {Days} days of demo history in {Seconds:0.0} s, {AllocatedMegabytes} MB allocated, {CpuSeconds:0.0} s of CPU (the Insights rebuild of those days included).",
                demo.HistoryDays, seeding.Elapsed.TotalSeconds, (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1_000_000,
                (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds);
        }
        await SatuAtap.Core.Feedback.SurveyTotals.EnsureAsync(db, ct);
        await SeedAccountsAsync(sp, db, demo.Password!, ct);
        sp.GetRequiredService<CatalogCache>().Invalidate();
        sp.GetRequiredService<SatuAtap.Core.Applications.WorkflowCache>().Invalidate();
        sp.GetRequiredService<SatuAtap.Core.Notifications.TemplateCache>().Invalidate();
        sp.GetRequiredService<SatuAtap.Core.Queue.QueueCache>().Invalidate();
        sp.GetRequiredService<SatuAtap.Core.Licensing.ActivityTableCache>().Invalidate();
        sp.GetRequiredService<SatuAtap.Core.Outreach.ScheduleCache>().Invalidate();
        Console.WriteLine();
        Console.WriteLine("Akun demo / demo accounts (password from Demo:Password):");
        foreach (var a in DemoAccounts) Console.WriteLine($"  {a.Email,-36} {a.Role}{(a.AgencyCode is null ? "" : " · " + a.AgencyCode)}");
        Console.WriteLine();
    }

    private static async Task SeedAccountsAsync(IServiceProvider sp, SatuAtapDb db, string password, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<User>>();
        foreach (var account in DemoAccounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null) continue;
            Guid? agencyId = account.AgencyCode is null ? null
                : await db.Agencies.Where(a => a.Code == account.AgencyCode).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
            var user = new User { UserName = account.Email, Email = account.Email, EmailConfirmed = true, FullName = account.Name, AgencyId = agencyId };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Demo:Password is not accepted for {account.Email}: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, account.Role);
        }
    }
}
