using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace SatuAtap.BrowserTests.Infrastructure;

/// <summary>
/// The mall on a real socket (Kestrel on a free loopback port, its own SQLite database with the demo) and
/// Debian's Chromium driven by Playwright. Playwright's own browser download is never used.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fixture through IAsyncLifetime.DisposeAsync, which disposes the host.")]
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DemoPassword = "Demo#2026satu";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "satuatap-browser", Guid.NewGuid().ToString("N"));
    private MallHost? _host;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    /// <summary>The mall's services, for a test that changes a record the way no endpoint would (no push).</summary>
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The mall is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's Chromium (apt-get install chromium); ./test.sh does this.");
        Directory.CreateDirectory(_folder);
        _host = new MallHost(_folder);
        _host.UseKestrel(0);
        _host.StartServer();
        BaseUrl = _host.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A new browser context (its own cookies), optionally without JavaScript.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, string locale = "id-ID")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, JavaScriptEnabled = javaScript, Locale = locale,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, // a phone
        });
        if (!javaScript) WithoutJavaScript.Add(context, this);
        return await context.NewPageAsync();
    }

    public async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/akun/masuk");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, BrowserFixture> WithoutJavaScript = new();

    /// <summary>
    /// Runs axe on the page and fails on any serious or critical violation, listing them. axe is a script: for a
    /// page in a context without JavaScript, the same address is scanned in a twin context with the same cookies.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        if (WithoutJavaScript.TryGetValue(page.Context, out var fixture))
        {
            var twin = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = fixture.BaseUrl, StorageState = await page.Context.StorageStateAsync(),
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            });
            try
            {
                var scanned = await twin.NewPageAsync();
                await scanned.GotoAsync(page.Url);
                await AssertAccessibleAsync(scanned);
            }
            finally
            {
                await twin.CloseAsync();
            }
            return;
        }
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{page.Url}: " + string.Join("; ", bad.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private sealed class MallHost(string folder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(folder, "mall.db")}");
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Demo:HistoryDays", "0");
            builder.UseSetting("Mall:PublicBaseUrl", "https://mpp.test.example");
            builder.UseSetting("Demo:Password", DemoPassword);
            builder.UseSetting("Demo:OutboxPage", "true"); // as in Development: the registration journey reads its code there
            builder.UseSetting("Security:RequireTwoFactorForStaff", "false");
            builder.UseSetting("Files:Root", Path.Combine(folder, "files"));
            builder.UseSetting("RateLimiting:Enabled", "false");
            builder.UseSetting("Queue:EnforceOpeningHours", "false"); // the journeys run at whatever hour the suite runs
            // The demo circuit comes to each stop weekly: with two weeks the next visit is always open for booking.
            builder.UseSetting("Queue:BookingOpensDaysAhead", "14");
            // Boards read their calls this often besides the pushes (BoardRefreshTests checks it without a push).
            builder.UseSetting("Queue:BoardRefreshSeconds", "3");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("PersonalData:KeyFile", Path.Combine(folder, "personal-data-keys.json"));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
