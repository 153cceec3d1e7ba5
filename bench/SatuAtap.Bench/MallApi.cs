using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SatuAtap.Bench;

/// <summary>Set-up calls against the running mall's API: sign in, find the building, a service, a counter.</summary>
public static class MallApi
{
    public const string DemoPassword = "Demo#2026satu";
    public const string Manager = "pengelola@demo.satuatap.id";
    public const string DukcapilOfficer = "dukcapil@demo.satuatap.id";
    public const string Citizen = "warga@demo.satuatap.id";

    public static HttpClient Client(Uri baseUri, int connections = 16) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>A bearer token from <c>POST /api/v1/identity/login</c>.</summary>
    public static async Task<string> TokenAsync(Uri baseUri, string email, CancellationToken ct)
    {
        using var r = await LoginAsync(baseUri, email, cookie: false, ct);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>(ct);
        return body.GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// The sign-in cookie (<c>name=value</c>, ready for a <c>Cookie</c> header) from <c>POST /api/v1/identity/login?useCookies=true</c>,
    /// as a browser holds it for the staff pages (the harness turns staff two-factor off).
    /// </summary>
    public static async Task<string> CookieAsync(Uri baseUri, string email, CancellationToken ct)
    {
        using var r = await LoginAsync(baseUri, email, cookie: true, ct);
        var cookies = r.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';', 2)[0]).ToList() : [];
        if (cookies.Count == 0) throw new InvalidOperationException($"Signing in as {email} with cookies set no cookie.");
        return string.Join("; ", cookies);
    }

    private static async Task<HttpResponseMessage> LoginAsync(Uri baseUri, string email, bool cookie, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        var r = await http.PostAsJsonAsync(cookie ? "/api/v1/identity/login?useCookies=true" : "/api/v1/identity/login", new { email, password = DemoPassword }, ct);
        await EnsureAsync(r, $"sign in as {email}", ct);
        return r;
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>The building site (kind "building") with its time zone.</summary>
    public static async Task<(Guid Id, TimeZoneInfo Zone)> BuildingAsync(HttpClient http, CancellationToken ct)
    {
        var sites = await http.GetFromJsonAsync<JsonElement>("/api/v1/sites", ct);
        var building = sites.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "building");
        return (building.GetProperty("id").GetGuid(), TimeZoneInfo.FindSystemTimeZoneById(building.GetProperty("timeZone").GetString()!));
    }

    /// <summary>A service's id and its agency's id, by the service's code.</summary>
    public static async Task<(Guid Id, Guid AgencyId)> ServiceAsync(HttpClient http, string code, CancellationToken ct)
    {
        var s = await http.GetFromJsonAsync<JsonElement>($"/api/v1/services/{code}", ct);
        return (s.GetProperty("id").GetGuid(), s.GetProperty("agency").GetProperty("id").GetGuid());
    }

    /// <summary>A counter of the site that belongs to the agency and serves the service.</summary>
    public static async Task<Guid> CounterAsync(HttpClient http, Guid siteId, Guid agencyId, Guid serviceId, CancellationToken ct)
    {
        var counters = await http.GetFromJsonAsync<JsonElement>($"/api/v1/sites/{siteId}/counters", ct);
        return counters.EnumerateArray()
            .First(c => c.GetProperty("agencyId").GetGuid() == agencyId && c.GetProperty("serviceIds").EnumerateArray().Any(x => x.GetGuid() == serviceId))
            .GetProperty("id").GetGuid();
    }

    public static async Task EnsureAsync(HttpResponseMessage r, string what, CancellationToken ct)
    {
        if (r.IsSuccessStatusCode) return;
        throw new InvalidOperationException($"Could not {what}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(ct)}");
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
