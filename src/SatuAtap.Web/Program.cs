using Microsoft.AspNetCore.Builder;
using OpenTelemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Catalog;
using SatuAtap.Web.Feedback;
using SatuAtap.Web.Identity;
using SatuAtap.Web.Infrastructure;
using SatuAtap.Web.Insights;
using SatuAtap.Web.Licensing;
using SatuAtap.Web.Notifications;
using SatuAtap.Web.Outreach;
using SatuAtap.Web.Queue;
using SatuAtap.Web.Rights;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
var config = builder.Configuration;

services.AddSettings<DatabaseOptions, SettingsValidator>(config, DatabaseOptions.Section);
services.AddSettings<MallOptions, SettingsValidator>(config, MallOptions.Section);
services.AddSettings<DemoOptions, SettingsValidator>(config, DemoOptions.Section);
services.AddSettings<FilesOptions, SettingsValidator>(config, FilesOptions.Section);
services.AddSettings<LimitsOptions, SettingsValidator>(config, LimitsOptions.Section);
services.AddSettings<RateLimitingOptions, SettingsValidator>(config, RateLimitingOptions.Section);
services.AddSettings<TelemetryOptions, SettingsValidator>(config, TelemetryOptions.Section);
services.AddSettings<PersonalDataOptions, SettingsValidator>(config, PersonalDataOptions.Section);
services.AddSettings<SecurityOptions, SettingsValidator>(config, SecurityOptions.Section)
    .PostConfigure<IOptions<DemoOptions>, IHostEnvironment>((o, demo, env) =>
        // On in Production whatever the demo setting, and wherever demo mode is off; set it to false explicitly to go without.
        o.RequireTwoFactorForStaff ??= env.IsProduction() || !SettingsValidator.DemoEnabled(demo.Value, env));
services.AddSingleton(sp => PersonalDataKeys.Protector(sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value, builder.Environment.ContentRootPath));
services.AddSatuAtapWebServer(config);

services.AddSingleton(TimeProvider.System);
services.AddSingleton(sp => new MallTime(sp.GetRequiredService<TimeProvider>(),
    TimeZoneInfo.TryFindSystemTimeZoneById(sp.GetRequiredService<IOptions<MallOptions>>().Value.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc));
services.AddSingleton(sp => sp.GetRequiredService<IOptions<MallOptions>>().Value.Identity(builder.Environment.ContentRootPath, builder.Environment.WebRootPath));
services.AddSatuAtapDatabase(config, builder.Environment);
// The C library's free memory (SQLite's, mostly) given back every few seconds (Infrastructure/NativeHeap).
services.AddHostedService<NativeHeap>();
services.AddSatuAtapRedis(config);
services.AddSingleton<FormTokens>();
services.AddSatuAtapAuth();
try
{
    services.AddSatuAtapKeyRing(config, builder.Environment);
}
catch (OptionsValidationException e)
{
    return InvalidConfiguration(e);
}
services.AddIdentityModule(config);
services.AddCatalogModule(config);
services.AddQueueModule(config);
services.AddNotificationsModule(config);
services.AddApplicationsModule(config);
services.AddRightsModule(config);
services.AddOutreachModule(config);
services.AddFeedbackModule(config);
services.AddLicensingModule(config);
services.AddInsightsModule(config);
services.AddSingleton(sp => new FileStore(Path.Combine(builder.Environment.ContentRootPath, sp.GetRequiredService<IOptions<FilesOptions>>().Value.Root),
    sp.GetRequiredService<PersonalDataProtector>()));

services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/Kelola", Policies.Staff);
});
services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
services.AddExceptionHandler<BadRequestExceptionHandler>();
// Unreadable bodies and parameters reach the exception handler, which names the field in the problem.
services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
    o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
});
services.AddOpenApi();
services.AddHealthChecks()
    .AddDbContextCheck<SatuAtap.Core.Data.SatuAtapDb>("database", tags: ["ready"])
    .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"]);
services.AddSatuAtapRateLimiting();

