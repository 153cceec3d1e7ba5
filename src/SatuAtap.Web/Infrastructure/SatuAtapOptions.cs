using Microsoft.Extensions.Options;

namespace SatuAtap.Web.Infrastructure;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";
    /// <summary>Apply pending migrations at start (default true; production may run them as an explicit step instead).</summary>
    public bool MigrateOnStart { get; set; } = true;
    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);
}

public sealed class MallOptions
{
    public const string Section = "Mall";
    /// <summary>IANA zone the mall shows times in.</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";
    /// <summary>
    /// The address the public reaches the mall at: the base of every link in a message, a document or a QR code.
    /// Required outside Development (<c>Applications:PublicBaseUrl</c> is read when this is not set); in Development it
    /// defaults to the first address the server listens on. Never taken from the request's Host header.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
    /// <summary>The regency or city the mall serves, for example <c>Kabupaten Sukabumi</c>. Required.</summary>
    public string Regency { get; set; } = "Kabupaten Sukabumi";
    /// <summary>The full Indonesian name on pages, documents and messages. Default: <c>Mal Pelayanan Publik {Regency}</c>.</summary>
    public string? Name { get; set; }
    /// <summary>The full English name. Default: <c>Public Service Mall of {Regency}</c>.</summary>
    public string? NameEn { get; set; }
    /// <summary>The short name in the page header and text messages. Default: <c>MPP {Regency}</c>.</summary>
    public string? ShortName { get; set; }
    /// <summary>The mall's street address, shown at the foot of every page and on documents.</summary>
    public string Address { get; set; } = "";
    /// <summary>The address as English pages show it. Default: <see cref="Address"/>.</summary>
    public string? AddressEn { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    /// <summary>The mall's own website (its information site; links the mall hands out use <see cref="PublicBaseUrl"/>).</summary>
    public string? Website { get; set; }
    /// <summary>A PNG or JPEG logo printed at the top of documents: a path under the content root or under wwwroot (or an absolute path). Optional.</summary>
    public string? Logo { get; set; }

    public const int MaxLogoBytes = 1_048_576;

    /// <summary>The logo's file: <see cref="Logo"/> under the content root, else under the web root; null when not set or not found.</summary>
    public string? LogoFile(string contentRoot, string? webRoot)
    {
        if (string.IsNullOrWhiteSpace(Logo)) return null;
        var logo = Logo.Trim();
        var underContentRoot = Path.Combine(contentRoot, logo);
        if (File.Exists(underContentRoot)) return underContentRoot;
        var underWebRoot = string.IsNullOrEmpty(webRoot) ? null : Path.Combine(webRoot, logo.TrimStart('/', '\\'));
        return underWebRoot is not null && File.Exists(underWebRoot) ? underWebRoot : null;
    }

    /// <summary>The mall's identity as pages, documents and messages use it (the logo read once, here).</summary>
    public Core.Common.MallIdentity Identity(string contentRoot, string? webRoot) =>
        Core.Common.MallIdentity.For(Regency.Trim(), Name?.Trim(), NameEn?.Trim(), ShortName?.Trim()) with
        {
            Address = Address.Trim(), AddressEn = Blank(AddressEn), Phone = Blank(Phone), Email = Blank(Email), Website = Blank(Website),
            Logo = LogoFile(contentRoot, webRoot) is { } file ? File.ReadAllBytes(file) : null,
        };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class NetworkOptions
{
    public const string Section = "Network";
    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>) of the reverse proxies whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed. Empty (default): forwarded headers are ignored.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}

public sealed class ApiOptions
{
    public const string Section = "Api";
    /// <summary>Serve the API description (<c>/openapi/v1.json</c>) and its browser (<c>/scalar</c>). Default: on.</summary>
    public bool PublishDocs { get; set; } = true;
}

public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";
    /// <summary>A .pfx certificate whose key encrypts the data-protection keys stored in the database. Required in Production.</summary>
    public string? CertificatePath { get; set; }
    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}

