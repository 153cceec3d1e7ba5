using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SatuAtap.BrowserTests.Infrastructure;

namespace SatuAtap.BrowserTests.Platform;

/// <summary>
/// Signs in as each demo role (and as nobody), starts from the role's landing pages and follows every same-origin
/// link it finds, so that a page added later is visited too. At 360×740 a page fails when the document is wider
/// than the window (it would scroll sideways) or when axe finds a serious or critical violation; the failure names
/// the page and the elements that stick out.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PhoneWidthCrawlTests(BrowserFixture mall)
{
    private const int PagesPerRole = 70;
    private const int VariantsPerShape = 2;

    // Pages scanned by axe once over the whole crawl (one address per shape), so that the crawl stays short.
    private static readonly HashSet<string> Scanned = [];

    [Theory]
    [InlineData("")]
    [InlineData("warga@demo.satuatap.id")]
    [InlineData("dukcapil@demo.satuatap.id")]
    [InlineData("kepala.dukcapil@demo.satuatap.id")]
    [InlineData("pengelola@demo.satuatap.id")]
    [InlineData("admin@demo.satuatap.id")]
    [InlineData("bupati@demo.satuatap.id")]
    public async Task EveryReachablePage_FitsA360PxPhone(string account)
    {
        var page = await mall.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        var start = new List<string> { "/", "/layanan", "/antrian", "/permohonan/ajukan/PTSP-NIB" };
        if (account.Length > 0)
        {
            await mall.SignInAsync(page, account);
            start = account == "warga@demo.satuatap.id" ? ["/akun", "/permohonan", .. start] : ["/kelola", "/akun"];
        }

        var problems = new List<string>();
        // Staff see the public pages as everyone does: their crawl stays under /kelola and /akun.
        var staff = account.Length > 0 && account != "warga@demo.satuatap.id";
        var visited = await CrawlAsync(page, start, problems, staff ? "^/(kelola|akun)" : "^/");
        if (account.Length == 0)
        {
            // One page in English: the longer words must fit too.
            await page.GotoAsync("/bahasa/en?kembali=%2Flayanan%2FDKP-KTP");
            await CheckAsync(page, problems);
            visited++;
        }

        Assert.True(visited >= 10, $"only {visited} pages reached as '{account}'");
        Assert.True(problems.Count == 0, $"as '{(account.Length == 0 ? "anonymous" : account)}':\n" + string.Join("\n", problems));
    }

    private async Task<int> CrawlAsync(IPage page, List<string> start, List<string> problems, string within)
    {
        var queue = new Queue<string>(start);
        var seen = new HashSet<string>(start);
        var shapes = new Dictionary<string, int>();
        foreach (var s in start) shapes[Shape(s)] = shapes.GetValueOrDefault(Shape(s)) + 1;
        var visited = 0;
        while (queue.Count > 0 && visited < PagesPerRole)
        {
            var path = queue.Dequeue();
            IResponse? response;
            try
            {
                response = await page.GotoAsync(path);
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (response is null || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
                continue;
            visited++;
            if (response.Status >= 500) problems.Add($"{path}: HTTP {response.Status}");
            await CheckAsync(page, problems);

            var hrefs = await page.EvalOnSelectorAllAsync<string[]>("a[href]:not([download])",
                "links => links.map(a => a.href)");
            foreach (var href in hrefs)
            {
                var next = Follow(href);
                if (next is null || !Regex.IsMatch(next, within) || !seen.Add(next)) continue;
                var shape = Shape(next);
                var count = shapes.GetValueOrDefault(shape);
                if (count >= VariantsPerShape) continue;
                shapes[shape] = count + 1;
                queue.Enqueue(next);
            }
        }
        return visited;
    }

    /// <summary>The path and query of a link worth following, or null.</summary>
    private string? Follow(string href)
    {
        if (!Uri.TryCreate(href, UriKind.Absolute, out var uri)) return null;
        if (!href.StartsWith(mall.BaseUrl + "/", StringComparison.Ordinal)) return null;
        var path = uri.AbsolutePath;
        if (Skipped().IsMatch(path)) return null;
        return path + uri.Query;
    }

    // Signing out, the language switch (one English page is checked on its own), the API and its browser, health
    // checks and files.
    [GeneratedRegex(@"^/(akun/keluar|bahasa/|api/|scalar|openapi|health|logo$|favicon|css/|js/|lib/)|\.(pdf|csv|ics|png|jpe?g|svg|json|xml|txt|zip|webmanifest)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Skipped();

    /// <summary>
    /// Pages of one kind share a shape: a segment holding a code or an id (a digit or a capital letter) becomes
    /// <c>*</c>, and the query string is left out, so that the crawl visits a few services rather than all fifty.
    /// </summary>
    private static string Shape(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?')[0];
        return string.Join('/', path.Split('/').Select(s => s.Any(c => char.IsDigit(c) || char.IsUpper(c)) || s.Length > 24 ? "*" : s));
    }

    private static async Task CheckAsync(IPage page, List<string> problems)
    {
        var where = new Uri(page.Url).PathAndQuery;
        var wide = await page.EvaluateAsync<string?>("""
            () => {
              const root = document.documentElement;
              if (root.scrollWidth <= root.clientWidth) return null;
              const out = [];
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.right > root.clientWidth + 1 && r.width > 0) {
                  let name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
                  out.push(name + ' (' + Math.round(r.right) + ' px)');
                  if (out.length >= 4) break;
                }
              }
              return root.scrollWidth + ' px wide at ' + root.clientWidth + ' px: ' + out.join(', ');
            }
            """);
        if (wide is not null) problems.Add($"{where}: {wide}");

        if (!Scanned.Add(Shape(where))) return;
        var result = await page.RunAxe();
        foreach (var v in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            problems.Add($"{where}: axe {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
    }
}