var telemetry = config.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
// A malformed endpoint is reported by the settings check at start, naming Telemetry:OtlpEndpoint.
var exporting = Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out var otlp);
// The mall's own counters and spans (MallMetrics: tickets, bookings, applications, messages; batched writes and
// outbox rounds), every database command through EF Core, and outgoing HTTP (the message providers). Without an
// endpoint tracing is not registered at all: a sampler that drops every span still leaves the instrumentation
// subscribed, and EF Core and ASP.NET Core then build their diagnostic events for every command and request.
services.AddSingleton<MallMetrics>();
var otel = services.AddOpenTelemetry()
    .WithMetrics(m => m.AddMeter(MallMetrics.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
if (exporting)
    otel.WithTracing(t => t.AddSource(MallMetrics.Name).AddAspNetCoreInstrumentation().AddEntityFrameworkCoreInstrumentation().AddHttpClientInstrumentation())
        .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, otlp!);

var app = builder.Build();

try
{
    // Every setting is checked before anything else happens, so that each bad one is named.
    app.Services.GetService<IStartupValidator>()?.Validate();
    // `dotnet SatuAtap.Web.dll migrate` applies the migrations, prepares the database as a start would (roles, default
    // templates, the demo when Demo:Seed is on) and stops: the explicit step for production, before the nodes start.
    if (args.Contains("migrate"))
    {
        await Startup.InitializeAsync(app.Services, migrate: true);
        Console.WriteLine("Migrasi diterapkan / migrations applied.");
        return 0;
    }
    // `dotnet SatuAtap.Web.dll backup FOLDER` / `restore FOLDER`: the database and the uploaded files (docs/operations.md).
    if (args.Length >= 2 && args[0] is "backup" or "restore")
        return await BackupCommands.RunAsync(app.Services, args[0], args[1]);
    // `dotnet SatuAtap.Web.dll enrolment-code EMAIL` prints a staff account's one-time two-factor enrolment code and
    // stops: how the first administrator enrols when no administrator can issue one yet.
    if (args.Length >= 2 && args[0] == "enrolment-code")
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SatuAtap.Core.Data.SatuAtapDb>();
        var user = await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>().FindByEmailAsync(args[1]);
        var issued = user is null ? null
            : await new IssueEnrolmentCode(db, sp.GetRequiredService<TimeProvider>()).HandleAsync(user.Id, Caller.System, CancellationToken.None);
        if (issued is not { Succeeded: true })
        {
            Console.Error.WriteLine(issued?.Message ?? $"Akun tidak ditemukan / account not found: {args[1]}");
            return 1;
        }
        Console.WriteLine($"Kode pendaftaran / enrolment code for {issued.Value!.Email}: {issued.Value.Code} (UTC {issued.Value.ExpiresAtUtc:yyyy-MM-dd HH:mm})");
        return 0;
    }
    await Startup.InitializeAsync(app.Services);
    if (app.Environment.IsProduction() && app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireTwoFactorForStaff != true)
        app.Logger.LogWarning("Security:RequireTwoFactorForStaff is off in Production: staff may sign in with a password alone.");
}
catch (OptionsValidationException e)
{
    return InvalidConfiguration(e);
}
catch (AggregateException e) when (e.InnerExceptions.All(x => x is OptionsValidationException))
{
    return InvalidConfiguration(new OptionsValidationException("settings", typeof(object),
        e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(x => x.Failures)));
}

app.UseSatuAtapWebServer();
// The API answers a failure with problem details (BadRequestExceptionHandler); a page shows the HTML error page,
// "temporarily unavailable" (503) when the database cannot be reached.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/kesalahan/500",
    StatusCodeSelector = BadRequestExceptionHandler.PageStatus,
});
app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/kesalahan/{0}"));
app.UseSatuAtapLocalization();
app.UseStaticFiles();
app.UseRouting();
app.UseMiddleware<RequestSizeLimitMiddleware>();
app.UseAuthentication();
app.UseMiddleware<SessionCheckMiddleware>();
app.UseAuthorization();
app.UseMiddleware<StaffTwoFactorMiddleware>();
app.UseMiddleware<ApiAntiforgeryMiddleware>();
app.UseSatuAtapRateLimiting();
// After sign-in is known: only pages that ask for it (the public /kinerja, PublicPageCache), only for anonymous visitors.
app.UseOutputCache();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.PublishDocs)
{
    app.MapOpenApi();
    // Without the fonts from Scalar's own server: the page loads nothing from another site (its policy allows none).
    app.MapScalarApiReference("/scalar", o => o.DisableDefaultFonts());
}
app.MapGet("/api/v1/ping", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health").ExcludeFromDescription();
app.MapIdentityModule();
app.MapCatalogModule();
app.MapQueueModule();
app.MapNotificationsModule();
app.MapApplicationsModule();
app.MapRightsModule();
app.MapOutreachModule();
app.MapFeedbackModule();
app.MapLicensingModule();
app.MapInsightsModule();
app.MapLanguageSwitch();
app.MapMallLogo();
app.MapRazorPages();
app.MapFallback("/api/{**rest}", () => Problems.Problem(404, null));

await app.RunAsync();
return 0;

static int InvalidConfiguration(OptionsValidationException e)
{
    Console.Error.WriteLine("Konfigurasi tidak valid / invalid configuration:");
    foreach (var failure in e.Failures) Console.Error.WriteLine("  " + failure);
    return 1;
}

public partial class Program;