public sealed class DemoOptions
{
    public const string Section = "Demo";
    /// <summary>Seed the Kabupaten Sukabumi demo into an empty database. Default: on, except in Production.</summary>
    public bool? Seed { get; set; }
    /// <summary>The password of every demo account.</summary>
    public string? Password { get; set; }
    /// <summary>
    /// Administrators can read the outbox (every message, codes included) at /kelola/kotak-keluar, so that a demo
    /// without a mail server can finish a registration. Default: on in Development only; refused in Production.
    /// </summary>
    public bool? OutboxPage { get; set; }
    /// <summary>The api_key of the demo Open311 client application (Feedback); no demo client without it.</summary>
    public string? Open311ApiKey { get; set; }
    /// <summary>Days of demo history (tickets, applications, survey answers) generated before the seed date for the
    /// performance figures; default 180, 0 for none (0–366).</summary>
    public int HistoryDays { get; set; } = 180;
}

public sealed class SecurityOptions
{
    public const string Section = "Security";
    /// <summary>Staff must sign in with a TOTP second factor. Default: on in Production and whenever demo mode is off.</summary>
    public bool? RequireTwoFactorForStaff { get; set; }
    /// <summary>
    /// How often a signed-in session (cookie or bearer token) is checked against its account's security stamp, so that
    /// signing out, a new password or a role change ends the account's other sessions within this time.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 60;
}

public sealed class FilesOptions
{
    public const string Section = "Files";
    /// <summary>Folder for uploaded documents, outside the web root. Relative paths are under the content root.</summary>
    public string Root { get; set; } = "App_Data/files";
}

public sealed class LimitsOptions
{
    public const string Section = "Limits";
    /// <summary>Largest request body an ordinary endpoint accepts (uploads set their own).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}

public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";
    /// <summary>Switch every limit off, for load tests.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Requests per minute from one address to endpoints that create things for anonymous callers.</summary>
    public int PublicWritesPerMinute { get; set; } = 30;
    /// <summary>Queue bookings per minute from one address.</summary>
    public int BookingsPerAddressPerMinute { get; set; } = 10;
    /// <summary>Queue bookings per hour with one phone number.</summary>
    public int BookingsPerPhonePerHour { get; set; } = 5;
    /// <summary>Look-ups per minute from one address of the public tracking and verification endpoints.</summary>
    public int TrackingPerMinute { get; set; } = 20;
    /// <summary>Sign-in attempts per minute from one address (API and page together).</summary>
    public int LoginsPerMinute { get; set; } = 10;
    /// <summary>Sign-in attempts per minute for one account name, from any address.</summary>
    public int LoginsPerAccountPerMinute { get; set; } = 5;
    /// <summary>
    /// Failed sign-ins (or email codes) from one address within 15 minutes after which that address is refused until the
    /// oldest of them is 15 minutes old. Below the account lockout (<see cref="SignInGuard.AccountLockoutFailures"/>),
    /// so that one address cannot lock an account.
    /// </summary>
    public int LoginFailuresPerAddress { get; set; } = 5;
}

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    /// <summary>OTLP endpoint for traces and metrics; empty (default) exports nothing.</summary>
    public string? OtlpEndpoint { get; set; }
}

/// <summary>Checks the settings at start, so that a bad configuration stops the program with the setting named.</summary>
internal sealed class SettingsValidator(IHostEnvironment env, IConfiguration config) :
    IValidateOptions<DatabaseOptions>, IValidateOptions<MallOptions>, IValidateOptions<DemoOptions>,
    IValidateOptions<LimitsOptions>, IValidateOptions<RateLimitingOptions>, IValidateOptions<TelemetryOptions>,
    IValidateOptions<SecurityOptions>,
    IValidateOptions<PersonalDataOptions>, IValidateOptions<NetworkOptions>, IValidateOptions<FilesOptions>, IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonalDataOptions o) => PersonalDataKeys.Validate(o, env);

    public ValidateOptionsResult Validate(string? name, DatabaseOptions o)
    {
        if (!string.Equals(o.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase) && !o.IsPostgres)
            return ValidateOptionsResult.Fail($"Database:Provider must be 'Sqlite' or 'Postgres' (it is '{o.Provider}').");
        if (o.IsPostgres && string.IsNullOrWhiteSpace(config.GetConnectionString("Default")))
            return ValidateOptionsResult.Fail("ConnectionStrings:Default is required when Database:Provider is 'Postgres'.");
        return ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, MallOptions o)
    {
        if (MallIdentityProblem(o) is { } problem) return ValidateOptionsResult.Fail(problem);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _))
            return ValidateOptionsResult.Fail($"Mall:TimeZone '{o.TimeZone}' is not a known time zone (for example 'Asia/Jakarta').");
        if (string.IsNullOrWhiteSpace(o.PublicBaseUrl))
            return env.IsDevelopment() ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Mall:PublicBaseUrl is required outside Development: the address the public reaches the mall at "
                    + "(for example 'https://mpp.sukabumikab.go.id'), the base of every link in a message, a document or a QR code.");
        return SatuAtap.Core.Common.PublicLinks.IsBaseUrl(o.PublicBaseUrl) ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Mall:PublicBaseUrl '{o.PublicBaseUrl}' must be an absolute http or https URL without query or fragment.");
    }

    private string? MallIdentityProblem(MallOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Regency) || o.Regency.Length > 100)
            return "Mall:Regency is required (at most 100 characters), for example 'Kabupaten Sukabumi' or 'Kota Bandung'.";
        foreach (var (key, value, max) in new[] { ("Name", o.Name, 200), ("NameEn", o.NameEn, 200), ("ShortName", o.ShortName, 60),
                     ("Address", o.Address, 300), ("AddressEn", o.AddressEn, 300), ("Phone", o.Phone, 40) })
            if (value?.Length > max) return $"Mall:{key} must be at most {max} characters.";
        if (!string.IsNullOrWhiteSpace(o.Email) && !System.Net.Mail.MailAddress.TryCreate(o.Email.Trim(), out _))
            return $"Mall:Email '{o.Email}' is not an email address.";
        if (!string.IsNullOrWhiteSpace(o.Website) && !SatuAtap.Core.Common.PublicLinks.IsBaseUrl(o.Website.Trim()))
            return $"Mall:Website '{o.Website}' must be an absolute http or https URL.";
        if (string.IsNullOrWhiteSpace(o.Logo)) return null;
        var file = o.LogoFile(env.ContentRootPath, (env as IWebHostEnvironment)?.WebRootPath);
        if (file is null) return $"Mall:Logo '{o.Logo}' was not found under the content root or wwwroot.";
        var length = new FileInfo(file).Length;
        Span<byte> head = stackalloc byte[16];
        using (var stream = File.OpenRead(file)) head = head[..stream.Read(head)];
        var isImage = SatuAtap.Core.Common.FileSniffer.Detect(head) is SatuAtap.Core.Common.FileSniffer.Png or SatuAtap.Core.Common.FileSniffer.Jpeg;
        return !isImage ? $"Mall:Logo '{o.Logo}' must be a PNG or JPEG image."
            : length > MallOptions.MaxLogoBytes ? $"Mall:Logo '{o.Logo}' must be at most {MallOptions.MaxLogoBytes} bytes."
            : !SatuAtap.Core.Common.Documents.PdfDocumentBuilder.CanPrint(File.ReadAllBytes(file))
                ? $"Mall:Logo '{o.Logo}' cannot be printed in documents: save it as a JPEG or as a PNG with 8-bit grey or RGB colour (not a palette PNG)."
            : null;
    }

    public ValidateOptionsResult Validate(string? name, NetworkOptions o)
    {
        foreach (var entry in o.KnownProxies)
            if (!WebServer.TryParseProxy(entry, out _))
                return ValidateOptionsResult.Fail($"Network:KnownProxies: '{entry}' is not an IP address or network (for example '10.0.0.5' or '10.0.0.0/8').");
        return ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, DemoOptions o)
    {
        if (o.OutboxPage == true && env.IsProduction())
            return ValidateOptionsResult.Fail("Demo:OutboxPage cannot be on in Production: the page shows every message, codes and personal data included.");
        if (o.HistoryDays is < 0 or > 366) return ValidateOptionsResult.Fail("Demo:HistoryDays must be between 0 and 366.");
        if (!DemoEnabled(o, env)) return ValidateOptionsResult.Success;
        if (string.IsNullOrWhiteSpace(o.Password) || o.Password.Length < 8)
            return ValidateOptionsResult.Fail("Demo:Password must be set (at least 8 characters, with upper and lower case, a digit and a symbol) when demo data is seeded.");
        return ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, LimitsOptions o) =>
        o.MaxRequestBodyBytes is >= 1024 and <= 1_073_741_824
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Limits:MaxRequestBodyBytes must be between 1024 and 1073741824.");

    public ValidateOptionsResult Validate(string? name, RateLimitingOptions o) =>
        o.PublicWritesPerMinute <= 0 ? ValidateOptionsResult.Fail("RateLimiting:PublicWritesPerMinute must be greater than 0.")
        : o.BookingsPerAddressPerMinute <= 0 ? ValidateOptionsResult.Fail("RateLimiting:BookingsPerAddressPerMinute must be greater than 0.")
        : o.BookingsPerPhonePerHour <= 0 ? ValidateOptionsResult.Fail("RateLimiting:BookingsPerPhonePerHour must be greater than 0.")
        : o.TrackingPerMinute <= 0 ? ValidateOptionsResult.Fail("RateLimiting:TrackingPerMinute must be greater than 0.")
        : o.LoginsPerMinute <= 0 ? ValidateOptionsResult.Fail("RateLimiting:LoginsPerMinute must be greater than 0.")
        : o.LoginsPerAccountPerMinute <= 0 ? ValidateOptionsResult.Fail("RateLimiting:LoginsPerAccountPerMinute must be greater than 0.")
        : o.LoginFailuresPerAddress is <= 0 or >= SignInGuard.AccountLockoutFailures
            ? ValidateOptionsResult.Fail($"RateLimiting:LoginFailuresPerAddress must be between 1 and {SignInGuard.AccountLockoutFailures - 1} (below the account lockout of {SignInGuard.AccountLockoutFailures} failures).")
        : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, SecurityOptions o) =>
        o.SessionCheckSeconds is >= 0 and <= 3600
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Security:SessionCheckSeconds must be between 0 and 3600.");

    public ValidateOptionsResult Validate(string? name, TelemetryOptions o) =>
        string.IsNullOrWhiteSpace(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Telemetry:OtlpEndpoint '{o.OtlpEndpoint}' is not an absolute URL.");

    public ValidateOptionsResult Validate(string? name, FilesOptions o) =>
        string.IsNullOrWhiteSpace(o.Root) || o.Root.IndexOfAny(Path.GetInvalidPathChars()) >= 0
            ? ValidateOptionsResult.Fail($"Files:Root must be a folder path (it is '{o.Root}').")
            : ValidateOptionsResult.Success;

    // Api:PublishDocs is a bool: the binder already refuses anything else, naming the key.
    public ValidateOptionsResult Validate(string? name, ApiOptions o) => ValidateOptionsResult.Success;

    public static bool DemoEnabled(DemoOptions o, IHostEnvironment env) => o.Seed ?? !env.IsProduction();

    public static bool OutboxPageOn(DemoOptions o, IHostEnvironment env) => o.OutboxPage ?? env.IsDevelopment();
}
